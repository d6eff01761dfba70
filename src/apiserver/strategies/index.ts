import { isObject, type JsonObject, type KubeObject } from '../../api/object.js';
import { cloneJson } from '../../lib/json.js';
import { errors, StatusError, type StatusCause } from '../../api/status.js';
import type { ResourceDef } from '../registry/types.js';
import type { DeleteOptions, Strategy } from '../rest/strategy.js';
import { podStrategy } from './pods.js';
import type { StrategyDeps } from './types.js';

export type { ClusterReader, StrategyDeps } from './types.js';

/** Namespaced objects need a namespace that exists and is not being deleted (NamespaceLifecycle). */
function namespaceLifecycle(deps: StrategyDeps, def: ResourceDef): Strategy['admitCreate'] {
  if (!def.namespaced) return undefined;
  return async (obj) => {
    const ns = obj.metadata?.namespace ?? '';
    const namespace = await deps.cluster.get('', 'namespaces', '', ns);
    if (!namespace) throw errors.notFound('', 'namespaces', ns);
    if (namespace.metadata?.deletionTimestamp !== undefined || (namespace.status as JsonObject | undefined)?.phase === 'Terminating') {
      const name = obj.metadata?.name ?? '';
      // The cause lets controllers tell this refusal from an authorization failure, as kube's NamespaceLifecycle admission does.
      throw new StatusError(403, 'Forbidden', `${def.resource} "${name}" is forbidden: unable to create new content in namespace ${ns} because it is being terminated`, {
        name,
        group: def.group,
        kind: def.resource,
        causes: [{ reason: 'NamespaceTerminating', message: `namespace ${ns} is being terminated`, field: 'metadata.namespace' }],
      });
    }
  };
}

function combine(...admits: (Strategy['admitCreate'] | undefined)[]): Strategy['admitCreate'] {
  const list = admits.filter((a): a is NonNullable<Strategy['admitCreate']> => a !== undefined);
  if (list.length === 0) return undefined;
  return async (obj, ctx) => {
    for (const a of list) await a(obj, ctx);
  };
}

export function strategyFor(def: ResourceDef, deps: StrategyDeps): Strategy {
  const lifecycle = namespaceLifecycle(deps, def);
  const base = ((): Strategy => {
    switch (`${def.group}/${def.resource}`) {
      case '/pods':
        return podStrategy(deps);
      case '/namespaces':
        return namespaceStrategy;
      case '/services':
        return serviceStrategy(deps);
      case '/persistentvolumeclaims':
        return pvcStrategy(deps);
      case '/endpoints':
      case 'coordination.k8s.io/leases':
        return { allowCreateOnUpdate: true };
      case 'apiextensions.k8s.io/customresourcedefinitions':
        return crdStrategy;
      default:
        return {};
    }
  })();
  return { ...base, admitCreate: combine(lifecycle, base.admitCreate) };
}

const namespaceStrategy: Strategy = {
  prepareForUpdate: (obj, old) => {
    // spec.finalizers change only through the finalize subresource.
    obj.spec = cloneJson(old.spec);
  },
  prepareForStatusUpdate: () => undefined,
  prepareForSubresource: (subresource, desired, old) => {
    if (subresource !== 'finalize') throw errors.methodNotAllowed('the server does not allow this method on the requested resource');
    const finalizers = (desired.spec as JsonObject | undefined)?.finalizers;
    old.spec = { ...(isObject(old.spec) ? old.spec : {}), finalizers: Array.isArray(finalizers) ? finalizers : [] };
    return old;
  },
  /** Deleting a namespace makes it Terminating; the namespace controller empties it and finalizes it. */
  holdDeletion: (obj) => {
    const finalizers = (obj.spec as JsonObject | undefined)?.finalizers;
    return Array.isArray(finalizers) && finalizers.length > 0;
  },
  onDeletionPending: (obj) => {
    obj.status = { ...(isObject(obj.status) ? obj.status : {}), phase: 'Terminating' };
  },
  returnDeletedObject: true,
};

const crdStrategy: Strategy = {
  prepareForUpdate: (obj, old) => {
    const storage = ((obj.spec as JsonObject).versions as JsonObject[] | undefined)?.find((v) => v.storage === true)?.name;
    const status = isObject(old.status) ? cloneJson(old.status) : {};
    const stored = Array.isArray(status.storedVersions) ? (status.storedVersions as string[]) : [];
    if (typeof storage === 'string' && !stored.includes(storage)) status.storedVersions = [...stored, storage];
    obj.status = status;
  },
  returnDeletedObject: true,
  defaultPropagation: 'Background',
};

