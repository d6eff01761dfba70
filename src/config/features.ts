/**
 * What can be synced, what is on by default, and what this implementation supports so far. A
 * later change that builds a feature adds it to `SUPPORTED_FEATURES`; nothing else has to move.
 */

/**
 * Syncer names. The first ones are the controller names of the old `--sync` flag (spec §6.1);
 * the rest are resources that only the newer `vcluster.yaml` names.
 */
export const SYNCER_NAMES = [
  'services',
  'configmaps',
  'secrets',
  'endpoints',
  'pods',
  'events',
  'fake-nodes',
  'fake-persistentvolumes',
  'persistentvolumeclaims',
  'ingresses',
  'ingressclasses',
  'nodes',
  'persistentvolumes',
  'storageclasses',
  'hoststorageclasses',
  'priorityclasses',
  'networkpolicies',
  'volumesnapshots',
  'poddisruptionbudgets',
  'serviceaccounts',
  'csinodes',
  'csidrivers',
  'csistoragecapacities',
  'namespaces',
  // Only in vcluster.yaml (v0.20+).
  'endpointslices',
  'volumesnapshotcontents',
  'volumesnapshotclasses',
  'hostpriorityclasses',
  'runtimeclasses',
  'hostconfigmaps',
  'hostsecrets',
  'resourceclaims',
  'resourceclaimtemplates',
  'deviceclasses',
  'gatewayapi',
  'gatewayclasses',
  'hostgateways',
] as const;

export type SyncerName = (typeof SYNCER_NAMES)[number];

export function isSyncerName(name: string): name is SyncerName {
  return (SYNCER_NAMES as readonly string[]).includes(name);
}

/**
 * The seeds' "Default Enabled" column: seed 000 (services … fake-persistentvolumes) and seed 002,
 * which adds endpointSlices to the default set.
 */
export const DEFAULT_SYNCERS: ReadonlySet<SyncerName> = new Set<SyncerName>([
  'services',
  'endpoints',
  'endpointslices',
  'configmaps',
  'secrets',
  'events',
  'pods',
  'persistentvolumeclaims',
  'fake-nodes',
  'fake-persistentvolumes',
]);

/** `--sync` names that stand for several syncers (the old `volumesnapshots` controller key). */
export const SYNC_FLAG_GROUPS: Readonly<Partial<Record<SyncerName, readonly SyncerName[]>>> = {
  volumesnapshots: ['volumesnapshots', 'volumesnapshotcontents', 'volumesnapshotclasses'],
};

/** Features that are not a single syncer. */
export const OTHER_FEATURES = [
  'generic-sync',
  'multi-namespace-mode',
  'virtual-scheduler',
  'hybrid-scheduling',
  'translate-patches',
  'custom-resources',
  'sync-labels',
  'target-namespace',
  'disable-sync',
  'rewrite-kubernetes-service',
] as const;

export type Feature = SyncerName | (typeof OTHER_FEATURES)[number];

/**
 * Everything built so far: the default-enabled syncers. Every pod option of the seeds
 * (translateImage, enforceTolerations, …, ephemeralContainers, status) and `all: true` for
 * ConfigMaps and Secrets are part of those syncers and need no entry.
 */
export const SUPPORTED_FEATURES: ReadonlySet<Feature> = new Set<Feature>([...DEFAULT_SYNCERS]);

