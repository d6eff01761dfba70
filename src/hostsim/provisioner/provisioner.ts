/**
 * Storage for the embedded host: kube-controller-manager's PersistentVolume controller (binding
 * claims to volumes, releasing and reclaiming volumes whose claims are gone) and an external
 * provisioner for the default `standard` class that makes a hostPath volume for every claim.
 */
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { PersistentVolume, PersistentVolumeClaim } from 'kubernetes-types/core/v1.js';
import type { StorageClass } from 'kubernetes-types/storage/v1.js';
import { isAlreadyExists, isInvalid, isNotFound } from '../../api/status.js';
import { describeError, keyOf, noopLogger, realClock, resources, splitKey, type Clock, type KubeClient, type Logger, type TokenBucket } from '../../client/index.js';
import { Controller, type Informer, type Runnable } from '../../runtime/index.js';
import { EventRecorder, type InvolvedObject } from '../events.js';
import { rfc3339 } from '../time.js';
import {
  BETA_STORAGE_PROVISIONER_ANNOTATION,
  BIND_COMPLETED_ANNOTATION,
  BOUND_BY_CONTROLLER_ANNOTATION,
  defaultClassOf,
  defaultStorageClass,
  DEFAULT_CLASS_NAME,
  findMatchingVolume,
  PROVISIONED_BY_ANNOTATION,
  PROVISIONER_FINALIZER,
  PROVISIONER_NAME,
  provisionedVolume,
  STORAGE_PROVISIONER_ANNOTATION,
} from './volumes.js';

export interface ProvisionerOptions {
  readonly client: KubeClient;
  readonly claims: Informer<PersistentVolumeClaim>;
  readonly volumes: Informer<PersistentVolume>;
  readonly classes: Informer<StorageClass>;
  /** Create the default `standard` StorageClass when it is missing (default true). */
  readonly defaultClass?: boolean;
  /** The event budget all of hostsim's recorders share. */
  readonly sharedEvents?: TokenBucket;
  readonly clock?: Clock;
  readonly logger?: Logger;
}

const CLAIM_INDEX = 'claim';

function claimRef(pvc: PersistentVolumeClaim): InvolvedObject {
  return { apiVersion: 'v1', kind: 'PersistentVolumeClaim', name: pvc.metadata?.name ?? '', namespace: pvc.metadata?.namespace, uid: pvc.metadata?.uid ?? '', resourceVersion: pvc.metadata?.resourceVersion };
}

export class Provisioner implements Runnable {
  readonly name = 'volumes';
  private readonly claimController: Controller;
  private readonly volumeController: Controller;
  private readonly binderEvents: EventRecorder;
  private readonly provisionerEvents: EventRecorder;
  private readonly clock: Clock;
  private readonly logger: Logger;

  constructor(private readonly o: ProvisionerOptions) {
    this.clock = o.clock ?? realClock;
    this.logger = o.logger ?? noopLogger;
    const recorderOptions = { clock: this.clock, logger: this.logger, ...(o.sharedEvents ? { shared: o.sharedEvents } : {}) };
    this.binderEvents = new EventRecorder(o.client, { component: 'persistentvolume-controller', instance: 'persistentvolume-controller' }, recorderOptions);
    const identity = `${PROVISIONER_NAME.replace('/', '-')}_${hostname()}_${randomUUID()}`;
    this.provisionerEvents = new EventRecorder(o.client, { component: `${PROVISIONER_NAME}_${hostname()}_${identity.slice(-36)}`, instance: identity }, recorderOptions);
    o.volumes.addIndex(CLAIM_INDEX, (pv) => {
      const ref = pv.spec?.claimRef;
      return ref?.name ? [keyOf(ref.namespace, ref.name)] : [];
    });
    this.claimController = new Controller({ name: 'persistentvolume-binder-claims', reconcile: (key, signal) => this.syncClaim(key, signal), workers: 4, drainMs: 0, clock: this.clock, logger: this.logger })
      .watch(o.claims)
      .watch(o.volumes, { map: (pv) => (pv.spec?.claimRef?.name ? [keyOf(pv.spec.claimRef.namespace, pv.spec.claimRef.name)] : []) })
      .watch(o.classes, { map: () => o.claims.list().filter((c) => (c.spec?.volumeName ?? '') === '').map((c) => keyOf(c.metadata?.namespace, c.metadata?.name ?? '')) });
    this.volumeController = new Controller({ name: 'persistentvolume-binder-volumes', reconcile: (key, signal) => this.syncVolume(key, signal), workers: 4, drainMs: 0, clock: this.clock, logger: this.logger })
      .watch(o.volumes)
      .watch(o.claims, { map: (c) => [...(c.spec?.volumeName ? [c.spec.volumeName] : []), ...o.volumes.byIndex(CLAIM_INDEX, keyOf(c.metadata?.namespace, c.metadata?.name ?? '')).map((pv) => pv.metadata?.name ?? '')] });
  }

