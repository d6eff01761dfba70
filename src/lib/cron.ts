/**
 * Cron schedules as kube's CronJob controller reads them (robfig/cron v3 ParseStandard): five
 * fields (minute hour day-of-month month day-of-week) with lists, ranges, steps, month and day
 * names and `?`; the descriptors @yearly, @annually, @monthly, @weekly, @daily, @midnight,
 * @hourly and @every <duration>; an optional `TZ=`/`CRON_TZ=` prefix. Times are computed in the
 * schedule's time zone (UTC without one, as kube-controller-manager in its container). Errors
 * carry robfig's texts: API validation reports them as kube-apiserver does.
 */

/** The schedule text cannot be read. */
export class ScheduleError extends Error {
  override readonly name = 'ScheduleError';
}

export interface Schedule {
  /** The first activation strictly after `ms` (whole seconds), or undefined within five years none. */
  next(ms: number): number | undefined;
}

interface Bounds {
  readonly min: number;
  readonly max: number;
  readonly names?: Readonly<Record<string, number>>;
}

const MONTHS: Readonly<Record<string, number>> = { jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12 };
const DAYS: Readonly<Record<string, number>> = { sun: 0, mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6 };
const MINUTE: Bounds = { min: 0, max: 59 };
const HOUR: Bounds = { min: 0, max: 23 };
const DOM: Bounds = { min: 1, max: 31 };
const MONTH: Bounds = { min: 1, max: 12, names: MONTHS };
const DOW: Bounds = { min: 0, max: 6, names: DAYS };
/** robfig's starBit: the field was `*` or `?` (matters for day-of-month versus day-of-week). */
const STAR = 1n << 63n;

const DESCRIPTORS: Readonly<Record<string, string>> = {
  '@yearly': '0 0 1 1 *',
  '@annually': '0 0 1 1 *',
  '@monthly': '0 0 1 * *',
  '@weekly': '0 0 * * 0',
  '@daily': '0 0 * * *',
  '@midnight': '0 0 * * *',
  '@hourly': '0 * * * *',
};

/** Reads a schedule; `timeZone` is the CronJob's spec.timeZone (a `TZ=` prefix in the text wins). */
export function parseSchedule(text: string, timeZone?: string): Schedule {
  if (text.length === 0) throw new ScheduleError('empty spec string');
  let spec = text;
  let zone = timeZone === undefined || timeZone === '' ? 'UTC' : timeZone;
  if (spec.startsWith('TZ=') || spec.startsWith('CRON_TZ=')) {
    const space = spec.indexOf(' ');
    const eq = spec.indexOf('=');
    zone = space < 0 ? spec.slice(eq + 1) : spec.slice(eq + 1, space);
    spec = space < 0 ? '' : spec.slice(space).trim();
  }
  if (!isValidTimeZone(zone)) throw new ScheduleError(`provided bad location ${zone}: unknown time zone ${zone}`);
  if (spec.startsWith('@every ')) {
    const duration = spec.slice('@every '.length);
    let ms: number;
    try {
      ms = parseGoDuration(duration);
    } catch (e) {
      throw new ScheduleError(`failed to parse duration ${spec}: ${(e as Error).message}`);
    }
    const delay = Math.max(1000, Math.floor(ms / 1000) * 1000);
    return { next: (at) => Math.floor(at / 1000) * 1000 + delay };
  }
  if (spec.startsWith('@')) {
    const expanded = DESCRIPTORS[spec];
    if (expanded === undefined) throw new ScheduleError(`unrecognized descriptor: ${spec}`);
    spec = expanded;
  }
  const fields = spec.split(/\s+/).filter((f) => f !== '');
  if (fields.length !== 5) throw new ScheduleError(`expected exactly 5 fields, found ${fields.length}: [${fields.join(' ')}]`);
  const [minute, hour, dom, month, dow] = fields as [string, string, string, string, string];
  const parsed: Fields = {
    minute: parseField(minute, MINUTE),
    hour: parseField(hour, HOUR),
    dom: parseField(dom, DOM),
    month: parseField(month, MONTH),
    dow: parseField(dow, DOW),
  };
  const calendar = zone === 'UTC' ? UTC_CALENDAR : zonedCalendar(zone);
  return { next: (ms) => nextActivation(parsed, calendar, ms) };
}

interface Fields {
  readonly minute: bigint;
  readonly hour: bigint;
  readonly dom: bigint;
  readonly month: bigint;
  readonly dow: bigint;
}

function parseField(field: string, bounds: Bounds): bigint {
  let bits = 0n;
  for (const part of field.split(',')) if (part !== '') bits |= parseRange(part, bounds);
  return bits;
}