/** How a feature is named in messages. */
export const FEATURE_DESCRIPTIONS: Readonly<Record<Feature, string>> = {
  services: 'syncing Services',
  configmaps: 'syncing ConfigMaps',
  secrets: 'syncing Secrets',
  endpoints: 'syncing Endpoints',
  pods: 'syncing Pods',
  events: 'syncing Events from the host',
  'fake-nodes': 'fake nodes',
  'fake-persistentvolumes': 'fake persistent volumes',
  persistentvolumeclaims: 'syncing PersistentVolumeClaims',
  ingresses: 'syncing Ingresses',
  ingressclasses: 'syncing IngressClasses from the host',
  nodes: 'syncing real Nodes from the host',
  persistentvolumes: 'syncing PersistentVolumes',
  storageclasses: 'syncing StorageClasses to the host',
  hoststorageclasses: 'syncing StorageClasses from the host',
  priorityclasses: 'syncing PriorityClasses to the host',
  networkpolicies: 'syncing NetworkPolicies',
  volumesnapshots: 'syncing VolumeSnapshots',
  poddisruptionbudgets: 'syncing PodDisruptionBudgets',
  serviceaccounts: 'syncing ServiceAccounts',
  csinodes: 'syncing CSINodes from the host',
  csidrivers: 'syncing CSIDrivers from the host',
  csistoragecapacities: 'syncing CSIStorageCapacities from the host',
  namespaces: 'syncing Namespaces to the host',
  endpointslices: 'syncing EndpointSlices',
  volumesnapshotcontents: 'syncing VolumeSnapshotContents',
  volumesnapshotclasses: 'syncing VolumeSnapshotClasses from the host',
  hostpriorityclasses: 'syncing PriorityClasses from the host',
  runtimeclasses: 'syncing RuntimeClasses from the host',
  hostconfigmaps: 'syncing ConfigMaps from the host',
  hostsecrets: 'syncing Secrets from the host',
  resourceclaims: 'syncing ResourceClaims',
  resourceclaimtemplates: 'syncing ResourceClaimTemplates',
  deviceclasses: 'syncing DeviceClasses from the host',
  gatewayapi: 'syncing Gateway API resources to the host',
  gatewayclasses: 'syncing GatewayClasses from the host',
  hostgateways: 'syncing Gateways from the host',
  'generic-sync': 'generic sync',
  'multi-namespace-mode': 'multi-namespace mode',
  'virtual-scheduler': 'the virtual scheduler',
  'hybrid-scheduling': 'hybrid scheduling (vCluster Pro)',
  'translate-patches': 'translating with patches (vCluster Pro)',
  'custom-resources': 'syncing custom resources',
  'sync-labels': 'copying labels verbatim with the old label scheme (syncLabels)',
  'target-namespace': 'syncing into another namespace (targetNamespace)',
  'disable-sync': 'running without the syncer (disableSync)',
  'rewrite-kubernetes-service': 'rewriting the kubernetes Service (rewriteKubernetesService)',
};

