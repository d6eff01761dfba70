/**
 * scheduling.k8s.io/v1: PriorityClasses.
 */
import { forbidden, type FieldError } from './errors.js';
import { num, str, strOr, type Obj } from './json.js';
import { metaOf, validateImmutable, validateKubeObjectMeta, validateKubeObjectMetaUpdate } from './meta.js';
import { nameIsDNSSubdomain } from './names.js';
import { validatePreemptionPolicy } from './pod-spec.js';
import type { KindValidator } from './types.js';

export const HIGHEST_USER_DEFINABLE_PRIORITY = 1_000_000_000;
const SYSTEM_PREFIX = 'system-';
/** The two priority classes kube-apiserver creates itself. */
export const SYSTEM_PRIORITY_CLASSES: Readonly<Record<string, number>> = {
  'system-node-critical': 2_000_001_000,
  'system-cluster-critical': 2_000_000_000,
};

function knownSystemClassError(pc: Obj): string | undefined {
  const name = strOr(metaOf(pc).name);
  const value = SYSTEM_PRIORITY_CLASSES[name];
  if (value === undefined) return `${name} is not a known system priority class`;
  if (num(pc.value) !== value) return `value of ${name} PriorityClass must be ${value}`;
  if (pc.globalDefault === true) return `globalDefault of ${name} PriorityClass must be false`;
  return undefined;
}

function validatePriorityClass(pc: Obj): FieldError[] {
  const errs = validateKubeObjectMeta(pc, false, nameIsDNSSubdomain);
  const name = strOr(metaOf(pc).name);
  if (name.startsWith(SYSTEM_PREFIX)) {
    const e = knownSystemClassError(pc);
    if (e !== undefined) {
      errs.push(forbidden('metadata.name', `priority class names with '${SYSTEM_PREFIX}' prefix are reserved for system use only. error: ${e}`));
    }
  } else if ((num(pc.value) ?? 0) > HIGHEST_USER_DEFINABLE_PRIORITY) {
    errs.push(forbidden('value', `maximum allowed value of a user defined priority is ${HIGHEST_USER_DEFINABLE_PRIORITY}`));
  }
  const pp = str(pc.preemptionPolicy);
  if (pp !== undefined) errs.push(...validatePreemptionPolicy(pp, 'preemptionPolicy'));
  return errs;
}

export const priorityClasses: KindValidator = {
  group: 'scheduling.k8s.io',
  kind: 'PriorityClass',
  resource: 'priorityclasses',
  namespaced: false,
  nameRule: 'DNS1123Subdomain',
  create: validatePriorityClass,
  update: (o, old) => {
    const errs = [...validatePriorityClass(o), ...validateKubeObjectMetaUpdate(o, old)];
    if ((num(o.value) ?? 0) !== (num(old.value) ?? 0)) errs.push(forbidden('value', 'may not be changed in an update.'));
    errs.push(...validateImmutable(o.preemptionPolicy, old.preemptionPolicy, 'preemptionPolicy'));
    return errs;
  },
};
