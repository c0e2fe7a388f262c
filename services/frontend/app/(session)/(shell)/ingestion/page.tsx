import type { Metadata } from 'next';
import { IngestionScreen } from '@/features/ingestion';

export const metadata: Metadata = { title: 'Data sources · Netra Apex' };

/** `/ingestion`: every way to send usage into the current organization. */
export default function IngestionPage() {
  return <IngestionScreen />;
}
