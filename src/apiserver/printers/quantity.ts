/**
 * `resource.Quantity.String()`: kube stores quantities in canonical form ("1000" is served as
 * "1k", "1024Mi" as "1Gi", "0.5" as "500m"), so printed capacities must be canonicalized the same
 * way. Values are exact decimals: `mantissa * 10^exponent`, with BigInt arithmetic.
 */

type Format = 'DecimalSI' | 'BinarySI' | 'DecimalExponent';

type Parsed = {
  /** The quantity is exactly mantissa * 10^exponent. */
  mantissa: bigint;
  exponent: number;
  format: Format;
  /** kube keeps the caller's spelling when it is already canonical. */
  cached?: string;
};

const DECIMAL_SUFFIXES: Readonly<Record<string, number>> = {
  n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18,
};
const BINARY_SUFFIXES: Readonly<Record<string, number>> = {
  Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60,
};
const DECIMAL_BY_EXPONENT = new Map(Object.entries(DECIMAL_SUFFIXES).map(([s, e]) => [e, s]));
const BINARY_BY_EXPONENT = new Map(Object.entries(BINARY_SUFFIXES).map(([s, e]) => [e, s]));

const NANO = -9;
const MAX_INT64_FACTORS = 18;
const MAX_INT64 = (1n << 63n) - 1n;

type Scanned = { positive: boolean; num: string; denom: string; suffix: string };

/** kube's `parseQuantityString` scanner; undefined when the text is not a quantity. */
function scan(text: string): Scanned | undefined {
  const m = /^([+-]?)(\d*)(?:\.(\d*))?(.*)$/.exec(text);
  if (!m) return undefined;
  const [, sign = '', intPart = '', denom = '', suffix = ''] = m;
  // A suffix is letters from a fixed set, then an optionally signed exponent, up to the end.
  if (!/^[eEinumkKMGTP]*[+-]?\d*$/.test(suffix)) return undefined;
  return { positive: sign !== '-', num: intPart.replace(/^0+/, '') || '0', denom, suffix };
}

function interpretSuffix(suffix: string): { base: 2 | 10; exponent: number; format: Format } | undefined {
  const dec = DECIMAL_SUFFIXES[suffix];
  if (dec !== undefined) return { base: 10, exponent: dec, format: 'DecimalSI' };
  const bin = BINARY_SUFFIXES[suffix];
  if (bin !== undefined) return { base: 2, exponent: bin, format: 'BinarySI' };
  if (suffix.length > 1 && (suffix[0] === 'e' || suffix[0] === 'E')) {
    const rest = suffix.slice(1);
    if (!/^[+-]?\d+$/.test(rest)) return undefined;
    const exponent = Number(rest);
    if (!Number.isSafeInteger(exponent)) return undefined;
    return { base: 10, exponent, format: 'DecimalExponent' };
  }
  return undefined;
}

function pow10(n: number): bigint {
  return 10n ** BigInt(n);
}

