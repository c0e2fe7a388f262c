import { redirect } from 'next/navigation';
import { sectionHref } from '@/features/settings/lib/sections';

/** `/settings` opens its first section. */
export default function SettingsPage() {
  redirect(sectionHref('profile'));
}
