/**
 * Fake PersistentVolumes — virtual only: a virtual PV for each virtual claim bound to a volume,
 * deleted when no claim uses it (spec §3.8, §4.8). Nothing is written to the host.
 */
import type { PersistentVolume, PersistentVolumeClaim } from 'kubernetes-types/core/v1.js';
import { resources } from '../../client/index.js';
import type { NamespacedName } from '../names.js';
import { indexSpec, NO_CHANGE, watchSpec, type SyncContext, type SyncResult, type VirtualSyncer } from '../types.js';
import { boundStatus, claimsOfVolume, fakePersistentVolume } from './persistentvolumes.translate.js';

/** Virtual claims by `spec.volumeName`. */
export const CLAIMS_BY_VOLUME_INDEX = 'fake-pv-volume-name';

function volumeNameOf(claim: PersistentVolumeClaim): string[] {
  const name = claim.spec?.volumeName ?? '';
  return name === '' ? [] : [name];
}

function claimsFor(ctx: SyncContext, name: string): PersistentVolumeClaim[] {
  return claimsOfVolume(name, ctx.virtual.cache(resources.persistentVolumeClaims).byIndex(CLAIMS_BY_VOLUME_INDEX, name));
}

class FakePersistentVolumeSyncer implements VirtualSyncer<PersistentVolume> {
  readonly type = 'virtual';
  readonly name = 'fake-persistentvolumes';
  readonly resource = resources.persistentVolumes;
  readonly hasStatus = true;
  readonly caches = [{ side: 'virtual', resource: resources.persistentVolumeClaims }] as const;
  readonly indexes = [indexSpec<PersistentVolumeClaim>({ side: 'virtual', resource: resources.persistentVolumeClaims, name: CLAIMS_BY_VOLUME_INDEX, fn: volumeNameOf })];
  readonly watches = [watchSpec<PersistentVolumeClaim>({ side: 'virtual', resource: resources.persistentVolumeClaims, map: (_ctx, claim) => volumeNameOf(claim) })];

  toVirtual(ctx: SyncContext, key: NamespacedName): SyncResult<PersistentVolume> {
    const [claim] = claimsFor(ctx, key.name);
    if (claim === undefined) return NO_CHANGE;
    ctx.logger.debug({ pv: key.name, claim: `${claim.metadata?.namespace ?? ''}/${claim.metadata?.name ?? ''}` }, 'create fake persistent volume');
    return { virtual: { op: 'create', object: boundStatus(fakePersistentVolume(key.name, claim)) } };
  }

  sync(ctx: SyncContext, volume: PersistentVolume): SyncResult<PersistentVolume> {
    const name = volume.metadata?.name ?? '';
    if (volume.metadata?.deletionTimestamp !== undefined) {
      // Nothing else would ever release a fake volume.
      if ((volume.metadata.finalizers ?? []).length === 0) return NO_CHANGE;
      return { virtual: { op: 'update', object: { ...volume, metadata: { ...volume.metadata, finalizers: [] } } } };
    }
    if (claimsFor(ctx, name).length > 0) return NO_CHANGE;
    ctx.logger.debug({ pv: name }, 'delete fake persistent volume');
    return { virtual: { op: 'delete', reason: 'no claim uses the fake persistent volume' } };
  }
}

export function fakePersistentVolumeSyncer(): VirtualSyncer<PersistentVolume> {
  return new FakePersistentVolumeSyncer();
}
