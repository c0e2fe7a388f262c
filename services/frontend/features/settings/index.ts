/** Settings (`/settings/<section>`): profile, members, price overrides, budgets and alerts, data, export. */
export { SettingsLayout } from './components/settings-layout';
export { ProfileSection } from './components/profile-section';
export { MembersSection } from './components/members-section';
export { PricesSection } from './components/prices-section';
export { AlertsSection } from './components/alerts-section';
export { DataSection } from './components/data-section';
export { ExportSection } from './components/export-section';
export { SETTINGS_SECTIONS, sectionHref } from './lib/sections';
