/** Times as the API stores them. */

/** metav1.Time: RFC 3339 with whole seconds. */
export function rfc3339(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19)}Z`;
}

/** Milliseconds since the epoch of an API time, or undefined when absent or unreadable. */
export function parseTime(value: string | undefined | null): number | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : ms;
}

/** Rounds down to whole seconds, the precision of metav1.Time. */
export function wholeSeconds(ms: number): number {
  return Math.floor(ms / 1000) * 1000;
}
