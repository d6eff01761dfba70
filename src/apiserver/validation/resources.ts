/**
 * Resource names and quantities in resource lists (container requests/limits, quotas, capacity):
 * pkg/apis/core/helper's classification of resource names and core validation's quantity rules.
 */
import { duplicate, forbidden, invalid, key, notFound, required, type FieldError } from './errors.js';
import { isObj, type Obj } from './json.js';
import { IS_NEGATIVE } from './meta.js';
import {
  compareQuantity,
  formatQuantity,
  parseQuantity,
  QuantityError,
  quantityMilliValue,
  quantityValue,
  type Quantity,
} from './quantity.js';
import { isQualifiedName } from './strings.js';

const HUGEPAGES_PREFIX = 'hugepages-';
const REQUESTS_HUGEPAGES_PREFIX = 'requests.hugepages-';
const DEFAULT_NAMESPACE_PREFIX = 'kubernetes.io/';
const REQUESTS_PREFIX = 'requests.';

const STANDARD_CONTAINER_RESOURCES = new Set(['cpu', 'memory', 'ephemeral-storage']);
const STANDARD_RESOURCES = new Set([
  'cpu',
  'memory',
  'ephemeral-storage',
  'requests.cpu',
  'requests.memory',
  'requests.ephemeral-storage',
  'limits.cpu',
  'limits.memory',
  'limits.ephemeral-storage',
  'pods',
  'resourcequotas',
  'services',
  'replicationcontrollers',
  'secrets',
  'configmaps',
  'persistentvolumeclaims',
  'storage',
  'requests.storage',
  'services.nodeports',
  'services.loadbalancers',
]);
const STANDARD_QUOTA_RESOURCES = new Set([
  'cpu',
  'memory',
  'ephemeral-storage',
  'requests.cpu',
  'requests.memory',
  'requests.storage',
  'requests.ephemeral-storage',
  'limits.cpu',
  'limits.memory',
  'limits.ephemeral-storage',
  'pods',
  'resourcequotas',
  'services',
  'replicationcontrollers',
  'secrets',
  'persistentvolumeclaims',
  'configmaps',
  'services.nodeports',
  'services.loadbalancers',
]);
const INTEGER_RESOURCES = new Set([
  'pods',
  'resourcequotas',
  'services',
  'replicationcontrollers',
  'secrets',
  'configmaps',
  'persistentvolumeclaims',
  'services.nodeports',
  'services.loadbalancers',
]);

export function isHugePageResourceName(name: string): boolean {
  return name.startsWith(HUGEPAGES_PREFIX);
}

export function isNativeResource(name: string): boolean {
  return !name.includes('/') || name.includes(DEFAULT_NAMESPACE_PREFIX);
}

export function isExtendedResourceName(name: string): boolean {
  if (isNativeResource(name) || name.startsWith(REQUESTS_PREFIX)) return false;
  return isQualifiedName(`${REQUESTS_PREFIX}${name}`).length === 0;
}

export function isOvercommitAllowed(name: string): boolean {
  return isNativeResource(name) && !isHugePageResourceName(name);
}

export function isIntegerResourceName(name: string): boolean {
  return INTEGER_RESOURCES.has(name) || isExtendedResourceName(name);
}

function isQuotaHugePageResourceName(name: string): boolean {
  return name.startsWith(HUGEPAGES_PREFIX) || name.startsWith(REQUESTS_HUGEPAGES_PREFIX);
}

export function validateResourceName(value: string, field: string): FieldError[] {
  const errs = isQualifiedName(value).map((m) => invalid(field, value, m));
  if (errs.length > 0) return errs;
  if (!value.includes('/') && !(STANDARD_RESOURCES.has(value) || isQuotaHugePageResourceName(value))) {
    return [invalid(field, value, 'must be a standard resource type or fully qualified')];
  }
  return [];
}

export function validateContainerResourceName(value: string, field: string): FieldError[] {
  const errs = validateResourceName(value, field);
  if (!value.includes('/')) {
    if (!(STANDARD_CONTAINER_RESOURCES.has(value) || isHugePageResourceName(value))) {
      return [...errs, invalid(field, value, 'must be a standard resource for containers')];
    }
  } else if (!isNativeResource(value) && !isExtendedResourceName(value)) {
    return [...errs, invalid(field, value, "doesn't follow extended resource name standard")];
  }
  return errs;
}

export function validateResourceQuotaResourceName(value: string, field: string): FieldError[] {
  const errs = validateResourceName(value, field);
  if (!value.includes('/') && !(STANDARD_QUOTA_RESOURCES.has(value) || isQuotaHugePageResourceName(value))) {
    return [...errs, invalid(field, value, 'must be a standard resource for quota')];
  }
  return errs;
}

/** A quantity in a resource list, or the field error for one that does not parse. */
export function readQuantity(v: unknown, field: string): Quantity | FieldError {
  try {
    if (typeof v !== 'string' && typeof v !== 'number') {
      return invalid(field, v ?? null, 'quantities must match the regular expression \'^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$\'');
    }
    return parseQuantity(v);
  } catch (e) {
    if (e instanceof QuantityError) return invalid(field, v, e.message);
    throw e;
  }
}

