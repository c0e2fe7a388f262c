import { PlatformStatus } from './_components/platform-status';

/** Home: the platform status screen, until login, chat and reports arrive. */
export default function HomePage() {
  return <PlatformStatus />;
}
