/** The app shell: the frame of signed-in screens and the navigation list. */
export { AppShell } from './components/app-shell';
export { NAV_ITEMS, type NavItem } from './nav-items';
