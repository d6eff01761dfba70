import type { ControllerRevision } from 'kubernetes-types/apps/v1.js';
import type { PodTemplateSpec } from 'kubernetes-types/core/v1.js';
import { isObject } from '../../api/object.js';
import { isAlreadyExists, isConflict, isNotFound } from '../../api/status.js';
import { resources, type KubeClient } from '../../client/index.js';
import { goJson } from './go-json.js';
import { controllerRevisionHash } from './hash.js';
import { controllerRef, type Owner } from './pod-control.js';
import { timeMs } from './pods.js';
import { cloneJson } from '../../lib/json.js';

/** history.ControllerRevisionHashLabel, on StatefulSet revisions. */
export const CONTROLLER_REVISION_HASH_LABEL = 'controller.kubernetes.io/hash';
/** apps.ControllerRevisionHashLabelKey: on pods (both), and on DaemonSet revisions. */
export const POD_REVISION_LABEL = 'controller-revision-hash';

/**
 * The revision data of a StatefulSet or DaemonSet: the strategic-merge patch that puts its pod
 * template back (`kubectl rollout undo` applies it as is).
 */
export function templatePatch(template: PodTemplateSpec | undefined): { spec: { template: Record<string, unknown> } } {
  return { spec: { template: { ...(cloneJson(template ?? {}) as Record<string, unknown>), $patch: 'replace' } } };
}

/** The bytes kube hashes and compares: the patch as Go's encoding/json writes a generic map. */
export function revisionRaw(data: unknown): string {
  return goJson(data ?? null);
}

/** The pod template a revision holds. */
export function templateOfRevision(revision: ControllerRevision): PodTemplateSpec | undefined {
  const data: unknown = revision.data;
  if (!isObject(data) || !isObject(data.spec) || !isObject(data.spec.template)) return undefined;
  const { $patch: _patch, ...rest } = data.spec.template;
  return rest;
}

/** history.ControllerRevisionName: the parent's name (at most 223 characters) and the hash. */
export function revisionName(prefix: string, hash: string): string {
  return `${prefix.length > 223 ? prefix.slice(0, 223) : prefix}-${hash}`;
}

/** history.EqualRevision: the same data (hash labels only rule out, as kube's numeric check never parses ours). */
export function equalRevision(a: ControllerRevision | undefined, b: ControllerRevision | undefined): boolean {
  if (!a || !b) return a === b;
  return revisionRaw(a.data) === revisionRaw(b.data);
}

/** history.SortControllerRevisions: by revision, then creation, then name. */
export function sortRevisions(revisions: ControllerRevision[]): ControllerRevision[] {
  return revisions.sort((a, b) => {
    if (a.revision !== b.revision) return a.revision - b.revision;
    const ta = timeMs(a.metadata?.creationTimestamp) ?? 0;
    const tb = timeMs(b.metadata?.creationTimestamp) ?? 0;
    if (ta !== tb) return ta - tb;
    return (a.metadata?.name ?? '').localeCompare(b.metadata?.name ?? '');
  });
}

/** history.NewControllerRevision for a StatefulSet (name and hash label from the data). */
export function newStatefulSetRevision(owner: Owner, namespace: string, templateLabels: Readonly<Record<string, string>>, data: object, revision: number, collisionCount: number): ControllerRevision {
  const hash = controllerRevisionHash(revisionRaw(data), collisionCount);
  return {
    apiVersion: 'apps/v1',
    kind: 'ControllerRevision',
    metadata: {
      name: revisionName(owner.name, hash),
      namespace,
      labels: { ...templateLabels, [CONTROLLER_REVISION_HASH_LABEL]: hash },
      ownerReferences: [controllerRef(owner)],
    },
    data,
    revision,
  };
}

/**
 * history.CreateControllerRevision: creates `revision`, renamed with the hash for the collision
 * count; a same-named revision with other data is a collision, tried again with the count raised.
 * Returns the revision (created or identical existing) and the final collision count.
 */
export async function createControllerRevision(
  client: KubeClient,
  ownerName: string,
  revision: ControllerRevision,
  collisionCount: number,
  signal?: AbortSignal,
): Promise<{ revision: ControllerRevision; collisionCount: number }> {
  const raw = revisionRaw(revision.data);
  const namespace = revision.metadata?.namespace;
  for (let count = collisionCount; ; count++) {
    const hash = controllerRevisionHash(raw, count);
    const candidate: ControllerRevision = {
      ...revision,
      // kube renames on a collision but keeps the hash label of the first attempt.
      metadata: { ...revision.metadata, name: revisionName(ownerName, hash) },
    };
    try {
      return { revision: await client.create(resources.controllerRevisions, candidate, { signal }), collisionCount: count };
    } catch (e) {
      if (!isAlreadyExists(e)) throw e;
      const existing = await client.get(resources.controllerRevisions, candidate.metadata?.name ?? '', { namespace, signal });
      if (existing && revisionRaw(existing.data) === raw) return { revision: existing, collisionCount: count };
    }
  }
}

/** history.UpdateControllerRevision: gives an existing revision a new number (a rollback). */
export async function updateRevisionNumber(client: KubeClient, revision: ControllerRevision, number: number, signal?: AbortSignal): Promise<ControllerRevision> {
  let current: ControllerRevision | undefined = revision;
  for (let attempt = 0; ; attempt++) {
    if (!current) throw new Error(`controller revision ${revision.metadata?.name ?? ''} is gone`);
    if (current.revision === number) return current;
    try {
      return await client.update(resources.controllerRevisions, { ...current, revision: number }, { signal });
    } catch (e) {
      if (!isConflict(e) || attempt >= 4) throw e;
      current = await client.get(resources.controllerRevisions, revision.metadata?.name ?? '', { namespace: revision.metadata?.namespace, signal });
    }
  }
}

export async function deleteRevision(client: KubeClient, revision: ControllerRevision, signal?: AbortSignal): Promise<void> {
  try {
    await client.delete(resources.controllerRevisions, revision.metadata?.name ?? '', { namespace: revision.metadata?.namespace, signal });
  } catch (e) {
    if (!isNotFound(e)) throw e;
  }
}