/** Where each syncer is switched on or off in the two file formats (for messages). */
export const SYNCER_KEYS: Readonly<Record<SyncerName, { readonly vclusterYaml: string; readonly valuesYaml?: string }>> = {
  services: { vclusterYaml: 'sync.toHost.services.enabled', valuesYaml: 'sync.services.enabled' },
  configmaps: { vclusterYaml: 'sync.toHost.configMaps.enabled', valuesYaml: 'sync.configmaps.enabled' },
  secrets: { vclusterYaml: 'sync.toHost.secrets.enabled', valuesYaml: 'sync.secrets.enabled' },
  endpoints: { vclusterYaml: 'sync.toHost.endpoints.enabled', valuesYaml: 'sync.endpoints.enabled' },
  pods: { vclusterYaml: 'sync.toHost.pods.enabled', valuesYaml: 'sync.pods.enabled' },
  events: { vclusterYaml: 'sync.fromHost.events.enabled', valuesYaml: 'sync.events.enabled' },
  'fake-nodes': { vclusterYaml: 'sync.fromHost.nodes.enabled', valuesYaml: 'sync.fake-nodes.enabled' },
  'fake-persistentvolumes': {
    vclusterYaml: 'sync.toHost.persistentVolumes.enabled',
    valuesYaml: 'sync.fake-persistentvolumes.enabled',
  },
  persistentvolumeclaims: {
    vclusterYaml: 'sync.toHost.persistentVolumeClaims.enabled',
    valuesYaml: 'sync.persistentvolumeclaims.enabled',
  },
  ingresses: { vclusterYaml: 'sync.toHost.ingresses.enabled', valuesYaml: 'sync.ingresses.enabled' },
  ingressclasses: { vclusterYaml: 'sync.fromHost.ingressClasses.enabled', valuesYaml: 'sync.ingressclasses.enabled' },
  nodes: { vclusterYaml: 'sync.fromHost.nodes.enabled', valuesYaml: 'sync.nodes.enabled' },
  persistentvolumes: { vclusterYaml: 'sync.toHost.persistentVolumes.enabled', valuesYaml: 'sync.persistentvolumes.enabled' },
  storageclasses: { vclusterYaml: 'sync.toHost.storageClasses.enabled', valuesYaml: 'sync.storageclasses.enabled' },
  hoststorageclasses: {
    vclusterYaml: 'sync.fromHost.storageClasses.enabled',
    valuesYaml: 'sync.hoststorageclasses.enabled',
  },
  priorityclasses: { vclusterYaml: 'sync.toHost.priorityClasses.enabled', valuesYaml: 'sync.priorityclasses.enabled' },
  networkpolicies: { vclusterYaml: 'sync.toHost.networkPolicies.enabled', valuesYaml: 'sync.networkpolicies.enabled' },
  volumesnapshots: { vclusterYaml: 'sync.toHost.volumeSnapshots.enabled', valuesYaml: 'sync.volumesnapshots.enabled' },
  poddisruptionbudgets: {
    vclusterYaml: 'sync.toHost.podDisruptionBudgets.enabled',
    valuesYaml: 'sync.poddisruptionbudgets.enabled',
  },
  serviceaccounts: { vclusterYaml: 'sync.toHost.serviceAccounts.enabled', valuesYaml: 'sync.serviceaccounts.enabled' },
  csinodes: { vclusterYaml: 'sync.fromHost.csiNodes.enabled', valuesYaml: 'sync.csinodes.enabled' },
  csidrivers: { vclusterYaml: 'sync.fromHost.csiDrivers.enabled', valuesYaml: 'sync.csidrivers.enabled' },
  csistoragecapacities: {
    vclusterYaml: 'sync.fromHost.csiStorageCapacities.enabled',
    valuesYaml: 'sync.csistoragecapacities.enabled',
  },
  namespaces: { vclusterYaml: 'sync.toHost.namespaces.enabled' },
  endpointslices: { vclusterYaml: 'sync.toHost.endpointSlices.enabled' },
  volumesnapshotcontents: {
    vclusterYaml: 'sync.toHost.volumeSnapshotContents.enabled',
    valuesYaml: 'sync.volumesnapshots.enabled',
  },
  volumesnapshotclasses: {
    vclusterYaml: 'sync.fromHost.volumeSnapshotClasses.enabled',
    valuesYaml: 'sync.volumesnapshots.enabled',
  },
  hostpriorityclasses: { vclusterYaml: 'sync.fromHost.priorityClasses.enabled' },
  runtimeclasses: { vclusterYaml: 'sync.fromHost.runtimeClasses.enabled' },
  hostconfigmaps: { vclusterYaml: 'sync.fromHost.configMaps.enabled' },
  hostsecrets: { vclusterYaml: 'sync.fromHost.secrets.enabled' },
  resourceclaims: { vclusterYaml: 'sync.toHost.resourceClaims.enabled' },
  resourceclaimtemplates: { vclusterYaml: 'sync.toHost.resourceClaimTemplates.enabled' },
  deviceclasses: { vclusterYaml: 'sync.fromHost.deviceClasses.enabled' },
  gatewayapi: { vclusterYaml: 'sync.toHost.gatewayApi' },
  gatewayclasses: { vclusterYaml: 'sync.fromHost.gatewayClasses.enabled' },
  hostgateways: { vclusterYaml: 'sync.fromHost.gateways.enabled' },
};