export function isQuantity(q: Quantity | FieldError): q is Quantity {
  return 'nanos' in q;
}

export function validateNonnegativeQuantity(q: Quantity, field: string): FieldError[] {
  return q.nanos < 0n ? [invalid(field, formatQuantity(q), IS_NEGATIVE)] : [];
}

export function validatePositiveQuantity(q: Quantity, field: string): FieldError[] {
  return q.nanos <= 0n ? [invalid(field, formatQuantity(q), 'must be greater than zero')] : [];
}

/** ValidateResourceQuantityValue: non-negative, and whole for count-like resources. */
export function validateResourceQuantityValue(resource: string, q: Quantity, field: string): FieldError[] {
  const errs = validateNonnegativeQuantity(q, field);
  if (isIntegerResourceName(resource) && quantityMilliValue(q) % 1000n !== 0n) {
    errs.push(invalid(field, formatQuantity(q), 'must be an integer'));
  }
  return errs;
}

function hugePageDivisible(name: string, q: Quantity): boolean {
  let page: Quantity;
  try {
    page = parseQuantity(name.slice(HUGEPAGES_PREFIX.length));
  } catch {
    return false;
  }
  if (page.nanos <= 0n || quantityMilliValue(page) % 1000n !== 0n) return false;
  return quantityValue(q) % quantityValue(page) === 0n;
}

/** ValidateResourceRequirements for a container (or pod overhead). */
export function validateResourceRequirements(resources: unknown, field: string, podClaimNames: ReadonlySet<string> = new Set()): FieldError[] {
  const errs: FieldError[] = [];
  const r: Obj = isObj(resources) ? resources : {};
  const limPath = `${field}.limits`;
  const reqPath = `${field}.requests`;
  const limits = new Map<string, Quantity>();
  let limCpuMem = false;
  let reqCpuMem = false;
  let limHuge = false;
  let reqHuge = false;
  for (const [name, raw] of Object.entries(isObj(r.limits) ? r.limits : {})) {
    const p = key(limPath, name);
    errs.push(...validateContainerResourceName(name, p));
    const q = readQuantity(raw, p);
    if (!isQuantity(q)) {
      errs.push(q);
      continue;
    }
    limits.set(name, q);
    errs.push(...validateResourceQuantityValue(name, q, p));
    if (isHugePageResourceName(name)) {
      limHuge = true;
      if (!hugePageDivisible(name, q)) errs.push(invalid(p, formatQuantity(q), `${formatQuantity(q)} is not positive integer multiple of ${name}`));
    }
    if (name === 'cpu' || name === 'memory') limCpuMem = true;
  }
  for (const [name, raw] of Object.entries(isObj(r.requests) ? r.requests : {})) {
    const p = key(reqPath, name);
    errs.push(...validateContainerResourceName(name, p));
    const q = readQuantity(raw, p);
    if (!isQuantity(q)) {
      errs.push(q);
      continue;
    }
    errs.push(...validateResourceQuantityValue(name, q, p));
    const limit = limits.get(name);
    if (limit !== undefined) {
      const cmp = compareQuantity(q, limit);
      if (cmp !== 0 && !isOvercommitAllowed(name)) {
        errs.push(invalid(reqPath, formatQuantity(q), `must be equal to ${name} limit of ${formatQuantity(limit)}`));
      } else if (cmp > 0) {
        errs.push(invalid(reqPath, formatQuantity(q), `must be less than or equal to ${name} limit of ${formatQuantity(limit)}`));
      }
    } else if (!isOvercommitAllowed(name)) {
      errs.push(required(limPath, 'Limit must be set for non overcommitable resources'));
    }
    if (isHugePageResourceName(name)) {
      reqHuge = true;
      if (!hugePageDivisible(name, q)) errs.push(invalid(p, formatQuantity(q), `${formatQuantity(q)} is not positive integer multiple of ${name}`));
    }
    if (name === 'cpu' || name === 'memory') reqCpuMem = true;
  }
  if (!limCpuMem && !reqCpuMem && (reqHuge || limHuge)) errs.push(forbidden(field, 'HugePages require cpu or memory'));
  const seen = new Set<string>();
  (Array.isArray(r.claims) ? r.claims : []).forEach((c, i) => {
    const name = isObj(c) && typeof c.name === 'string' ? c.name : '';
    const p = `${field}.claims[${i}]`;
    if (name === '') {
      errs.push(required(p));
      return;
    }
    if (seen.has(name)) errs.push(duplicate(p, name));
    else seen.add(name);
    if (!podClaimNames.has(name)) {
      const list = [...podClaimNames].sort();
      const detail = `must be one of the names in pod.spec.resourceClaims${list.length === 0 ? ' which is empty' : `: ${list.join(', ')}`}`;
      errs.push(notFound(p, name, detail));
    }
  });
  return errs;
}
