import { isObject, str, type JsonObject, type KubeObject } from '../../api/object.js';
import type { PodLogRequest } from '../../api/pod-logs.js';
import { errors, StatusError } from '../../api/status.js';
import type { ServiceAccountTokens } from '../auth/tokens.js';
import { writeChunk, writeJson, writeText } from '../http/respond.js';
import type { ClusterReader } from '../strategies/index.js';
import { decodeObject, decodePatch } from './decode.js';
import { deleteOptions, type SubresourceCall, type SubresourceHandler } from './resource.js';

const success = (code: number): Record<string, unknown> => ({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', code });

function getPath(obj: unknown, path: string): unknown {
  let cur = obj;
  for (const part of path.replace(/^\./, '').split('.')) {
    if (!isObject(cur)) return undefined;
    cur = cur[part];
  }
  return cur;
}

function setPath(obj: JsonObject, path: string, value: unknown): void {
  const parts = path.replace(/^\./, '').split('.');
  let cur: JsonObject = obj;
  for (const part of parts.slice(0, -1)) {
    const next = cur[part];
    if (!isObject(next)) cur[part] = {};
    cur = cur[part] as JsonObject;
  }
  cur[parts[parts.length - 1] ?? ''] = value;
}

/** metav1.FormatLabelSelector: the string form of a LabelSelector, requirements sorted by key. */
export function formatLabelSelector(selector: unknown): string {
  if (!isObject(selector)) return '';
  const parts: [string, string][] = [];
  const labels = isObject(selector.matchLabels) ? selector.matchLabels : {};
  for (const [k, v] of Object.entries(labels)) parts.push([k, `${k}=${String(v)}`]);
  const exprs = Array.isArray(selector.matchExpressions) ? (selector.matchExpressions as JsonObject[]) : [];
  for (const e of exprs) {
    const key = String(e.key);
    const values = Array.isArray(e.values) ? [...(e.values as string[])].sort() : [];
    switch (e.operator) {
      case 'In':
        parts.push([key, `${key} in (${values.join(',')})`]);
        break;
      case 'NotIn':
        parts.push([key, `${key} notin (${values.join(',')})`]);
        break;
      case 'Exists':
        parts.push([key, key]);
        break;
      case 'DoesNotExist':
        parts.push([key, `!${key}`]);
        break;
      default:
        break;
    }
  }
  return parts
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, s]) => s)
    .join(',');
}

interface ScalePaths {
  spec: string;
  status: string;
  selector?: string;
}

function scalePaths(call: SubresourceCall): ScalePaths {
  const crdScale = call.store.def.crd?.scale;
  if (crdScale) return { spec: crdScale.specReplicasPath, status: crdScale.statusReplicasPath, ...(crdScale.labelSelectorPath ? { selector: crdScale.labelSelectorPath } : {}) };
  return { spec: '.spec.replicas', status: '.status.replicas' };
}

function scaleOf(call: SubresourceCall, obj: KubeObject): JsonObject {
  const paths = scalePaths(call);
  const m = obj.metadata ?? {};
  let selector: string | undefined;
  if (paths.selector) {
    const v = getPath(obj, paths.selector);
    selector = typeof v === 'string' ? v : undefined;
  } else {
    const raw = getPath(obj, '.spec.selector');
    // ReplicationControllers select with a plain map; apps kinds with a LabelSelector.
    selector = call.store.def.resource === 'replicationcontrollers' && isObject(raw)
      ? Object.entries(raw).map(([k, v]) => `${k}=${String(v)}`).sort().join(',')
      : formatLabelSelector(raw);
  }
  const specReplicas = getPath(obj, paths.spec);
  const statusReplicas = getPath(obj, paths.status);
  return {
    kind: 'Scale',
    apiVersion: 'autoscaling/v1',
    metadata: { name: m.name, namespace: m.namespace, uid: m.uid, resourceVersion: m.resourceVersion, creationTimestamp: m.creationTimestamp },
    spec: { replicas: typeof specReplicas === 'number' ? specReplicas : 0 },
    status: { replicas: typeof statusReplicas === 'number' ? statusReplicas : 0, ...(selector ? { selector } : {}) },
  };
}

