import { ExportSection } from '@/features/settings';

export default function Page() {
  return <ExportSection />;
}
