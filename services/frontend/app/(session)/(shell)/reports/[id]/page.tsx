import { ReportScreen } from '@/features/reports';

/** `/reports/[id]`: one report with its waterfall, tabs, exports and recommendations. */
export default async function ReportPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <ReportScreen reportId={id} />;
}
