import { AlertsSection } from '@/features/settings';

export default function Page() {
  return <AlertsSection />;
}
