import { PlatformStatus } from '@/app/_components/platform-status';

/** `/`: the signed-in home. Until chat, reports and the dashboard land it shows the platform status. */
export default function HomePage() {
  return <PlatformStatus as="section" />;
}