/** GET/PUT/PATCH …/scale: a Scale view onto the replica count of the parent object. */
const scale: SubresourceHandler = async (call) => {
  const { info, store, ctx } = call;
  const ns = store.def.namespaced ? info.namespace : '';
  if (info.verb === 'get') {
    writeJson(call.res, 200, scaleOf(call, await store.get(ns, info.name)));
    return;
  }
  if (info.verb !== 'update' && info.verb !== 'patch') throw errors.methodNotAllowed('the server does not allow this method on the requested resource');
  const body = await call.body();
  const result = await store.update(
    ns,
    info.name,
    (current) => {
      if (!current) throw store.notFound(info.name);
      const currentScale = scaleOf(call, current);
      let wanted: JsonObject;
      if (info.verb === 'update') {
        wanted = decodeObject(body, call.req.headers['content-type']);
      } else {
        const patch = decodePatch(body, call.req.headers['content-type']);
        if (patch.type === 'apply') throw errors.unsupportedMediaType('apply patches are not supported on the scale subresource');
        wanted = call.patches.patch(store.def, currentScale, patch.type === 'strategic' ? { type: 'merge', patch: patch.patch } : patch);
      }
      const replicas = getPath(wanted, '.spec.replicas');
      if (typeof replicas !== 'number' || !Number.isInteger(replicas) || replicas < 0) {
        throw errors.invalid('autoscaling', 'Scale', info.name, [{ reason: 'FieldValueInvalid', field: 'spec.replicas', message: `Invalid value: ${JSON.stringify(replicas)}: must be greater than or equal to 0` }]);
      }
      const pinned = getPath(wanted, '.metadata.resourceVersion');
      if (typeof pinned === 'string' && pinned !== '' && pinned !== current.metadata?.resourceVersion) {
        throw errors.conflict(store.def.group, store.def.resource, info.name, 'the object has been modified; please apply your changes to the latest version and try again');
      }
      setPath(current, scalePaths(call).spec, replicas);
      if (current.metadata) delete current.metadata.resourceVersion;
      return current;
    },
    ctx,
  );
  writeJson(call.res, 200, scaleOf(call, result.object));
};

/** POST pods/{name}/binding (and the bindings resource): assigns the pod to a node once. */
export async function bindPod(call: Pick<SubresourceCall, 'store' | 'ctx'>, namespace: string, podName: string, binding: KubeObject): Promise<void> {
  const target = isObject(binding.target) ? binding.target : {};
  const node = typeof target.name === 'string' ? target.name : '';
  if (node === '') throw errors.invalid('', 'Binding', podName, [{ reason: 'FieldValueRequired', field: 'target.name', message: 'Required value' }]);
  await call.store.update(
    namespace,
    podName,
    (current) => {
      if (!current) throw call.store.notFound(podName);
      const spec = isObject(current.spec) ? current.spec : {};
      if (current.metadata?.deletionTimestamp) throw errors.conflict('', 'pods', podName, 'pod is being deleted, cannot be assigned to a host');
      if (typeof spec.nodeName === 'string' && spec.nodeName !== '') {
        throw errors.conflict('', 'pods', podName, `pod ${podName} is already assigned to node "${spec.nodeName}"`);
      }
      spec.nodeName = node;
      const status = isObject(current.status) ? current.status : {};
      const conditions = (Array.isArray(status.conditions) ? status.conditions : []) as JsonObject[];
      const scheduled = { type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: `${call.ctx.now.toISOString().slice(0, 19)}Z` };
      status.conditions = [...conditions.filter((c) => c.type !== 'PodScheduled'), scheduled];
      current.status = status;
      return current;
    },
    call.ctx,
    { subresource: 'binding' },
  );
}

const binding: SubresourceHandler = async (call) => {
  if (call.info.verb !== 'create') throw errors.methodNotAllowed('the server does not allow this method on the requested resource');
  const body = decodeObject(await call.body(), call.req.headers['content-type']);
  await bindPod(call, call.info.namespace, call.info.name, body);
  writeJson(call.res, 201, success(201));
};

function selectorMatches(selector: unknown, labels: Record<string, string>): boolean {
  if (!isObject(selector)) return false;
  const ml = isObject(selector.matchLabels) ? selector.matchLabels : {};
  const exprs = Array.isArray(selector.matchExpressions) ? (selector.matchExpressions as JsonObject[]) : [];
  if (Object.keys(ml).length === 0 && exprs.length === 0) return true;
  for (const [k, v] of Object.entries(ml)) if (labels[k] !== v) return false;
  for (const e of exprs) {
    const key = String(e.key);
    const values = Array.isArray(e.values) ? (e.values as string[]) : [];
    const has = key in labels;
    if (e.operator === 'In' && !(has && values.includes(labels[key] ?? ''))) return false;
    if (e.operator === 'NotIn' && has && values.includes(labels[key] ?? '')) return false;
    if (e.operator === 'Exists' && !has) return false;
    if (e.operator === 'DoesNotExist' && has) return false;
  }
  return true;
}

