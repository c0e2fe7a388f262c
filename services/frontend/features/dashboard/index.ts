/** The spend dashboard (`/dashboard`). */
export { DashboardScreen } from './components/dashboard-screen';
export { dashboardQueryKey } from './lib/query-keys';
