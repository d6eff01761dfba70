/**
 * Object name rules (ValidateNameFunc in kube): which syntax each resource's metadata.name must
 * follow, and how metadata.generateName is checked and expanded.
 */
import { randomInt } from 'node:crypto';
import { isDNS1035Label, isDNS1123Label, isDNS1123Subdomain, isValidPathSegmentName, isValidPathSegmentPrefix } from './strings.js';

/** Problems with `name`; `prefix` is true when a random suffix will be appended (generateName). */
export type NameFn = (name: string, prefix: boolean) => string[];

/**
 * Replaces a trailing dash before checking a generateName prefix. Kube drops the last two
 * characters here (a long-standing quirk we keep so the same prefixes pass and fail).
 */
export function maskTrailingDash(name: string): string {
  if (name.length > 1 && name.endsWith('-')) return `${name.slice(0, -2)}a`;
  return name;
}

export const nameIsDNSSubdomain: NameFn = (name, prefix) => isDNS1123Subdomain(prefix ? maskTrailingDash(name) : name);
export const nameIsDNSLabel: NameFn = (name, prefix) => isDNS1123Label(prefix ? maskTrailingDash(name) : name);
export const nameIsDNS1035Label: NameFn = (name, prefix) => isDNS1035Label(prefix ? maskTrailingDash(name) : name);
export const nameIsPathSegment: NameFn = (name, prefix) =>
  prefix ? isValidPathSegmentPrefix(name) : isValidPathSegmentName(name);

export type NameRule = 'DNS1123Subdomain' | 'DNS1123Label' | 'DNS1035Label' | 'PathSegment';

export const NAME_FNS: Record<NameRule, NameFn> = {
  DNS1123Subdomain: nameIsDNSSubdomain,
  DNS1123Label: nameIsDNSLabel,
  DNS1035Label: nameIsDNS1035Label,
  PathSegment: nameIsPathSegment,
};

/** Characters kube's name generator draws from (no vowels, no confusable digits). */
const ALPHANUMS = 'bcdfghjklmnpqrstvwxz2456789';
const RANDOM_LENGTH = 5;
const MAX_NAME_LENGTH = 63;
const MAX_GENERATED_NAME_LENGTH = MAX_NAME_LENGTH - RANDOM_LENGTH;

/**
 * SimpleNameGenerator: the prefix cut to 58 characters plus 5 random characters. `random` is for
 * tests; it must return an integer in [0, n).
 */
export function generateName(base: string, random: (n: number) => number = (n) => randomInt(n)): string {
  const prefix = base.length > MAX_GENERATED_NAME_LENGTH ? base.slice(0, MAX_GENERATED_NAME_LENGTH) : base;
  let suffix = '';
  for (let i = 0; i < RANDOM_LENGTH; i++) suffix += ALPHANUMS[random(ALPHANUMS.length)] ?? 'x';
  return `${prefix}${suffix}`;
}