/** POST pods/{name}/eviction: deletes the pod unless a PodDisruptionBudget forbids it (429). */
function eviction(cluster: ClusterReader): SubresourceHandler {
  return async (call) => {
    if (call.info.verb !== 'create') throw errors.methodNotAllowed('the server does not allow this method on the requested resource');
    const body = decodeObject(await call.body(), call.req.headers['content-type']);
    const { namespace, name } = call.info;
    const pod = await call.store.get(namespace, name);
    const labels = (pod.metadata?.labels ?? {}) as Record<string, string>;
    const phase = isObject(pod.status) ? pod.status.phase : undefined;
    if (phase !== 'Succeeded' && phase !== 'Failed' && pod.metadata?.deletionTimestamp === undefined) {
      const budgets = (await cluster.list('policy', 'poddisruptionbudgets', namespace)).filter((pdb) => selectorMatches((pdb.spec as JsonObject | undefined)?.selector, labels));
      if (budgets.length > 1) throw errors.internal('This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.');
      const pdb = budgets[0];
      const allowed = (pdb?.status as JsonObject | undefined)?.disruptionsAllowed;
      if (pdb && !(typeof allowed === 'number' && allowed > 0)) {
        throw new StatusError(429, 'TooManyRequests', "Cannot evict pod as it would violate the pod's disruption budget.", {
          causes: [{ reason: 'DisruptionBudget', message: `The disruption budget ${pdb.metadata?.name ?? ''} needs ${str((pdb.status as JsonObject | undefined)?.desiredHealthy, '0')} healthy pods and has ${str((pdb.status as JsonObject | undefined)?.currentHealthy, '0')} currently` }],
          retryAfterSeconds: 10,
        });
      }
    }
    const options = deleteOptions(isObject(body.deleteOptions) ? body.deleteOptions : undefined, call.query);
    await call.store.delete(namespace, name, options, call.ctx);
    writeJson(call.res, 201, success(201));
  };
}

/** POST serviceaccounts/{name}/token: a TokenRequest answered with a signed JWT. */
function token(tokens: ServiceAccountTokens, cluster: ClusterReader): SubresourceHandler {
  return async (call) => {
    if (call.info.verb !== 'create') throw errors.methodNotAllowed('the server does not allow this method on the requested resource');
    const request = decodeObject(await call.body(), call.req.headers['content-type']);
    const { namespace, name } = call.info;
    const sa = await call.store.get(namespace, name);
    const spec = isObject(request.spec) ? request.spec : {};
    const expirationSeconds = typeof spec.expirationSeconds === 'number' ? spec.expirationSeconds : 3600;
    if (expirationSeconds < 600) {
      throw errors.invalid('authentication.k8s.io', 'TokenRequest', name, [{ reason: 'FieldValueInvalid', field: 'spec.expirationSeconds', message: `Invalid value: ${expirationSeconds}: may not specify a duration less than 10 minutes` }]);
    }
    const ref = isObject(spec.boundObjectRef) ? spec.boundObjectRef : undefined;
    let boundObject: { kind: 'Pod' | 'Secret'; name: string; uid: string } | undefined;
    if (ref) {
      const kind = ref.kind === 'Pod' || ref.kind === 'Secret' ? ref.kind : undefined;
      if (!kind) throw errors.badRequest(`cannot bind token to object of kind ${String(ref.kind)}`);
      const target = await cluster.get('', kind === 'Pod' ? 'pods' : 'secrets', namespace, String(ref.name));
      if (!target) throw errors.notFound('', kind === 'Pod' ? 'pods' : 'secrets', String(ref.name));
      if (typeof ref.uid === 'string' && ref.uid !== '' && ref.uid !== target.metadata?.uid) {
        throw errors.conflict('', kind === 'Pod' ? 'pods' : 'secrets', String(ref.name), `the UID in the bound object reference (${ref.uid}) does not match the UID in record. The object might have been deleted and then recreated`);
      }
      boundObject = { kind, name: String(ref.name), uid: target.metadata?.uid ?? '' };
    }
    const audiences = Array.isArray(spec.audiences) ? (spec.audiences as string[]) : [];
    const issued = await tokens.issue(
      { namespace, name, uid: sa.metadata?.uid ?? '' },
      { audiences, expirationSeconds, ...(boundObject ? { boundObject } : {}), now: call.ctx.now },
    );
    writeJson(call.res, 201, {
      kind: 'TokenRequest',
      apiVersion: 'authentication.k8s.io/v1',
      metadata: { name, namespace, creationTimestamp: null },
      spec: { audiences: audiences.length > 0 ? audiences : tokens.defaultAudiences, expirationSeconds, boundObjectRef: ref ?? null },
      status: { token: issued.token, expirationTimestamp: `${issued.expiresAt.toISOString().slice(0, 19)}Z` },
    });
  };
}

