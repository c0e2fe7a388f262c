import { MembersSection } from '@/features/settings';

export default function Page() {
  return <MembersSection />;
}
