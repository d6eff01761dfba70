/** A value that is an absolute number or a percentage (`"25%"`), as intstr.IntOrString. */
export type IntOrPercent = number | string;

/** The value is neither a number nor a percentage. */
export class IntOrPercentError extends Error {
  override readonly name = 'IntOrPercentError';
}

/**
 * intstr.GetScaledValueFromIntOrPercent: a number as is, a percentage of `total` rounded up or
 * down. `fallback` stands in for an absent value.
 */
export function scaledValue(value: IntOrPercent | undefined, total: number, roundUp: boolean, fallback: IntOrPercent = 0): number {
  const v = value ?? fallback;
  if (typeof v === 'number') return Math.trunc(v);
  const match = /^(-?\d+)%$/.exec(v);
  if (!match?.[1]) {
    // A string of digits is an int in disguise only in kube's strict decoders; here it is an error, as GetScaledValueFromIntOrPercent says.
    throw new IntOrPercentError(`invalid value for IntOrString: invalid type: string is not a percentage: "${v}"`);
  }
  const percent = Number(match[1]);
  const scaled = (percent * total) / 100;
  return roundUp ? Math.ceil(scaled) : Math.floor(scaled);
}
