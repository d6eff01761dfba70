/**
 * Ages as kube prints them: `duration.HumanDuration` (about two significant figures) and the
 * printers' `translateTimestampSince`, with Go's truncating integer arithmetic.
 */

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/** Go's zero `time.Time`, which `IsZero` reports and `<unknown>` stands for. */
const GO_ZERO_TIME_MS = Date.parse('0001-01-01T00:00:00Z');

/**
 * Milliseconds since the epoch of an RFC 3339 timestamp (`metav1.Time` / `MicroTime` on the wire);
 * undefined when it is absent, null, malformed or Go's zero time.
 */
export function parseTimestamp(value: unknown): number | undefined {
  if (typeof value !== 'string' || !RFC3339.test(value)) return undefined;
  const ms = Date.parse(value);
  if (Number.isNaN(ms) || ms === GO_ZERO_TIME_MS) return undefined;
  return ms;
}

/** Whether `value` is a well-formed RFC 3339 timestamp (zero time included). */
export function isRfc3339(value: string): boolean {
  return RFC3339.test(value) && !Number.isNaN(Date.parse(value));
}

/** `duration.HumanDuration`, for a duration in milliseconds. */
export function humanDuration(ms: number): string {
  const seconds = Math.trunc(ms / SECOND);
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 60 * 2) return `${seconds}s`;
  const minutes = Math.trunc(ms / MINUTE);
  if (minutes < 10) {
    const s = seconds % 60;
    return s === 0 ? `${minutes}m` : `${minutes}m${s}s`;
  }
  if (minutes < 60 * 3) return `${minutes}m`;
  const hours = Math.trunc(ms / HOUR);
  if (hours < 8) {
    const m = minutes % 60;
    return m === 0 ? `${hours}h` : `${hours}h${m}m`;
  }
  if (hours < 48) return `${hours}h`;
  if (hours < 24 * 8) {
    const h = hours % 24;
    return h === 0 ? `${Math.trunc(hours / 24)}d` : `${Math.trunc(hours / 24)}d${h}h`;
  }
  if (hours < 24 * 365 * 2) return `${Math.trunc(hours / 24)}d`;
  if (hours < 24 * 365 * 8) {
    const dy = Math.trunc(hours / 24) % 365;
    const years = Math.trunc(hours / 24 / 365);
    return dy === 0 ? `${years}y` : `${years}y${dy}d`;
  }
  return `${Math.trunc(hours / 24 / 365)}y`;
}

/** The printers' `translateTimestampSince`: age of a timestamp, `<unknown>` when it is unset. */
export function timestampSince(value: unknown, now: Date): string {
  const ms = parseTimestamp(value);
  return ms === undefined ? '<unknown>' : humanDuration(now.getTime() - ms);
}

/** A duration in whole seconds, formatted like `HumanDuration(time.Duration(s) * time.Second)`. */
export function humanSeconds(seconds: number): string {
  return humanDuration(seconds * SECOND);
}

/** `t.UTC().Format(time.RFC3339)`: what the default table prints in its `Created At` column. */
export function formatRfc3339Utc(value: unknown): string {
  const ms = parseTimestamp(value);
  if (ms === undefined) return '0001-01-01T00:00:00Z';
  return new Date(Math.floor(ms / SECOND) * SECOND).toISOString().replace('.000Z', 'Z');
}
