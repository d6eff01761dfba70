/**
 * node.k8s.io/v1: RuntimeClasses.
 */
import { invalid, type FieldError } from './errors.js';
import { obj, strMap, strOr, type Obj } from './json.js';
import { validateImmutable, validateLabels, validateObjectMeta, validateObjectMetaUpdate } from './meta.js';
import { nameIsDNSLabel, nameIsDNSSubdomain } from './names.js';
import { validateResourceRequirements } from './resources.js';
import { validateTolerations } from './pod-spec.js';
import type { KindValidator } from './types.js';

function validateRuntimeClass(rc: Obj): FieldError[] {
  const errs = validateObjectMeta(rc, false, nameIsDNSSubdomain);
  const handler = strOr(rc.handler);
  for (const m of nameIsDNSLabel(handler, false)) errs.push(invalid('handler', handler, m));
  const overhead = obj(rc.overhead);
  if (overhead !== undefined && overhead.podFixed != null) {
    errs.push(...validateResourceRequirements({ limits: overhead.podFixed }, 'overhead.podFixed'));
  }
  const scheduling = obj(rc.scheduling);
  if (scheduling !== undefined) {
    errs.push(...validateLabels(strMap(scheduling.nodeSelector), 'scheduling.nodeSelector'));
    errs.push(...validateTolerations(scheduling.tolerations, 'scheduling.tolerations'));
  }
  return errs;
}

export const runtimeClasses: KindValidator = {
  group: 'node.k8s.io',
  kind: 'RuntimeClass',
  resource: 'runtimeclasses',
  namespaced: false,
  nameRule: 'DNS1123Subdomain',
  create: validateRuntimeClass,
  update: (o, old) => [
    ...validateRuntimeClass(o),
    ...validateObjectMetaUpdate(o, old),
    ...validateImmutable(strOr(o.handler), strOr(old.handler), 'handler'),
  ],
};
