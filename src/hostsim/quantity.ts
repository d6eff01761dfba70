/**
 * Kubernetes resource quantities (`100m`, `1.5Gi`, `2e3`), read exactly: a quantity is a rational
 * number and kube rounds up when it asks for an integer (`Value()`, `MilliValue()`), so `0.1` CPU
 * is 100 millicores, never 101.
 */

/** A quantity that is not one, e.g. `12x`. */
export class QuantityError extends Error {
  override readonly name = 'QuantityError';
}

const BINARY: Readonly<Record<string, bigint>> = { Ki: 1n << 10n, Mi: 1n << 20n, Gi: 1n << 30n, Ti: 1n << 40n, Pi: 1n << 50n, Ei: 1n << 60n };
const DECIMAL_EXP: Readonly<Record<string, number>> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };

const PATTERN = /^([+-]?)(\d*)(?:\.(\d*))?(?:([eE][+-]?\d+)|(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E))?$/;

interface Rational {
  readonly num: bigint;
  readonly den: bigint;
}

function parse(text: string): Rational {
  const m = PATTERN.exec(text.trim());
  const intPart = m?.[2] ?? '';
  const fracPart = m?.[3] ?? '';
  if (!m || (intPart === '' && fracPart === '')) throw new QuantityError(`quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$': ${JSON.stringify(text)}`);
  let num = BigInt(`${intPart}${fracPart}` || '0');
  let den = 10n ** BigInt(fracPart.length);
  if (m[1] === '-') num = -num;
  const exponent = m[4];
  const suffix = m[5] ?? '';
  let exp = 0;
  if (exponent !== undefined) exp = Number(exponent.slice(1));
  else if (suffix in BINARY) num *= BINARY[suffix] ?? 1n;
  else exp = DECIMAL_EXP[suffix] ?? 0;
  if (exp > 0) num *= 10n ** BigInt(exp);
  else if (exp < 0) den *= 10n ** BigInt(-exp);
  return { num, den };
}

function ceilDiv(num: bigint, den: bigint): bigint {
  const q = num / den;
  return num % den !== 0n && num > 0n ? q + 1n : q;
}

/** The quantity as an integer, rounded up (kube's `Value()`): bytes, pods, devices. */
export function quantityValue(q: string | number): number {
  const { num, den } = parse(String(q));
  return Number(ceilDiv(num, den));
}

/** The quantity in thousandths, rounded up (kube's `MilliValue()`): millicores. */
export function quantityMilliValue(q: string | number): number {
  const { num, den } = parse(String(q));
  return Number(ceilDiv(num * 1000n, den));
}

/** Whether `q` is a valid quantity. */
export function isQuantity(q: unknown): q is string | number {
  if (typeof q === 'number') return Number.isFinite(q);
  if (typeof q !== 'string') return false;
  try {
    parse(q);
    return true;
  } catch {
    return false;
  }
}

/** A byte count in kube's canonical binary form when exact (`2Gi`), else in bytes. */
export function formatBytes(bytes: number): string {
  for (const [suffix, size] of [['Ei', 2 ** 60], ['Pi', 2 ** 50], ['Ti', 2 ** 40], ['Gi', 2 ** 30], ['Mi', 2 ** 20], ['Ki', 2 ** 10]] as const) {
    if (bytes !== 0 && bytes % size === 0) return `${bytes / size}${suffix}`;
  }
  return String(bytes);
}