  /** Creates the default StorageClass if it is missing. */
  async ensureDefaultClass(signal: AbortSignal): Promise<void> {
    if (this.o.defaultClass === false) return;
    if (await this.o.client.get(resources.storageClasses, DEFAULT_CLASS_NAME, { signal })) return;
    try {
      await this.o.client.create(resources.storageClasses, defaultStorageClass(), { signal });
    } catch (e) {
      if (!isAlreadyExists(e)) throw e;
    }
  }

  async run(signal: AbortSignal): Promise<void> {
    await this.ensureDefaultClass(signal);
    await Promise.all([this.claimController.run(signal), this.volumeController.run(signal), this.binderEvents.run(signal), this.provisionerEvents.run(signal)]);
  }

  // --- claims -------------------------------------------------------------------------------

  private async syncClaim(key: string, signal: AbortSignal): Promise<void> {
    const claim = this.o.claims.getByKey(key);
    if (!claim || claim.metadata?.deletionTimestamp !== undefined) return;
    const volumeName = claim.spec?.volumeName ?? '';
    if (volumeName !== '') {
      await this.syncBoundClaim(claim, volumeName, signal);
      return;
    }
    if (claim.spec?.storageClassName === undefined) {
      // kube >= 1.28 gives claims created before any default class the default afterwards.
      const fallback = defaultClassOf(this.o.classes.list());
      if (fallback?.metadata?.name) await this.patchClaim(claim, { spec: { storageClassName: fallback.metadata.name } }, signal);
      return;
    }
    const match = findMatchingVolume(claim, this.o.volumes.list());
    if (match) {
      await this.bind(claim, match, signal);
      return;
    }
    await this.provision(claim, signal);
  }

  private async syncBoundClaim(claim: PersistentVolumeClaim, volumeName: string, signal: AbortSignal): Promise<void> {
    const pv = this.o.volumes.get('', volumeName);
    if (!pv) {
      if (claim.status?.phase === 'Bound') {
        this.binderEvents.event(claimRef(claim), 'Warning', 'ClaimLost', 'Bound claim has lost its PersistentVolume. Data on the volume is lost!');
        await this.claimStatus(claim, { phase: 'Lost' }, signal);
      }
      return;
    }
    const ref = pv.spec?.claimRef;
    if (!ref) {
      await this.bind(claim, pv, signal);
      return;
    }
    if (ref.uid !== undefined && ref.uid !== claim.metadata?.uid) return;
    await this.completeClaim(claim, pv, signal);
  }

