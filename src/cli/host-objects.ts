import { setTimeout as sleep } from 'node:timers/promises';
import { MARKER_LABEL } from '../api/labels.js';
import { isNotFound } from '../api/status.js';
import type { Secret } from 'kubernetes-types/core/v1.js';
import { resourceRef, resources, type KubeClient, type ResourceRef } from '../client/index.js';
import type { HostRbacRules } from '../config/index.js';

/** Host object kinds the syncer may create in the host namespace (single-namespace mode). */
const SYNCED_KINDS: readonly ResourceRef[] = [
  resources.pods,
  resources.services,
  resources.endpoints,
  resources.endpointSlices,
  resources.configMaps,
  resources.secrets,
  resources.persistentVolumeClaims,
  resources.serviceAccounts,
  resources.ingresses,
  resources.networkPolicies,
  resources.podDisruptionBudgets,
] as unknown as ResourceRef[];

const selfSubjectAccessReviews = resourceRef({ group: 'authorization.k8s.io', version: 'v1', resource: 'selfsubjectaccessreviews', namespaced: false, kind: 'SelfSubjectAccessReview' });

export async function ensureNamespace(host: KubeClient, namespace: string, options: { timeoutMs?: number } = {}): Promise<boolean> {
  // A namespace still terminating (a `vcluster delete` a moment ago) takes no new objects: wait it out.
  const deadline = Date.now() + (options.timeoutMs ?? 120_000);
  for (;;) {
    const existing = await host.get(resources.namespaces, namespace);
    if (!existing) break;
    if (existing.metadata?.deletionTimestamp === undefined) return false;
    if (Date.now() > deadline) throw new Error(`namespace ${namespace} is still terminating on the host; try again once it is gone`);
    await sleep(250);
  }
  await host.create(resources.namespaces, {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name: namespace, annotations: { 'vcluster-ts.io/created-by': 'vcluster create' } },
  });
  return true;
}

/**
 * The vcluster's Service on the host: like upstream's, it represents the virtual cluster and owns
 * every object the syncer creates there. (Its control plane runs locally, so it has no endpoints.)
 */
export async function ensureService(host: KubeClient, namespace: string, name: string): Promise<{ name: string; uid: string }> {
  const existing = await host.get(resources.services, name, { namespace });
  const svc =
    existing ??
    (await host.create(
      resources.services,
      {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name, namespace, labels: { app: 'vcluster', release: name } },
        spec: { type: 'ClusterIP', ports: [{ name: 'https', port: 443, targetPort: 8443, protocol: 'TCP' }] },
      },
      { namespace },
    ));
  return { name, uid: svc.metadata?.uid ?? '' };
}

/** The host service account synced pods run as (`vc-workload-<name>`, as upstream names it). */
export async function ensureWorkloadServiceAccount(host: KubeClient, namespace: string, name: string): Promise<void> {
  const saName = `vc-workload-${name}`;
  if (await host.get(resources.serviceAccounts, saName, { namespace })) return;
  await host.create(
    resources.serviceAccounts,
    { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: saName, namespace, labels: { app: 'vcluster', release: name } } },
    { namespace },
  );
}

export async function putSecret(host: KubeClient, namespace: string, name: string, data: Record<string, string>, labels: Record<string, string>): Promise<void> {
  const encoded = Object.fromEntries(Object.entries(data).map(([k, v]) => [k, Buffer.from(v).toString('base64')]));
  const existing = await host.get(resources.secrets, name, { namespace });
  const metadata = { name, namespace, labels, ...(existing?.metadata?.resourceVersion ? { resourceVersion: existing.metadata.resourceVersion } : {}) };
  const body: Secret = { apiVersion: 'v1', kind: 'Secret', metadata, type: 'Opaque', data: encoded };
  if (existing) await host.update(resources.secrets, body, { namespace });
  else await host.create(resources.secrets, body, { namespace });
}

export async function readSecret(host: KubeClient, namespace: string, name: string): Promise<Record<string, string> | undefined> {
  const secret = await host.get(resources.secrets, name, { namespace });
  if (!secret) return undefined;
  return Object.fromEntries(Object.entries(secret.data ?? {}).map(([k, v]) => [k, Buffer.from(v, 'base64').toString('utf8')]));
}

async function ignoreMissing(work: Promise<unknown>): Promise<void> {
  try {
    await work;
  } catch (e) {
    if (!isNotFound(e)) throw e;
  }
}

/** Deletes every host object this vcluster's syncer created (label `vcluster.loft.sh/managed-by=<name>`). */
export async function deleteSyncedObjects(host: KubeClient, namespace: string, vcluster: string, kinds: readonly ResourceRef[] = SYNCED_KINDS): Promise<number> {
  let deleted = 0;
  for (const ref of kinds) {
    const list = await host.list(ref, { namespace, labelSelector: `${MARKER_LABEL}=${vcluster}` });
    for (const obj of list.items) {
      await ignoreMissing(host.delete(ref, obj.metadata?.name ?? '', { namespace, gracePeriodSeconds: 0 }));
      deleted++;
    }
  }
  return deleted;
}

export async function deleteSyncedPods(host: KubeClient, namespace: string, vcluster: string): Promise<number> {
  return deleteSyncedObjects(host, namespace, vcluster, [resources.pods as unknown as ResourceRef]);
}

export async function deleteClusterObjects(host: KubeClient, namespace: string, name: string, deleteNamespace: boolean): Promise<void> {
  await ignoreMissing(host.delete(resources.secrets, `vc-${name}`, { namespace }));
  await ignoreMissing(host.delete(resources.secrets, `vc-config-${name}`, { namespace }));
  await ignoreMissing(host.delete(resources.services, name, { namespace }));
  await ignoreMissing(host.delete(resources.serviceAccounts, `vc-workload-${name}`, { namespace }));
  if (deleteNamespace) await ignoreMissing(host.delete(resources.namespaces, namespace));
}

/**
 * The permissions the config needs on the host that the current user lacks, checked with
 * SelfSubjectAccessReviews (`kubectl auth can-i`) against the host.
 */
export async function missingPermissions(host: KubeClient, namespace: string, rules: HostRbacRules): Promise<string[]> {
  const missing: string[] = [];
  const check = async (ns: string | undefined, group: string, resource: string, verb: string): Promise<void> => {
    const [res, sub] = resource.split('/');
    const review = await host.create(selfSubjectAccessReviews, {
      apiVersion: 'authorization.k8s.io/v1',
      kind: 'SelfSubjectAccessReview',
      spec: { resourceAttributes: { ...(ns ? { namespace: ns } : {}), group, resource: res, ...(sub ? { subresource: sub } : {}), verb } },
    });
    if ((review as { status?: { allowed?: boolean } }).status?.allowed !== true) missing.push(`${verb} ${resource}${group ? `.${group}` : ''}${ns ? ` in namespace ${ns}` : ' (cluster-wide)'}`);
  };
  for (const [scope, list] of [['ns', rules.role], ['cluster', rules.clusterRole]] as const) {
    for (const rule of list) {
      for (const group of rule.apiGroups ?? ['']) {
        for (const resource of rule.resources ?? []) {
          for (const verb of rule.verbs) await check(scope === 'ns' ? namespace : undefined, group, resource, verb);
        }
      }
    }
  }
  return missing;
}
