import { isObject, str, type JsonObject, type KubeObject } from '../../api/object.js';
import { errors } from '../../api/status.js';
import { addServiceAccountTokenVolume } from '../defaults/index.js';
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
        spec.ephemeralContainers = (desired.spec as JsonObject | undefined)?.ephemeralContainers;
        return old;
      }
      throw errors.methodNotAllowed('the server does not allow this method on the requested resource');
    },
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
