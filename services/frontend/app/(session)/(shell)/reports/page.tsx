import { ReportsScreen } from '@/features/reports';

/** `/reports`: the organization's reports, newest first. */
export default function ReportsPage() {
  return <ReportsScreen />;
}
