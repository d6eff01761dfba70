/**
 * resource.Quantity: parsing, exact comparison and the canonical string form kube-apiserver writes
 * back ("1000m" → "1", "1024Mi" → "1Gi"). Values are held exactly as a count of nano-units, which
 * is the finest precision kube keeps (anything finer is rounded up, away from zero, at parse).
 */

export type QuantityFormat = 'DecimalSI' | 'BinarySI' | 'DecimalExponent';

export interface Quantity {
  /** The value times 10^9, exact. */
  readonly nanos: bigint;
  readonly format: QuantityFormat;
}

export const QUANTITY_FORMAT_ERROR =
  "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";
const NUMERIC_ERROR = 'unable to parse numeric part of quantity';
const SUFFIX_ERROR = "unable to parse quantity's suffix";

export class QuantityError extends Error {
  override readonly name = 'QuantityError';
}

const NANO = 1_000_000_000n;
const MAX_UNITS = 9223372036854775807n;

const DECIMAL_SUFFIX: Record<string, number> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const BINARY_SUFFIX: Record<string, number> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };

function divCeilAway(n: bigint, d: bigint): bigint {
  const q = n / d;
  if (q * d === n) return q;
  return n < 0n ? q - 1n : q + 1n;
}

/** ParseQuantity. JSON numbers are accepted as their decimal text, as kube's decoder does. */
export function parseQuantity(input: string | number): Quantity {
  const s = typeof input === 'number' ? numberText(input) : input.trim();
  if (s.length === 0) throw new QuantityError(QUANTITY_FORMAT_ERROR);
  const m = /^([+-]?)([0-9]*)(?:\.([0-9]*))?(.*)$/.exec(s);
  if (m === null) throw new QuantityError(QUANTITY_FORMAT_ERROR);
  const sign = m[1] ?? '';
  const whole = m[2] ?? '';
  const frac = m[3] ?? '';
  const suffix = m[4] ?? '';
  if (whole.length === 0 && frac.length === 0) throw new QuantityError(QUANTITY_FORMAT_ERROR);
  if (!/^[eEinumkKMGTP]*[-+]?[0-9]*$/.test(suffix)) throw new QuantityError(QUANTITY_FORMAT_ERROR);

  let exp10: number;
  let exp2 = 0;
  let format: QuantityFormat;
  const dec = DECIMAL_SUFFIX[suffix];
  const bin = BINARY_SUFFIX[suffix];
  if (dec !== undefined) {
    exp10 = dec;
    format = 'DecimalSI';
  } else if (bin !== undefined) {
    exp10 = 0;
    exp2 = bin;
    format = 'BinarySI';
  } else if (/^[eE][-+]?[0-9]+$/.test(suffix)) {
    exp10 = Number(suffix.slice(1));
    if (!Number.isSafeInteger(exp10)) throw new QuantityError(NUMERIC_ERROR);
    format = 'DecimalExponent';
  } else {
    throw new QuantityError(SUFFIX_ERROR);
  }

  const digits = BigInt(`${whole}${frac}` === '' ? '0' : `${whole}${frac}`);
  // value = digits * 10^(exp10 - frac.length) * 2^exp2; scale to nanos.
  const e = exp10 - frac.length + 9;
  let nanos: bigint;
  const pow2 = 1n << BigInt(exp2);
  if (e >= 0) nanos = digits * 10n ** BigInt(e) * pow2;
  else nanos = divCeilAway(digits * pow2, 10n ** BigInt(-e));
  if (sign === '-') nanos = -nanos;
  const max = MAX_UNITS * NANO;
  if (nanos > max) nanos = max;
  if (nanos < -max) nanos = -max;
  if (format === 'BinarySI' && nanos < NANO && nanos > -NANO) format = 'DecimalSI';
  return { nanos, format };
}

function numberText(n: number): string {
  if (!Number.isFinite(n)) throw new QuantityError(QUANTITY_FORMAT_ERROR);
  const t = String(n);
  if (!t.includes('e')) return t;
  return n.toFixed(20).replace(/\.?0+$/, '');
}

export function tryParseQuantity(v: unknown): Quantity | undefined {
  if (typeof v !== 'string' && typeof v !== 'number') return undefined;
  try {
    return parseQuantity(v);
  } catch {
    return undefined;
  }
}

export function compareQuantity(a: Quantity, b: Quantity): number {
  return a.nanos < b.nanos ? -1 : a.nanos > b.nanos ? 1 : 0;
}

export function isZero(q: Quantity): boolean {
  return q.nanos === 0n;
}

/** Value(): whole units, rounded up away from zero. */
export function quantityValue(q: Quantity): bigint {
  return divCeilAway(q.nanos, NANO);
}

/** MilliValue(): thousandths, rounded up away from zero. */
export function quantityMilliValue(q: Quantity): bigint {
  return divCeilAway(q.nanos, 1_000_000n);
}

/** RoundUp(-3): what SetDefaults_ResourceList does to every resource list. */
export function roundUpToMilli(q: Quantity): Quantity {
  return { nanos: divCeilAway(q.nanos, 1_000_000n) * 1_000_000n, format: q.format };
}

function removeFactors(value: bigint, base: bigint): [bigint, number] {
  let v = value < 0n ? -value : value;
  let times = 0;
  while (v >= base && v % base === 0n) {
    v /= base;
    times++;
  }
  return [value < 0n ? -v : v, times];
}

const DECIMAL_BY_EXP = new Map<number, string>(Object.entries(DECIMAL_SUFFIX).map(([k, v]) => [v, k]));
const BINARY_BY_EXP = ['', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei'];

/** Quantity.String(): the canonical form kube serializes. */
export function formatQuantity(q: Quantity): string {
  if (q.nanos === 0n) return '0';
  let format = q.format;
  if (format === 'BinarySI') {
    const units = q.nanos / NANO;
    if ((q.nanos > -1024n * NANO && q.nanos < 1024n * NANO) || units * NANO !== q.nanos) {
      format = 'DecimalSI';
    } else {
      const [mantissa, times] = removeFactors(units, 1024n);
      if (times < BINARY_BY_EXP.length) return `${mantissa}${BINARY_BY_EXP[times] ?? ''}`;
      const extra = times - (BINARY_BY_EXP.length - 1);
      return `${mantissa * 1024n ** BigInt(extra)}Ei`;
    }
  }
  const [stripped, times] = removeFactors(q.nanos, 10n);
  let mantissa = stripped;
  let exponent = times - 9;
  const rem = exponent % 3;
  if (rem === 1 || rem === -2) {
    mantissa *= 10n;
    exponent -= 1;
  } else if (rem === 2 || rem === -1) {
    mantissa *= 100n;
    exponent -= 2;
  }
  if (format === 'DecimalExponent') return exponent === 0 ? `${mantissa}` : `${mantissa}e${exponent}`;
  const suffix = DECIMAL_BY_EXP.get(exponent);
  return suffix !== undefined ? `${mantissa}${suffix}` : `${mantissa}e${exponent}`;
}

/** Parse and re-render in canonical form; undefined when the input does not parse. */
export function canonicalQuantity(v: unknown, roundToMilli = false): string | undefined {
  const q = tryParseQuantity(v);
  if (q === undefined) return undefined;
  return formatQuantity(roundToMilli ? roundUpToMilli(q) : q);
}
