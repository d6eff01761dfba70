import { isObject, str, type JsonObject, type KubeObject } from '../../api/object.js';
import { errors } from '../../api/status.js';
import { addServiceAccountTokenVolume, applyDefaults } from '../defaults/index.js';
import type { Strategy } from '../rest/strategy.js';
import type { StrategyDeps } from './types.js';

const RANDOM_CHARS = 'bcdfghjklmnpqrstvwxz2456789';

export function podStrategy(deps: StrategyDeps): Strategy {
  return {
    admitCreate: async (obj) => {
      const spec = isObject(obj.spec) ? obj.spec : {};
      // ServiceAccount admission: the token volume, unless the pod or its service account opts out.
      const sa = await deps.cluster.get('', 'serviceaccounts', obj.metadata?.namespace ?? '', str(spec.serviceAccountName, 'default'));
      const suffix = Array.from({ length: 5 }, () => RANDOM_CHARS[Math.floor(Math.random() * RANDOM_CHARS.length)]).join('');
      addServiceAccountTokenVolume(obj, suffix, sa?.automountServiceAccountToken !== false);
      // Priority admission: the class's value, the global default class's, or 0.
      const className = typeof spec.priorityClassName === 'string' ? spec.priorityClassName : undefined;
      if (className) {
        const pc = await deps.cluster.get('scheduling.k8s.io', 'priorityclasses', '', className);
        if (!pc) throw errors.forbidden( `pods "${obj.metadata?.name ?? ''}" is forbidden: no PriorityClass with name ${className} was found`);
        spec.priority = pc.value;
        if (pc.preemptionPolicy !== undefined) spec.preemptionPolicy = pc.preemptionPolicy;
      } else {
        const classes = await deps.cluster.list('scheduling.k8s.io', 'priorityclasses', '');
        const global = classes.find((c) => c.globalDefault === true);
        if (global?.metadata?.name) spec.priorityClassName = global.metadata.name;
        spec.priority = typeof global?.value === 'number' ? global.value : 0;
      }
      obj.spec = spec;
    },
    prepareForUpdate: (obj, old) => {
      // spec.nodeName is set through the binding subresource only.
      const spec = isObject(obj.spec) ? obj.spec : {};
      const oldSpec = isObject(old.spec) ? old.spec : {};
      if (oldSpec.nodeName !== undefined) spec.nodeName = oldSpec.nodeName;
      else delete spec.nodeName;
    },
    prepareForSubresource: (subresource, desired, old) => {
      const spec = isObject(old.spec) ? old.spec : {};
      if (subresource === 'binding') {
        // The binding handler sends the pod as it should be after binding.
        spec.nodeName = (desired.spec as JsonObject | undefined)?.nodeName;
        old.status = desired.status;
        return old;
      }
      if (subresource === 'ephemeralcontainers') {
        const before = Array.isArray(spec.ephemeralContainers) ? (spec.ephemeralContainers as JsonObject[]) : [];
        const wanted = (desired.spec as JsonObject | undefined)?.ephemeralContainers;
        const after = Array.isArray(wanted) ? (wanted as JsonObject[]) : [];
        checkEphemeralContainers(old, before, after);
        spec.ephemeralContainers = after;
        // New ephemeral containers get a container's defaults (terminationMessagePath, pull policy…).
        applyDefaults({ group: '', version: 'v1', kind: 'Pod' }, old);
        return old;
      }
      throw errors.methodNotAllowed('the server does not allow this method on the requested resource');
    },
    // The binding handler checks the pod is unbound and not being deleted; that is all kube checks.
    validatesSubresource: (subresource) => subresource === 'binding' || subresource === 'ephemeralcontainers',
    gracePeriod: (obj: KubeObject, options) => {
      const spec = isObject(obj.spec) ? obj.spec : {};
      const phase = isObject(obj.status) ? obj.status.phase : undefined;
      // Never scheduled, or already finished: nothing on a node to wait for.
      if (!spec.nodeName || phase === 'Succeeded' || phase === 'Failed') return 0;
      const fromSpec = typeof spec.terminationGracePeriodSeconds === 'number' ? spec.terminationGracePeriodSeconds : 30;
      return options.gracePeriodSeconds ?? fromSpec;
    },
    returnDeletedObject: true,
  };
}

/**
 * kube's ValidatePodEphemeralContainersUpdate, in short: ephemeral containers are only ever added;
 * each has a unique name (also among the pod's containers) and an image.
 */
function checkEphemeralContainers(pod: KubeObject, before: JsonObject[], after: JsonObject[]): void {
  const name = pod.metadata?.name ?? '';
  const causes: { reason: string; message: string; field: string }[] = [];
  for (const [i, prev] of before.entries()) {
    const now = after.find((c) => c.name === prev.name);
    if (!now || JSON.stringify(now) !== JSON.stringify(prev)) {
      causes.push({ reason: 'FieldValueForbidden', field: `spec.ephemeralContainers[${i}]`, message: 'Forbidden: existing ephemeral containers may not be changed' });
    }
  }
  const spec = isObject(pod.spec) ? pod.spec : {};
  const taken = new Set(['containers', 'initContainers'].flatMap((f) => (Array.isArray(spec[f]) ? (spec[f] as JsonObject[]) : []).map((c) => str(c.name))));
  for (const [i, c] of after.entries()) {
    const n = str(c.name);
    if (n === '') causes.push({ reason: 'FieldValueRequired', field: `spec.ephemeralContainers[${i}].name`, message: 'Required value' });
    else if (taken.has(n)) causes.push({ reason: 'FieldValueDuplicate', field: `spec.ephemeralContainers[${i}].name`, message: `Duplicate value: ${JSON.stringify(n)}` });
    taken.add(n);
    if (str(c.image) === '') causes.push({ reason: 'FieldValueRequired', field: `spec.ephemeralContainers[${i}].image`, message: 'Required value' });
  }
  if (causes.length > 0) throw errors.invalid('', 'Pod', name, causes);
}
