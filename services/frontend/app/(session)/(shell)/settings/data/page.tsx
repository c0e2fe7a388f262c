import { DataSection } from '@/features/settings';

export default function Page() {
  return <DataSection />;
}