  private async provision(claim: PersistentVolumeClaim, signal: AbortSignal): Promise<void> {
    const className = claim.spec?.storageClassName ?? '';
    if (className === '') {
      this.binderEvents.event(claimRef(claim), 'Normal', 'FailedBinding', 'no persistent volumes available for this claim and no storage class is set');
      return;
    }
    const sc = this.o.classes.get('', className);
    if (!sc) {
      this.binderEvents.event(claimRef(claim), 'Warning', 'ProvisioningFailed', `storageclass.storage.k8s.io "${className}" not found`);
      return;
    }
    if (sc.volumeBindingMode === 'WaitForFirstConsumer') {
      this.binderEvents.event(claimRef(claim), 'Normal', 'WaitForFirstConsumer', 'waiting for first consumer to be created before binding');
      return;
    }
    const annotations = claim.metadata?.annotations ?? {};
    if (annotations[STORAGE_PROVISIONER_ANNOTATION] !== sc.provisioner) {
      await this.patchClaim(claim, { metadata: { annotations: { [STORAGE_PROVISIONER_ANNOTATION]: sc.provisioner, [BETA_STORAGE_PROVISIONER_ANNOTATION]: sc.provisioner } } }, signal);
      if (sc.provisioner !== PROVISIONER_NAME) {
        this.binderEvents.event(claimRef(claim), 'Normal', 'ExternalProvisioning', `Waiting for a volume to be created either by the external provisioner '${sc.provisioner}' or manually by the system administrator. If volume creation is delayed, please verify that the provisioner is running and correctly registered.`);
      }
      return;
    }
    if (sc.provisioner !== PROVISIONER_NAME) return;
    const ns = claim.metadata?.namespace ?? '';
    this.provisionerEvents.event(claimRef(claim), 'Normal', 'Provisioning', `External provisioner is provisioning volume for claim "${ns}/${claim.metadata?.name ?? ''}"`);
    const volume = provisionedVolume(claim, sc);
    try {
      await this.o.client.create(resources.persistentVolumes, volume, { signal });
    } catch (e) {
      if (!isAlreadyExists(e)) throw e;
    }
    this.provisionerEvents.event(claimRef(claim), 'Normal', 'ProvisioningSucceeded', `Successfully provisioned volume ${volume.metadata?.name ?? ''}`);
  }

  /** The controller binds: the volume's claimRef first, then the claim. */
  private async bind(claim: PersistentVolumeClaim, pv: PersistentVolume, signal: AbortSignal): Promise<void> {
    let volume = pv;
    if (!pv.spec?.claimRef?.uid) {
      volume = await this.o.client.update(
        resources.persistentVolumes,
        {
          ...pv,
          metadata: { ...pv.metadata, annotations: { ...pv.metadata?.annotations, [BOUND_BY_CONTROLLER_ANNOTATION]: 'yes' } },
          spec: {
            ...pv.spec,
            claimRef: { apiVersion: 'v1', kind: 'PersistentVolumeClaim', name: claim.metadata?.name ?? '', namespace: claim.metadata?.namespace ?? '', uid: claim.metadata?.uid ?? '', resourceVersion: claim.metadata?.resourceVersion ?? '' },
          },
        },
        { signal },
      );
    }
    await this.completeClaim(claim, volume, signal);
  }

  /** Claim side of a binding: volumeName, annotations, status Bound with the volume's capacity. */
  private async completeClaim(claim: PersistentVolumeClaim, pv: PersistentVolume, signal: AbortSignal): Promise<void> {
    const volumeName = pv.metadata?.name ?? '';
    let current = claim;
    const annotations = current.metadata?.annotations ?? {};
    if (current.spec?.volumeName !== volumeName || annotations[BIND_COMPLETED_ANNOTATION] !== 'yes') {
      const boundByController = current.spec?.volumeName !== volumeName || annotations[BOUND_BY_CONTROLLER_ANNOTATION] === 'yes';
      current = await this.o.client.update(
        resources.persistentVolumeClaims,
        {
          ...current,
          metadata: { ...current.metadata, annotations: { ...annotations, [BIND_COMPLETED_ANNOTATION]: 'yes', ...(boundByController ? { [BOUND_BY_CONTROLLER_ANNOTATION]: 'yes' } : {}) } },
          spec: { ...current.spec, volumeName },
        },
        { signal },
      );
    }
    const wanted = { phase: 'Bound', accessModes: [...(pv.spec?.accessModes ?? [])], capacity: { ...pv.spec?.capacity } };
    const s = current.status;
    if (s?.phase !== 'Bound' || JSON.stringify(s.accessModes) !== JSON.stringify(wanted.accessModes) || JSON.stringify(s.capacity) !== JSON.stringify(wanted.capacity)) {
      await this.claimStatus(current, wanted, signal);
    }
    if (pv.status?.phase !== 'Bound') await this.volumePhase(pv, 'Bound', signal);
  }

