import type { ConfigMap } from 'kubernetes-types/core/v1.js';
import { isNotFound } from '../api/status.js';
import { resources } from '../client/index.js';
import type { Controller } from '../runtime/index.js';
import type { ControllerContext } from './shared/context.js';
import { isNamespaceTerminating } from './service-account.js';

export const ROOT_CA_CONTROLLER = 'root-ca-certificate-publisher-controller';
export const ROOT_CA_CONFIGMAP = 'kube-root-ca.crt';
export const ROOT_CA_KEY = 'ca.crt';
export const DESCRIPTION_ANNOTATION = 'kubernetes.io/description';
export const ROOT_CA_DESCRIPTION =
  'Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the internal service IP or kubernetes.default.svc. No other usage is guaranteed across distributions of Kubernetes clusters.';
const WORKERS = 1;

/** The ConfigMap as it should be, given what exists (annotations other than ours are kept). */
export function desiredRootCaConfigMap(namespace: string, caPem: string, existing: ConfigMap | undefined): ConfigMap | undefined {
  const data = { [ROOT_CA_KEY]: caPem };
  if (!existing) {
    return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: ROOT_CA_CONFIGMAP, namespace, annotations: { [DESCRIPTION_ANNOTATION]: ROOT_CA_DESCRIPTION } }, data };
  }
  const current = existing.data ?? {};
  const sameData = Object.keys(current).length === 1 && current[ROOT_CA_KEY] === caPem;
  const annotated = (existing.metadata?.annotations?.[DESCRIPTION_ANNOTATION] ?? '') !== '';
  if (sameData && annotated) return undefined;
  const annotations = { ...existing.metadata?.annotations };
  if (!annotated) annotations[DESCRIPTION_ANNOTATION] = ROOT_CA_DESCRIPTION;
  return { ...existing, metadata: { ...existing.metadata, annotations }, data };
}

/**
 * kube's root CA publisher: every active namespace has a `kube-root-ca.crt` ConfigMap whose only
 * key `ca.crt` is the cluster CA, recreated when deleted and put right when changed.
 */
export function rootCaController(ctx: ControllerContext): Controller {
  const namespaces = ctx.informer(resources.namespaces);
  // Only the published ConfigMaps: a cache of every ConfigMap would be of no use here.
  const configMaps = ctx.informer(resources.configMaps, { fieldSelector: `metadata.name=${ROOT_CA_CONFIGMAP}` });

  const reconcile = async (namespace: string, signal: AbortSignal): Promise<void> => {
    if (namespaces.get('', namespace)?.status?.phase !== 'Active') return;
    const existing = configMaps.get(namespace, ROOT_CA_CONFIGMAP);
    const desired = desiredRootCaConfigMap(namespace, ctx.rootCaPem, existing);
    if (!desired) return;
    try {
      if (existing) await ctx.client.update(resources.configMaps, desired, { signal });
      else await ctx.client.create(resources.configMaps, desired, { signal });
    } catch (e) {
      // A namespace that is gone or terminating needs nothing any more.
      if (!existing && (isNotFound(e) || isNamespaceTerminating(e))) return;
      throw e;
    }
  };

  return ctx
    .controller({ name: ROOT_CA_CONTROLLER, workers: WORKERS, reconcile })
    .watch(namespaces, { predicate: (e) => e.type !== 'delete' })
    .watch(configMaps, { map: (cm) => [cm.metadata?.namespace ?? ''] });
}
