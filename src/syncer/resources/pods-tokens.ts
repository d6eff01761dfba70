/**
 * Issues the virtual service-account tokens a host pod mounts and keeps the host Secret that holds
 * them (see `pods-tokens.translate.ts` for why). The Secret is the only host object besides the
 * pod itself that the pod syncer writes; it is never touched unless it is recognisably ours.
 */
import { randomBytes } from 'node:crypto';
import type { Pod, Secret } from 'kubernetes-types/core/v1.js';
import type { OwnerReference } from 'kubernetes-types/meta/v1.js';
import { isAlreadyExists, isConflict, isNotFound } from '../../api/status.js';
import { resources } from '../../client/index.js';
import type { SyncContext } from '../types.js';
import {
  isTokenSecret,
  podServiceAccountName,
  tokenRequestBody,
  tokenSecret,
  tokenSecretHostName,
  tokenSecretOwners,
  type IssuedToken,
  type TokenRequestPlan,
} from './pods-tokens.translate.js';

const SUFFIX_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** Eight random characters for a token annotation (upstream `random.String(8)`). */
export function randomSuffix(length = 8): string {
  const bytes = randomBytes(length);
  return [...bytes].map((b) => SUFFIX_ALPHABET[b % SUFFIX_ALPHABET.length] ?? 'a').join('');
}

interface TokenRequestAnswer {
  readonly status?: { readonly token?: string };
}

/** Requests one token per plan from the virtual API server, bound to the virtual pod. */
export async function issueTokens(ctx: SyncContext, pod: Pod, plans: readonly TokenRequestPlan[]): Promise<IssuedToken[]> {
  const namespace = pod.metadata?.namespace ?? '';
  const tokens: IssuedToken[] = [];
  for (const plan of plans) {
    const answer = await ctx.virtual.client.createSubresource<TokenRequestAnswer>(
      resources.serviceAccounts,
      podServiceAccountName(pod),
      'token',
      tokenRequestBody(plan, pod),
      { namespace, signal: ctx.signal },
    );
    const token = answer.status?.token ?? '';
    if (token === '') throw new Error(`the virtual API server issued an empty token for service account ${namespace}/${plan.serviceAccountName}`);
    tokens.push({ volumeName: plan.volumeName, sourceIndex: plan.sourceIndex, token, annotationSuffix: randomSuffix() });
  }
  return tokens;
}

function ownerReferenceOf(ctx: SyncContext): OwnerReference | undefined {
  const owner = ctx.owner;
  if (owner === undefined || owner.uid === '') return undefined;
  return { apiVersion: owner.apiVersion, kind: owner.kind, name: owner.name, uid: owner.uid };
}

/**
 * Writes the token Secret of a pod about to be created on the host: an earlier one of ours (from a
 * previous attempt) is replaced; a foreign Secret with that name stops the sync. Returns the Secret
 * as the host stored it.
 */
export async function writeTokenSecret(ctx: SyncContext, pod: Pod, data: Readonly<Record<string, string>>): Promise<Secret> {
  const name = tokenSecretHostName(ctx.names, pod.metadata?.name ?? '', pod.metadata?.namespace ?? '');
  const client = ctx.host.client;
  const secret = tokenSecret(name, data, ownerReferenceOf(ctx));
  try {
    return await client.create(resources.secrets, secret, { signal: ctx.signal });
  } catch (e) {
    if (!isAlreadyExists(e)) throw e;
  }
  const existing = await client.get(resources.secrets, name.name, { namespace: name.namespace, signal: ctx.signal });
  if (existing !== undefined) {
    if (!isTokenSecret(existing, ctx.owner?.uid)) {
      throw new Error(`host secret ${name.namespace}/${name.name} exists and was not written by vcluster ${ctx.names.vclusterName}; not touching it`);
    }
    await client.delete(resources.secrets, name.name, {
      namespace: name.namespace,
      signal: ctx.signal,
      ...(existing.metadata?.uid === undefined ? {} : { preconditions: { uid: existing.metadata.uid } }),
    });
  }
  return client.create(resources.secrets, secret, { signal: ctx.signal });
}

/**
 * Makes the host pod the owner of its token Secret (`SetPodAsOwner`), so the host's garbage
 * collector removes the Secret with the pod. `written` is the Secret as this syncer last wrote it:
 * when it is still the stored version, the update needs no read first.
 */
export async function adoptTokenSecret(ctx: SyncContext, virtual: Pod, host: Pod, written?: Secret): Promise<void> {
  if (written !== undefined) {
    try {
      await setOwners(ctx, written, host);
      return;
    } catch (e) {
      // Changed since: read it and decide again.
      if (!isConflict(e) && !isNotFound(e)) throw e;
    }
  }
  const name = tokenSecretHostName(ctx.names, virtual.metadata?.name ?? '', virtual.metadata?.namespace ?? '');
  const secret = await ctx.host.client.get(resources.secrets, name.name, { namespace: name.namespace, signal: ctx.signal });
  if (secret !== undefined) await setOwners(ctx, secret, host);
}

async function setOwners(ctx: SyncContext, secret: Secret, host: Pod): Promise<void> {
  if (!isTokenSecret(secret, ctx.owner?.uid)) return;
  const owners = tokenSecretOwners(secret.metadata?.ownerReferences, host, ctx.owner?.uid);
  if (owners === undefined) return;
  await ctx.host.client.update(resources.secrets, { ...secret, metadata: { ...secret.metadata, ownerReferences: owners } }, { signal: ctx.signal });
}

/** Does this host pod mount a token Secret (so it must own it)? */
export function mountsTokenSecret(ctx: SyncContext, virtual: Pod, host: Pod): boolean {
  const name = tokenSecretHostName(ctx.names, virtual.metadata?.name ?? '', virtual.metadata?.namespace ?? '').name;
  return (host.spec?.volumes ?? []).some((v) => (v.projected?.sources ?? []).some((s) => s.secret?.name === name));
}
