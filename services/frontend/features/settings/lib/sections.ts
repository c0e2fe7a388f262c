/**
 * The settings sections, in the order the section navigation shows them; each is a sub-route
 * `/settings/<slug>`, so a section can be linked to and the browser's back button moves between them.
 * @module
 */

export interface SettingsSection {
  slug: string;
  label: string;
  /** One line under the section's heading: what it is for. */
  description: string;
}

export const SETTINGS_SECTIONS = [
  { slug: 'profile', label: 'Profile', description: 'Your name and your password.' },
  {
    slug: 'members',
    label: 'Members',
    description: 'Who belongs to this organization, their roles, and pending invitations.',
  },
  {
    slug: 'prices',
    label: 'Price overrides',
    description: 'Your own prices, aliases and discounts; they win over the public price catalog.',
  },
  {
    slug: 'alerts',
    label: 'Budgets and alerts',
    description: 'Monthly budgets with alert thresholds, and the webhooks alerts are sent to.',
  },
  {
    slug: 'data',
    label: 'Data retention',
    description: 'How long usage is kept and whether prompt text is stored.',
  },
  { slug: 'export', label: 'Usage export', description: 'Download usage as CSV or FinOps FOCUS.' },
] as const satisfies readonly SettingsSection[];

export type SettingsSlug = (typeof SETTINGS_SECTIONS)[number]['slug'];

export const SETTINGS_PATH = '/settings';

export function sectionHref(slug: SettingsSlug): string {
  return `${SETTINGS_PATH}/${slug}`;
}

/** The section a pathname shows, or undefined for `/settings` itself and unknown paths. */
export function sectionOf(pathname: string): SettingsSection | undefined {
  return SETTINGS_SECTIONS.find((section) => pathname === sectionHref(section.slug));
}
