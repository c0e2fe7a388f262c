import { PricesSection } from '@/features/settings';

export default function Page() {
  return <PricesSection />;
}