/** `resource.ParseQuantity`, keeping what `String()` needs. */
function parse(text: string): Parsed | undefined {
  if (text === '') return undefined;
  if (text === '0') return { mantissa: 0n, exponent: 0, format: 'DecimalSI', cached: text };
  const s = scan(text);
  if (!s) return undefined;
  const suffix = interpretSuffix(s.suffix);
  if (!suffix) return undefined;
  const { positive, num, denom } = s;
  const { base, exponent, format } = suffix;
  const digits = BigInt(num + denom);

  // The fast path of ParseQuantity is the only one that may keep the original spelling.
  let precision: number;
  if (format === 'BinarySI') {
    precision = exponent >= 0 && denom.length === 0
      ? 15 - num.length - Math.trunc((exponent * 3) / 10) - 1
      : -1;
  } else {
    precision = MAX_INT64_FACTORS - (num.length + denom.length);
  }
  const scale = (format === 'BinarySI' ? 0 : exponent) - denom.length;
  let cached: string | undefined;
  if (precision >= 0 && scale >= NANO) {
    const shifted = num + denom;
    const multiplier = format === 'BinarySI' ? 1n << BigInt(exponent) : 1n;
    if (digits * multiplier <= MAX_INT64) {
      if (format === 'BinarySI') {
        if (exponent % 10 === 0 && (digits & 7n) !== 0n) cached = text;
      } else if (scale % 3 === 0 && !shifted.endsWith('000') && !shifted.startsWith('0')) {
        cached = text;
      }
    }
  }

  // value = digits * 10^-len(denom) * (2^exponent | 10^exponent)
  let mantissa = digits;
  let exp = -denom.length;
  if (base === 10) exp += exponent;
  else mantissa *= 1n << BigInt(exponent);

  // Non-zero values are rounded up (away from zero) to a whole number of nano units.
  if (exp < NANO && mantissa !== 0n) {
    const divisor = pow10(NANO - exp);
    mantissa = (mantissa + divisor - 1n) / divisor;
    exp = NANO;
  }
  let effective: Format = format;
  if (format === 'BinarySI') {
    if (compare(mantissa, exp, MAX_INT64, 0) > 0) {
      mantissa = MAX_INT64;
      exp = 0;
    }
    if (mantissa !== 0n && compare(mantissa, exp, 1n, 0) < 0) effective = 'DecimalSI';
  }
  const out: Parsed = { mantissa: positive ? mantissa : -mantissa, exponent: exp, format: effective };
  if (cached !== undefined) out.cached = cached;
  return out;
}

/** Compares a*10^ea with b*10^eb. */
function compare(a: bigint, ea: number, b: bigint, eb: number): number {
  const e = Math.min(ea, eb);
  const x = a * pow10(ea - e);
  const y = b * pow10(eb - e);
  return x < y ? -1 : x > y ? 1 : 0;
}

function removeFactors(value: bigint, base: bigint): { value: bigint; times: number } {
  const negative = value < 0n;
  let v = negative ? -value : value;
  let times = 0;
  while (v >= base && v % base === 0n) {
    v /= base;
    times++;
  }
  return { value: negative ? -v : v, times };
}

function canonicalDecimal(q: Parsed, format: Format): string {
  const removed = removeFactors(q.mantissa, 10n);
  let amount = removed.value;
  let exponent = q.exponent + removed.times;
  while (exponent % 3 !== 0) {
    amount *= 10n;
    exponent--;
  }
  let suffix: string;
  if (format === 'DecimalExponent') {
    suffix = exponent === 0 ? '' : `e${exponent}`;
  } else {
    // An exponent kube has no suffix for prints bare, as it does.
    suffix = DECIMAL_BY_EXPONENT.get(exponent) ?? '';
  }
  return `${amount}${suffix}`;
}

function canonical(q: Parsed): string {
  if (q.mantissa === 0n) return '0';
  let format = q.format;
  let whole: bigint | undefined;
  if (format === 'BinarySI') {
    if (compare(q.mantissa, q.exponent, -1024n, 0) > 0 && compare(q.mantissa, q.exponent, 1024n, 0) < 0) {
      format = 'DecimalSI';
    } else if (q.exponent >= 0) {
      whole = q.mantissa * pow10(q.exponent);
    } else {
      const d = pow10(-q.exponent);
      if (q.mantissa % d === 0n) whole = q.mantissa / d;
      else format = 'DecimalSI';
    }
  }
  if (format !== 'BinarySI' || whole === undefined) return canonicalDecimal(q, format);
  const removed = removeFactors(whole, 1024n);
  return `${removed.value}${BINARY_BY_EXPONENT.get(removed.times * 10) ?? ''}`;
}

/** `Quantity.String()` of a quantity's text; text that is not a quantity is returned unchanged. */
export function formatQuantity(text: string): string {
  const q = parse(text.trim());
  if (!q) return text;
  return q.cached ?? canonical(q);
}

/**
 * `Quantity.String()` of a quantity field: a missing quantity is Go's zero value ("0"), a number
 * (a client that sent `cpu: 2`) is read as its decimal text.
 */
export function quantityField(value: unknown): string {
  if (typeof value === 'string') return formatQuantity(value);
  if (typeof value === 'number' && Number.isFinite(value)) return formatQuantity(String(value));
  return '0';
}