function pvcStrategy(deps: StrategyDeps): Strategy {
  return {
    // DefaultStorageClass admission: a claim without a class gets the default one, if any.
    admitCreate: async (obj) => {
      const spec = (obj.spec ?? {}) as JsonObject;
      if (spec.storageClassName !== undefined) return;
      const classes = await deps.cluster.list('storage.k8s.io', 'storageclasses', '');
      const isDefault = (c: KubeObject): boolean =>
        c.metadata?.annotations?.['storageclass.kubernetes.io/is-default-class'] === 'true' ||
        c.metadata?.annotations?.['storageclass.beta.kubernetes.io/is-default-class'] === 'true';
      const chosen = classes
        .filter(isDefault)
        .sort((a, b) => (b.metadata?.creationTimestamp ?? '').localeCompare(a.metadata?.creationTimestamp ?? ''))[0];
      if (chosen?.metadata?.name) obj.spec = { ...spec, storageClassName: chosen.metadata.name };
    },
  };
}

interface ServicePort {
  name?: string;
  port?: number;
  nodePort?: number;
  protocol?: string;
}

function serviceStrategy(deps: StrategyDeps): Strategy {
  const needsClusterIp = (spec: JsonObject): boolean => spec.type !== 'ExternalName' && spec.clusterIP !== 'None';
  const needsNodePorts = (spec: JsonObject): boolean => spec.type === 'NodePort' || spec.type === 'LoadBalancer';
  const portsOf = (spec: JsonObject): ServicePort[] => (Array.isArray(spec.ports) ? (spec.ports as ServicePort[]) : []);
  const owner = (obj: KubeObject): { namespace: string; name: string } => ({ namespace: obj.metadata?.namespace ?? '', name: obj.metadata?.name ?? '' });

  async function allocate(obj: KubeObject, old: KubeObject | undefined): Promise<void> {
    const spec = (obj.spec ?? {}) as JsonObject;
    const oldSpec = (old?.spec ?? {}) as JsonObject;
    if (needsClusterIp(spec)) {
      const kept = old && needsClusterIp(oldSpec) ? (oldSpec.clusterIP as string | undefined) : undefined;
      const wanted = typeof spec.clusterIP === 'string' && spec.clusterIP !== '' ? spec.clusterIP : kept;
      const ip = wanted !== undefined && wanted === kept ? wanted : await deps.clusterIps.allocate(owner(obj), wanted);
      spec.clusterIP = ip;
      spec.clusterIPs = [ip];
      spec.ipFamilies ??= ['IPv4'];
      spec.ipFamilyPolicy ??= 'SingleStack';
    } else if (spec.type === 'ExternalName') {
      delete spec.clusterIP;
      delete spec.clusterIPs;
    } else {
      spec.clusterIPs = ['None'];
    }
    if (needsNodePorts(spec)) {
      const oldPorts = needsNodePorts(oldSpec) ? portsOf(oldSpec) : [];
      const ports = portsOf(spec);
      for (const [i, p] of ports.entries()) {
        const previous = oldPorts.find((o) => o.port === p.port && (o.protocol ?? 'TCP') === (p.protocol ?? 'TCP'))?.nodePort;
        if (p.nodePort !== undefined && p.nodePort !== 0 && p.nodePort === previous) continue;
        if ((p.nodePort === undefined || p.nodePort === 0) && previous !== undefined) {
          p.nodePort = previous;
          continue;
        }
        p.nodePort = await deps.nodePorts.allocate(owner(obj), `spec.ports[${i}].nodePort`, p.nodePort);
      }
    } else {
      for (const p of portsOf(spec)) delete p.nodePort;
    }
    obj.spec = spec;
  }

  async function releaseUnused(obj: KubeObject | undefined, old: KubeObject): Promise<void> {
    const spec = (obj?.spec ?? {}) as JsonObject;
    const oldSpec = (old.spec ?? {}) as JsonObject;
    const oldIp = oldSpec.clusterIP;
    if (typeof oldIp === 'string' && oldIp !== 'None' && oldIp !== '' && spec.clusterIP !== oldIp) await deps.clusterIps.release(oldIp);
    const inUse = new Set(portsOf(spec).map((p) => p.nodePort));
    for (const p of portsOf(oldSpec)) if (p.nodePort !== undefined && !inUse.has(p.nodePort)) await deps.nodePorts.release(p.nodePort);
  }

  return {
    admitCreate: (obj) => allocate(obj, undefined),
    admitUpdate: async (obj, old) => {
      await allocate(obj, old);
      await releaseUnused(obj, old);
    },
    afterDelete: (obj) => releaseUnused(undefined, obj),
    validate: (obj, old): StatusCause[] => {
      const spec = (obj.spec ?? {}) as JsonObject;
      const oldSpec = (old?.spec ?? {}) as JsonObject;
      if (old && needsClusterIp(oldSpec) && needsClusterIp(spec) && typeof spec.clusterIP === 'string' && spec.clusterIP !== '' && spec.clusterIP !== oldSpec.clusterIP) {
        return [{ reason: 'FieldValueInvalid', field: 'spec.clusterIPs[0]', message: `Invalid value: []string{"${spec.clusterIP}"}: may not change once set` }];
      }
      return [];
    },
    returnDeletedObject: true,
  };
}

export type { DeleteOptions };