function parseRange(expr: string, bounds: Bounds): bigint {
  const rangeAndStep = expr.split('/');
  const lowAndHigh = (rangeAndStep[0] ?? '').split('-');
  const single = lowAndHigh.length === 1;
  let start: number;
  let end: number;
  let extra = 0n;
  if (lowAndHigh[0] === '*' || lowAndHigh[0] === '?') {
    start = bounds.min;
    end = bounds.max;
    extra = STAR;
  } else {
    start = parseIntOrName(lowAndHigh[0] ?? '', bounds);
    if (lowAndHigh.length === 1) end = start;
    else if (lowAndHigh.length === 2) end = parseIntOrName(lowAndHigh[1] ?? '', bounds);
    else throw new ScheduleError(`too many hyphens: ${expr}`);
  }
  let step = 1;
  if (rangeAndStep.length === 2) {
    step = parseNumber(rangeAndStep[1] ?? '');
    // "N/step" means "N-max/step".
    if (single) end = bounds.max;
    if (step > 1) extra = 0n;
  } else if (rangeAndStep.length > 2) {
    throw new ScheduleError(`too many slashes: ${expr}`);
  }
  if (start < bounds.min) throw new ScheduleError(`beginning of range (${start}) below minimum (${bounds.min}): ${expr}`);
  if (end > bounds.max) throw new ScheduleError(`end of range (${end}) above maximum (${bounds.max}): ${expr}`);
  if (start > end) throw new ScheduleError(`beginning of range (${start}) beyond end of range (${end}): ${expr}`);
  if (step === 0) throw new ScheduleError(`step of range should be a positive number: ${expr}`);
  let bits = 0n;
  for (let i = start; i <= end; i += step) bits |= 1n << BigInt(i);
  return bits | extra;
}

function parseIntOrName(value: string, bounds: Bounds): number {
  const named = bounds.names?.[value.toLowerCase()];
  return named ?? parseNumber(value);
}

/** robfig's mustParseInt: strconv.Atoi's errors, and no negative numbers. */
function parseNumber(value: string): number {
  if (!/^[+-]?[0-9]+$/.test(value)) throw new ScheduleError(`failed to parse int from ${value}: strconv.Atoi: parsing ${JSON.stringify(value)}: invalid syntax`);
  const n = Number(value);
  if (!Number.isSafeInteger(n)) throw new ScheduleError(`failed to parse int from ${value}: strconv.Atoi: parsing ${JSON.stringify(value)}: value out of range`);
  if (n < 0) throw new ScheduleError(`negative number (${n}) not allowed: ${value}`);
  return n;
}

const has = (bits: bigint, n: number): boolean => (bits & (1n << BigInt(n))) !== 0n;

/** robfig's dayMatches: with a `*` in either day field both must match, else either. */
function dayMatches(f: Fields, t: Wall): boolean {
  const domMatch = has(f.dom, t.day);
  const dowMatch = has(f.dow, t.weekday);
  if ((f.dom & STAR) !== 0n || (f.dow & STAR) !== 0n) return domMatch && dowMatch;
  return domMatch || dowMatch;
}

/** Wall-clock fields of an instant in the schedule's zone. */
interface Wall {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
  readonly weekday: number;
}

/** A time zone as the algorithm needs it: instant ↔ wall clock. */
interface Calendar {
  wall(ms: number): Wall;
  /** Go's time.Date in the zone (fields may overflow and are normalized). */
  date(year: number, month: number, day: number, hour: number, minute: number, second: number): number;
}

const UTC_CALENDAR: Calendar = {
  wall(ms) {
    const d = new Date(ms);
    return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), hour: d.getUTCHours(), minute: d.getUTCMinutes(), second: d.getUTCSeconds(), weekday: d.getUTCDay() };
  },
  date: (y, mo, d, h, mi, s) => Date.UTC(y, mo - 1, d, h, mi, s),
};

const WEEKDAYS: Readonly<Record<string, number>> = { Sun: 0, Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6 };

function zonedCalendar(zone: string): Calendar {
  const format = new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric', weekday: 'short' });
  const wall = (ms: number): Wall => {
    const parts: Record<string, string> = {};
    for (const p of format.formatToParts(new Date(ms))) parts[p.type] = p.value;
    return {
      year: Number(parts.year),
      month: Number(parts.month),
      day: Number(parts.day),
      hour: Number(parts.hour),
      minute: Number(parts.minute),
      second: Number(parts.second),
      weekday: WEEKDAYS[parts.weekday ?? ''] ?? 0,
    };
  };
  /** Wall clock minus UTC at an instant. */
  const offset = (ms: number): number => {
    const w = wall(ms);
    return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second) - Math.floor(ms / 1000) * 1000;
  };
  return {
    wall,
    date(y, mo, d, h, mi, s) {
      const asUtc = Date.UTC(y, mo - 1, d, h, mi, s);
      const first = asUtc - offset(asUtc);
      const second = asUtc - offset(first);
      return second;
    },
  };
}