/** Subresources updated by replacing part of the object (namespaces/finalize, pods/ephemeralcontainers). */
const partialUpdate: SubresourceHandler = async (call) => {
  const { info, store, ctx } = call;
  const ns = store.def.namespaced ? info.namespace : '';
  if (info.verb === 'get') {
    writeJson(call.res, 200, await store.get(ns, info.name));
    return;
  }
  const body = await call.body();
  const result = await store.update(
    ns,
    info.name,
    (current) => {
      if (!current) throw store.notFound(info.name);
      if (info.verb === 'update') return decodeObject(body, call.req.headers['content-type']);
      if (info.verb === 'patch') {
        const patch = decodePatch(body, call.req.headers['content-type']);
        if (patch.type === 'apply') throw errors.unsupportedMediaType('apply patches are not supported on this subresource');
        return call.patches.patch(store.def, current, patch);
      }
      throw errors.methodNotAllowed('the server does not allow this method on the requested resource');
    },
    ctx,
    { subresource: info.subresource },
  );
  writeJson(call.res, 200, result.object);
};

/** Where container logs come from: the simulated kubelet on the embedded host, the host pod for a virtual one. */
export type PodLogProvider = (pod: KubeObject, options: PodLogRequest) => Promise<AsyncIterable<string | Buffer> | string>;

function logs(provider: PodLogProvider | undefined): SubresourceHandler {
  return async (call) => {
    if (call.info.verb !== 'get') throw errors.methodNotAllowed('the server does not allow this method on the requested resource');
    const pod = await call.store.get(call.info.namespace, call.info.name);
    const spec = isObject(pod.spec) ? pod.spec : {};
    const names = ['containers', 'initContainers', 'ephemeralContainers'].flatMap((f) => (Array.isArray(spec[f]) ? (spec[f] as JsonObject[]) : []).map((c) => String(c.name)));
    const regular = (Array.isArray(spec.containers) ? (spec.containers as JsonObject[]) : []).map((c) => String(c.name));
    const q = call.query;
    let container = q.get('container') ?? '';
    if (container === '') {
      const defaulted = pod.metadata?.annotations?.['kubectl.kubernetes.io/default-container'];
      if (regular.length === 1) container = regular[0] ?? '';
      else if (defaulted && regular.includes(defaulted)) container = defaulted;
      else throw errors.badRequest(`a container name must be specified for pod ${call.info.name}, choose one of: [${regular.join(' ')}]`);
    }
    if (!names.includes(container)) throw errors.badRequest(`container ${container} is not valid for pod ${call.info.name}`);
    const int = (name: string): number | undefined => {
      const v = q.get(name);
      return v === null ? undefined : Number(v);
    };
    const options: PodLogRequest = {
      container,
      follow: q.get('follow') === 'true',
      previous: q.get('previous') === 'true',
      timestamps: q.get('timestamps') === 'true',
      ...(int('tailLines') !== undefined ? { tailLines: int('tailLines') } : {}),
      ...(int('sinceSeconds') !== undefined ? { sinceSeconds: int('sinceSeconds') } : {}),
      ...(int('limitBytes') !== undefined ? { limitBytes: int('limitBytes') } : {}),
    };
    if (!provider || !(isObject(pod.spec) && pod.spec.nodeName)) {
      throw errors.badRequest(`container "${container}" in pod "${call.info.name}" is waiting to start: ContainerCreating`);
    }
    const body = await provider(pod, options);
    if (typeof body === 'string') {
      writeText(call.res, 200, body);
      return;
    }
    call.res.writeHead(200, { 'Content-Type': 'text/plain' });
    const client = { gone: false };
    call.res.on('close', () => (client.gone = true));
    for await (const chunk of body) {
      if (client.gone) break;
      writeChunk(call.res, typeof chunk === 'string' ? chunk : chunk.toString('utf8'));
    }
    call.res.end();
  };
}

export interface SubresourceDeps {
  readonly cluster: ClusterReader;
  readonly tokens: ServiceAccountTokens;
  readonly podLogs?: PodLogProvider;
}

export function builtinSubresources(deps: SubresourceDeps): Map<string, SubresourceHandler> {
  const map = new Map<string, SubresourceHandler>();
  for (const r of ['apps/deployments', 'apps/replicasets', 'apps/statefulsets', '/replicationcontrollers']) map.set(`${r}/scale`, scale);
  map.set('/pods/binding', binding);
  map.set('/pods/eviction', eviction(deps.cluster));
  map.set('/pods/log', logs(deps.podLogs));
  map.set('/pods/ephemeralcontainers', partialUpdate);
  map.set('/namespaces/finalize', partialUpdate);
  map.set('/serviceaccounts/token', token(deps.tokens, deps.cluster));
  // Custom resources with a scale subresource share one handler.
  map.set('*/*/scale', scale);
  return map;
}