  private async patchClaim(claim: PersistentVolumeClaim, patch: object, signal: AbortSignal): Promise<void> {
    const { namespace, name } = splitKey(keyOf(claim.metadata?.namespace, claim.metadata?.name ?? ''));
    try {
      await this.o.client.patch(resources.persistentVolumeClaims, name, patch, { type: 'merge', namespace, signal });
    } catch (e) {
      if (isNotFound(e)) return;
      if (isInvalid(e)) {
        this.logger.debug({ claim: `${namespace}/${name}`, err: describeError(e) }, 'claim not updated');
        return;
      }
      throw e;
    }
  }

  private async claimStatus(claim: PersistentVolumeClaim, status: NonNullable<PersistentVolumeClaim['status']>, signal: AbortSignal): Promise<void> {
    try {
      await this.o.client.updateStatus(resources.persistentVolumeClaims, { ...claim, status: { ...claim.status, ...status } }, { signal });
    } catch (e) {
      if (!isNotFound(e)) throw e;
    }
  }

  // --- volumes ------------------------------------------------------------------------------

  private async syncVolume(name: string, signal: AbortSignal): Promise<void> {
    const pv = this.o.volumes.get('', name);
    if (!pv) return;
    if (pv.metadata?.deletionTimestamp !== undefined) {
      // The provisioner has "deleted" the backing directory; let the object go.
      if (pv.metadata.finalizers?.includes(PROVISIONER_FINALIZER)) {
        await this.ignoreGone(this.o.client.update(resources.persistentVolumes, { ...pv, metadata: { ...pv.metadata, finalizers: pv.metadata.finalizers.filter((f) => f !== PROVISIONER_FINALIZER) } }, { signal }));
      }
      return;
    }
    const ref = pv.spec?.claimRef;
    if (!ref?.name) {
      if (pv.status?.phase !== 'Available') await this.volumePhase(pv, 'Available', signal);
      return;
    }
    const claim = this.o.claims.get(ref.namespace ?? '', ref.name);
    const ours = claim !== undefined && (ref.uid === undefined || ref.uid === '' || ref.uid === claim.metadata?.uid);
    if (ours) {
      const volumeName = claim.spec?.volumeName ?? '';
      if (volumeName === name && pv.status?.phase !== 'Bound') await this.volumePhase(pv, 'Bound', signal);
      return;
    }
    if (ref.uid === undefined || ref.uid === '') return; // pre-bound to a claim that does not exist yet
    // The claim is gone: the volume is released and reclaimed as its policy says.
    if (pv.status?.phase !== 'Released' && pv.status?.phase !== 'Failed') {
      await this.volumePhase(pv, 'Released', signal);
      return;
    }
    if ((pv.spec?.persistentVolumeReclaimPolicy ?? 'Retain') !== 'Delete') return;
    if (pv.metadata?.annotations?.[PROVISIONED_BY_ANNOTATION] !== PROVISIONER_NAME) return;
    await this.ignoreGone(this.o.client.delete(resources.persistentVolumes, name, { preconditions: { uid: pv.metadata.uid ?? '' }, signal }));
  }

  private async volumePhase(pv: PersistentVolume, phase: string, signal: AbortSignal): Promise<void> {
    const status = { ...pv.status, phase, lastPhaseTransitionTime: rfc3339(this.clock.now()) } as NonNullable<PersistentVolume['status']>;
    await this.ignoreGone(this.o.client.updateStatus(resources.persistentVolumes, { ...pv, status }, { signal }));
  }

  /** Runs a write whose object may be gone by now, which is fine. Conflicts are retried by the controller. */
  private async ignoreGone(p: Promise<unknown>): Promise<void> {
    try {
      await p;
    } catch (e) {
      if (!isNotFound(e)) throw e;
    }
  }
}