/** The UTC offset of `ms` in `zone` as RFC 3339 writes it (`Z` for UTC). */
export function formatRfc3339InZone(ms: number, zone: string | undefined): string {
  const utc = new Date(Math.floor(ms / 1000) * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
  if (zone === undefined || zone === '' || zone === 'UTC') return utc;
  const calendar = zonedCalendar(zone);
  const w = calendar.wall(ms);
  const offsetMin = Math.round((Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second) - Math.floor(ms / 1000) * 1000) / 60_000);
  const pad = (n: number, l = 2): string => String(n).padStart(l, '0');
  const date = `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}T${pad(w.hour)}:${pad(w.minute)}:${pad(w.second)}`;
  if (offsetMin === 0) return `${date}Z`;
  const sign = offsetMin < 0 ? '-' : '+';
  const abs = Math.abs(offsetMin);
  return `${date}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

export function isValidTimeZone(zone: string): boolean {
  if (zone === 'UTC' || zone === '') return true;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

const HOUR_MS = 3_600_000;

/** robfig's SpecSchedule.Next, field by field in the zone's wall clock. */
function nextActivation(f: Fields, cal: Calendar, from: number): number | undefined {
  // The upcoming whole second.
  let t = Math.floor(from / 1000) * 1000 + 1000;
  let added = false;
  const yearLimit = cal.wall(t).year + 5;
  wrap: for (;;) {
    let w = cal.wall(t);
    if (w.year > yearLimit) return undefined;
    while (!has(f.month, w.month)) {
      if (!added) {
        added = true;
        t = cal.date(w.year, w.month, 1, 0, 0, 0);
        w = cal.wall(t);
      }
      t = cal.date(w.year, w.month + 1, w.day, w.hour, w.minute, w.second);
      w = cal.wall(t);
      if (w.month === 1) continue wrap;
    }
    while (!dayMatches(f, w)) {
      if (!added) {
        added = true;
        t = cal.date(w.year, w.month, w.day, 0, 0, 0);
        w = cal.wall(t);
      }
      t = cal.date(w.year, w.month, w.day + 1, w.hour, w.minute, w.second);
      w = cal.wall(t);
      // Midnight may not exist on a DST day: snap back to it.
      if (w.hour !== 0) {
        t += w.hour > 12 ? (24 - w.hour) * HOUR_MS : -w.hour * HOUR_MS;
        w = cal.wall(t);
      }
      if (w.day === 1) continue wrap;
    }
    while (!has(f.hour, w.hour)) {
      if (!added) {
        added = true;
        t = cal.date(w.year, w.month, w.day, w.hour, 0, 0);
      }
      t += HOUR_MS;
      w = cal.wall(t);
      if (w.hour === 0) continue wrap;
    }
    while (!has(f.minute, w.minute)) {
      if (!added) {
        added = true;
        t = Math.floor(t / 60_000) * 60_000;
      }
      t += 60_000;
      w = cal.wall(t);
      if (w.minute === 0) continue wrap;
    }
    // Seconds are always 0 in a standard schedule.
    while (w.second !== 0) {
      if (!added) {
        added = true;
        t = Math.floor(t / 1000) * 1000;
      }
      t += 1000;
      w = cal.wall(t);
      if (w.second === 0) continue wrap;
    }
    return t;
  }
}

const DURATION_UNITS: Readonly<Record<string, number>> = { ns: 1e-6, us: 1e-3, 'µs': 1e-3, 'μs': 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** Go's time.ParseDuration, in milliseconds. */
export function parseGoDuration(text: string): number {
  let s = text;
  let sign = 1;
  if (s.startsWith('-') || s.startsWith('+')) {
    if (s.startsWith('-')) sign = -1;
    s = s.slice(1);
  }
  if (s === '0') return 0;
  if (s === '') throw new ScheduleError(`time: invalid duration "${text}"`);
  let total = 0;
  const re = /^(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h)/;
  while (s.length > 0) {
    const m = re.exec(s);
    if (!m?.[1] || !m[2]) throw new ScheduleError(`time: invalid duration "${text}"`);
    total += Number(m[1]) * (DURATION_UNITS[m[2]] ?? 0);
    s = s.slice(m[0].length);
  }
  return sign * total;
}
