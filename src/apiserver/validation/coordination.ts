/**
 * coordination.k8s.io/v1: Leases.
 */
import { invalid, notSupported, type FieldError } from './errors.js';
import { num, objOrEmpty, str, type Obj } from './json.js';
import { validateObjectMeta, validateObjectMetaUpdate } from './meta.js';
import { nameIsDNSSubdomain } from './names.js';
import type { KindValidator } from './types.js';

function validateLeaseSpec(spec: Obj): FieldError[] {
  const errs: FieldError[] = [];
  const duration = num(spec.leaseDurationSeconds);
  if (duration !== undefined && duration <= 0) errs.push(invalid('spec.leaseDurationSeconds', duration, 'must be greater than 0'));
  const transitions = num(spec.leaseTransitions);
  if (transitions !== undefined && transitions < 0) errs.push(invalid('spec.leaseTransitions', transitions, 'must to greater or equal than 0'));
  const strategy = str(spec.strategy);
  if (strategy !== undefined && strategy !== 'OldestEmulationVersion') {
    errs.push(notSupported('spec.strategy', strategy, ['OldestEmulationVersion']));
  }
  return errs;
}

export const leases: KindValidator = {
  group: 'coordination.k8s.io',
  kind: 'Lease',
  resource: 'leases',
  namespaced: true,
  nameRule: 'DNS1123Subdomain',
  // Leases use the generic ObjectMeta rules, without the core finalizer-name check.
  create: (o) => [...validateObjectMeta(o, true, nameIsDNSSubdomain), ...validateLeaseSpec(objOrEmpty(o.spec))],
  update: (o, old) => [...validateObjectMetaUpdate(o, old), ...validateLeaseSpec(objOrEmpty(o.spec))],
};
