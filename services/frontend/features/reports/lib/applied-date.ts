/**
 * The "applied on" date of a recommendation: a day picked in a date field (`YYYY-MM-DD`, UTC) as the
 * ISO instant the API takes. Today means now (the API refuses a time in the future); an earlier day
 * means its start, so realized savings compare whole days before and after.
 * @module
 */

/** Today's date as a date field's value (`YYYY-MM-DD`, UTC). */
export function todayValue(now: Date): string {
  return now.toISOString().slice(0, 10);
}

/** The ISO instant for a picked day; null for an empty or malformed value or a day after today. */
export function appliedAtFor(day: string, now: Date): string | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || Number.isNaN(Date.parse(`${day}T00:00:00.000Z`))) {
    return null;
  }
  const today = todayValue(now);
  if (day > today) {
    return null;
  }
  return day === today ? now.toISOString() : `${day}T00:00:00.000Z`;
}
