/**
 * PersistentVolumeClaims — virtual→host; the host claim is owned by vcluster and kept when the
 * virtual UID changes; status, volume name and bind annotations flow back (spec §3.7).
 */
import type { PersistentVolumeClaim } from 'kubernetes-types/core/v1.js';
import { resources } from '../../client/index.js';
import { syncMapperFrom, toVirtualTemplate } from '../engine-templates.js';
import { syncMetadata, withMetadata } from '../metadata.translate.js';
import { namespacedMapper, virtualMetadata } from '../names.js';
import { NO_CHANGE, type ResourceSyncer, type SyncContext, type SyncerSetup, type SyncEvent, type SyncResult, type ToHostEvent, type ToVirtualEvent } from '../types.js';
import {
  PVC_EXCLUDED_ANNOTATIONS,
  PVC_GVK,
  toHostPvc,
  wantedVirtualVolumeName,
  withBindAnnotations,
  type PvcTranslateOptions,
} from './persistentvolumeclaims.translate.js';
import { cloneJson } from '../../lib/json.js';

const DEFAULT_GRACE_SECONDS = 30;

function deleting(claim: PersistentVolumeClaim): boolean {
  return claim.metadata?.deletionTimestamp !== undefined;
}

/** The virtual claim as created again with another volume name (its spec is otherwise immutable). */
function recreatedWithVolume(virtual: PersistentVolumeClaim, volumeName: string): PersistentVolumeClaim {
  const { resourceVersion: _rv, uid: _uid, deletionTimestamp: _dt, deletionGracePeriodSeconds: _dg, generation: _g, creationTimestamp: _ct, managedFields: _mf, finalizers: _f, ...metadata } =
    virtual.metadata ?? {};
  return { ...virtual, metadata, spec: { ...virtual.spec, volumeName } };
}

class PersistentVolumeClaimSyncer implements ResourceSyncer<PersistentVolumeClaim> {
  readonly type = 'resource';
  readonly name = 'persistentvolumeclaims';
  readonly resource = resources.persistentVolumeClaims;
  readonly gvk = PVC_GVK;
  readonly hasStatus = true;
  readonly disableUidDeletion = true;
  readonly mapper: ResourceSyncer<PersistentVolumeClaim>['mapper'];
  private readonly options: PvcTranslateOptions;

  constructor(setup: SyncerSetup) {
    this.mapper = syncMapperFrom<PersistentVolumeClaim>((lookup) => namespacedMapper(setup.names, PVC_GVK, lookup), setup.mappings);
    this.options = {
      storageClassesToHost: setup.config.sync.storageclasses,
      fakePersistentVolumes: !setup.config.sync.persistentvolumes,
    };
  }

  toHost(ctx: SyncContext, event: ToHostEvent<PersistentVolumeClaim>): SyncResult<PersistentVolumeClaim> {
    if (event.hostOld !== undefined || deleting(event.virtual)) {
      return { virtual: { op: 'delete', reason: 'the host claim was deleted', gracePeriodSeconds: 0 } };
    }
    return { host: { op: 'create', object: toHostPvc(ctx.names, { virtual: event.virtual, owner: ctx.owner }, this.options) } };
  }

  sync(ctx: SyncContext, event: SyncEvent<PersistentVolumeClaim>): SyncResult<PersistentVolumeClaim> {
    const { virtual, host } = event;
    if (deleting(host)) {
      if (!deleting(virtual)) return { virtual: { op: 'delete', reason: 'the host claim is being deleted', gracePeriodSeconds: DEFAULT_GRACE_SECONDS } };
      const hostGrace = host.metadata?.deletionGracePeriodSeconds;
      if (hostGrace !== undefined && virtual.metadata?.deletionGracePeriodSeconds !== hostGrace) {
        return { virtual: { op: 'delete', reason: `the host claim is being deleted with grace period ${hostGrace}s`, gracePeriodSeconds: hostGrace } };
      }
      return NO_CHANGE;
    }
    if (deleting(virtual)) {
      const grace = virtual.metadata?.deletionGracePeriodSeconds;
      return { host: { op: 'delete', reason: 'the virtual claim is being deleted', ...(grace === undefined ? {} : { gracePeriodSeconds: grace }) } };
    }
    const volumeName = this.options.fakePersistentVolumes ? wantedVirtualVolumeName(host, virtual) : undefined;
    if (volumeName !== undefined && (virtual.spec?.volumeName ?? '') !== '') {
      ctx.events.record(
        virtual,
        'Warning',
        'VolumeNameDiffers',
        `recreate persistent volume claim because volumeName differs between physical and virtual pvc: ${virtual.spec?.volumeName ?? ''} != ${volumeName}`,
      );
      return { virtual: { op: 'recreate', object: recreatedWithVolume(virtual, volumeName), reason: 'the host claim is bound to another volume', fallback: recreatedWithVolume(virtual, virtual.spec?.volumeName ?? '') } };
    }
    const metadata = syncMetadata(
      ctx.names,
      PVC_GVK,
      { virtual: virtual.metadata ?? {}, host: host.metadata ?? {}, virtualOld: event.virtualOld?.metadata, hostOld: event.hostOld?.metadata },
      PVC_EXCLUDED_ANNOTATIONS,
    );
    const virtualAnnotations = withBindAnnotations(metadata.virtual.annotations, host.metadata?.annotations);
    const desiredVirtual: PersistentVolumeClaim = {
      ...virtual,
      metadata: withMetadata(virtual.metadata ?? {}, { ...metadata.virtual, ...(virtualAnnotations === undefined ? {} : { annotations: virtualAnnotations }) }),
      spec: { ...virtual.spec, ...(volumeName === undefined ? {} : { volumeName }) },
      ...(host.status === undefined ? {} : { status: cloneJson(host.status) }),
    };
    const requests = virtual.spec?.resources?.requests;
    const desiredHost: PersistentVolumeClaim = {
      ...host,
      metadata: withMetadata(host.metadata ?? {}, metadata.host),
      // Requests may grow (volume expansion); everything else of the claim is immutable.
      spec: { ...host.spec, resources: { ...host.spec?.resources, ...(requests === undefined ? {} : { requests: { ...requests } }) } },
    };
    return { virtual: { op: 'update', object: desiredVirtual }, host: { op: 'update', object: desiredHost } };
  }

  toVirtual(ctx: SyncContext, event: ToVirtualEvent<PersistentVolumeClaim>): SyncResult<PersistentVolumeClaim> {
    return toVirtualTemplate(event, PVC_GVK, () => {
      const host = event.host;
      return {
        apiVersion: 'v1',
        kind: 'PersistentVolumeClaim',
        metadata: virtualMetadata(ctx.names, host.metadata ?? {}, event.virtualName, PVC_EXCLUDED_ANNOTATIONS),
        spec: cloneJson(host.spec ?? {}),
      };
    });
  }
}

export function persistentVolumeClaimSyncer(setup: SyncerSetup): ResourceSyncer<PersistentVolumeClaim> {
  return new PersistentVolumeClaimSyncer(setup);
}
