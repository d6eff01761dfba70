/**
 * policy/v1: PodDisruptionBudgets. Their names are only checked by the generic path-segment rule.
 */
import { invalid, notSupported, type FieldError } from './errors.js';
import { objOrEmpty, str, type Obj } from './json.js';
import { validateLabelSelector } from './meta.js';
import type { KindValidator } from './types.js';
import { isNotMoreThan100Percent, validatePositiveIntOrPercent } from './workloads.js';

const EVICTION_POLICIES = ['AlwaysAllow', 'IfHealthyBudget'];

function validatePDBSpec(spec: Obj): FieldError[] {
  const errs: FieldError[] = [];
  if (spec.minAvailable != null && spec.maxUnavailable != null) {
    errs.push(invalid('spec', spec, 'minAvailable and maxUnavailable cannot be both set'));
  }
  for (const k of ['minAvailable', 'maxUnavailable']) {
    if (spec[k] == null) continue;
    errs.push(...validatePositiveIntOrPercent(spec[k], `spec.${k}`), ...isNotMoreThan100Percent(spec[k], `spec.${k}`));
  }
  errs.push(...validateLabelSelector(spec.selector, 'spec.selector'));
  const policy = str(spec.unhealthyPodEvictionPolicy);
  if (policy !== undefined && !EVICTION_POLICIES.includes(policy)) {
    errs.push(notSupported('spec.unhealthyPodEvictionPolicy', policy, EVICTION_POLICIES));
  }
  return errs;
}

export const podDisruptionBudgets: KindValidator = {
  group: 'policy',
  kind: 'PodDisruptionBudget',
  resource: 'poddisruptionbudgets',
  namespaced: true,
  nameRule: 'PathSegment',
  create: (o) => validatePDBSpec(objOrEmpty(o.spec)),
  update: (o) => validatePDBSpec(objOrEmpty(o.spec)),
};
