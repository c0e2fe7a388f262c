import { ProfileSection } from '@/features/settings';

export default function Page() {
  return <ProfileSection />;
}
