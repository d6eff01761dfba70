import type { Pod, PodTemplateSpec } from 'kubernetes-types/core/v1.js';
import type { OwnerReference } from 'kubernetes-types/meta/v1.js';
import { isAlreadyExists, isNotFound, StatusError } from '../../api/status.js';
import { resources, type KubeClient } from '../../client/index.js';
import { cloneJson } from '../../lib/json.js';

/** kube's NamespaceTerminatingCause: creations in a terminating namespace fail with it. */
export const NAMESPACE_TERMINATING_CAUSE = 'NamespaceTerminating';

export interface Owner {
  readonly apiVersion: string;
  readonly kind: string;
  readonly name: string;
  readonly uid: string;
}

/** metav1.NewControllerRef: controller and blocking owner deletion. */
export function controllerRef(owner: Owner): OwnerReference {
  return { apiVersion: owner.apiVersion, kind: owner.kind, name: owner.name, uid: owner.uid, controller: true, blockOwnerDeletion: true };
}

/**
 * controller.GetPodFromTemplate: the template's labels, annotations, finalizers and spec, named
 * `<owner>-` plus a random suffix (unless `name` is given), controlled by the owner.
 */
export function podFromTemplate(template: PodTemplateSpec | undefined, owner: Owner, namespace: string, options: { name?: string; generateName?: string } = {}): Pod {
  const meta = template?.metadata ?? {};
  const pod: Pod = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      namespace,
      ...(options.name !== undefined ? { name: options.name } : { generateName: options.generateName ?? `${owner.name}-` }),
      labels: { ...(meta.labels ?? {}) },
      ...(meta.annotations !== undefined ? { annotations: { ...meta.annotations } } : {}),
      ...(meta.finalizers !== undefined ? { finalizers: [...meta.finalizers] } : {}),
      ownerReferences: [controllerRef(owner)],
    },
    spec: cloneJson(template?.spec ?? { containers: [] }),
  };
  return pod;
}

/** Whether a create failed because the namespace is being deleted (nothing to retry). */
export function isNamespaceTerminating(e: unknown): boolean {
  if (!(e instanceof StatusError)) return false;
  if ((e.details?.causes ?? []).some((c) => c.reason === NAMESPACE_TERMINATING_CAUSE)) return true;
  return e.code === 403 && e.message.includes('because it is being terminated');
}

export type CreateOutcome = 'created' | 'exists' | 'namespace-terminating';

/** Creates a pod; AlreadyExists and a terminating namespace are outcomes, other errors throw. */
export async function createPod(client: KubeClient, pod: Pod, signal?: AbortSignal): Promise<{ outcome: CreateOutcome; pod?: Pod }> {
  try {
    const created = await client.create(resources.pods, pod, { signal });
    return { outcome: 'created', pod: created };
  } catch (e) {
    if (isAlreadyExists(e)) return { outcome: 'exists' };
    if (isNamespaceTerminating(e)) return { outcome: 'namespace-terminating' };
    throw e;
  }
}

/** Deletes a pod; false when it was already gone. */
export async function deletePod(client: KubeClient, namespace: string, name: string, signal?: AbortSignal, uid?: string): Promise<boolean> {
  try {
    await client.delete(resources.pods, name, { namespace, signal, ...(uid !== undefined ? { preconditions: { uid } } : {}) });
    return true;
  } catch (e) {
    if (isNotFound(e)) return false;
    throw e;
  }
}

/**
 * kube's slowStartBatch: runs `fn` `count` times in batches of 1, 2, 4… and stops after the first
 * batch with a failure. Returns how many succeeded and the first error.
 */
export async function slowStartBatch(count: number, fn: (i: number) => Promise<void>, initialBatch = 1): Promise<{ successes: number; error?: unknown }> {
  let remaining = count;
  let successes = 0;
  let index = 0;
  for (let batch = Math.min(remaining, initialBatch); batch > 0; batch = Math.min(2 * batch, remaining)) {
    const results = await Promise.allSettled(Array.from({ length: batch }, () => fn(index++)));
    const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    successes += results.filter((r) => r.status === 'fulfilled').length;
    if (failed) return { successes, error: failed.reason };
    remaining -= batch;
  }
  return { successes };
}
