/**
 * Every syncer, in one explicit list (style-anchors §7.4): a line per config syncer name with the
 * condition that turns it on and the constructor. No discovery, no import side effects.
 */
import { configMapSyncer } from './resources/configmaps.js';
import { coreDnsTask } from './resources/coredns.js';
import { endpointsSyncer } from './resources/endpoints.js';
import { endpointSliceSyncer } from './resources/endpointslices.js';
import { eventSyncer } from './resources/events.js';
import { fakeNodeSyncer } from './resources/nodes.js';
import { fakePersistentVolumeSyncer } from './resources/persistentvolumes.js';
import { persistentVolumeClaimSyncer } from './resources/persistentvolumeclaims.js';
import { createPodSyncers } from './resources/pods.js';
import { secretSyncer } from './resources/secrets.js';
import { kubernetesEndpointSliceSyncer, kubernetesEndpointsSyncer, kubernetesServiceSyncer } from './resources/services-kubernetes.js';
import { serviceSyncer } from './resources/services.js';
import type { PodLogs, RegistryEntry, Syncer, SyncerSetup } from './types.js';

export const REGISTRY: readonly RegistryEntry[] = [
  {
    name: 'services',
    enabled: (c) => c.sync.services,
    create: (setup) => ({ syncers: [serviceSyncer(setup), kubernetesServiceSyncer(), kubernetesEndpointsSyncer(), kubernetesEndpointSliceSyncer()] }),
  },
  { name: 'endpoints', enabled: (c) => c.sync.endpoints, create: endpointsSyncer },
  { name: 'endpointslices', enabled: (c) => c.sync.endpointslices, create: endpointSliceSyncer },
  { name: 'configmaps', enabled: (c) => c.sync.configmaps, create: configMapSyncer },
  { name: 'secrets', enabled: (c) => c.sync.secrets, create: secretSyncer },
  { name: 'events', enabled: (c) => c.sync.events, create: eventSyncer },
  { name: 'pods', enabled: (c) => c.sync.pods, create: createPodSyncers },
  { name: 'persistentvolumeclaims', enabled: (c) => c.sync.persistentvolumeclaims, create: persistentVolumeClaimSyncer },
  { name: 'fake-nodes', enabled: (c) => c.sync['fake-nodes'], create: (setup) => fakeNodeSyncer({ byHostname: setup.config.networking.proxyKubelets.byHostname }) },
  { name: 'fake-persistentvolumes', enabled: (c) => c.sync['fake-persistentvolumes'], create: () => fakePersistentVolumeSyncer() },
  // The virtual cluster's DNS runs as a synced workload, so it comes with pod sync.
  { name: 'coredns', enabled: (c) => c.sync.pods, create: () => coreDnsTask() },
];

export interface BuiltSyncers {
  readonly syncers: readonly Syncer[];
  readonly podLogs?: PodLogs;
  /** Names of the registry entries that are on. */
  readonly enabled: readonly string[];
}

/** The syncers a configuration turns on. */
export function buildSyncers(setup: SyncerSetup, registry: readonly RegistryEntry[] = REGISTRY): BuiltSyncers {
  const syncers: Syncer[] = [];
  const enabled: string[] = [];
  let podLogs: PodLogs | undefined;
  for (const entry of registry) {
    if (!entry.enabled(setup.config)) continue;
    enabled.push(entry.name);
    const created = entry.create(setup);
    if ('syncers' in created) {
      syncers.push(...created.syncers);
      podLogs ??= created.podLogs;
    } else {
      syncers.push(created);
    }
  }
  return { syncers, enabled, ...(podLogs === undefined ? {} : { podLogs }) };
}
