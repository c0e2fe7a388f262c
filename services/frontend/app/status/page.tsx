import { PlatformStatus } from '../_components/platform-status';

/** `/status`: whether each service is up, for anyone (no sign-in), e.g. while the stack starts. */
export default function StatusPage() {
  return <PlatformStatus />;
}
