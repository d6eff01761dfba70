/** A validated `vcluster.yaml` → `Draft`. */
import { type Draft, type SyncerSetting, toPolicyRule } from './draft.js';
import { formatPath } from './errors.js';
import { SYNCER_KEYS, type SyncerName } from './features.js';
import { podSyncOptions } from './pods.js';
import { normalizeBoolOrAuto } from './schema-common.js';
import type { VclusterYaml } from './schema-vcluster.js';

function setting(name: SyncerName, value: boolean | 'auto'): SyncerSetting {
  return { value, origin: SYNCER_KEYS[name].vclusterYaml };
}

function syncers(sync: VclusterYaml['sync']): Map<SyncerName, SyncerSetting> {
  const { toHost, fromHost } = sync;
  const gateway = toHost.gatewayApi;
  const gatewayKeys: [string, boolean][] = [
    ['enabled', gateway.enabled],
    ['httpRoutes.enabled', gateway.httpRoutes.enabled],
    ['gateways.enabled', gateway.gateways.enabled],
    ['tlsRoutes.enabled', gateway.tlsRoutes.enabled],
    ['backendTLSPolicies.enabled', gateway.backendTLSPolicies.enabled],
    ['referenceGrants.enabled', normalizeBoolOrAuto(gateway.referenceGrants.enabled) === true],
  ];
  const gatewayOn = gatewayKeys.find(([, on]) => on);
  const entries: [SyncerName, boolean | 'auto'][] = [
    ['pods', toHost.pods.enabled],
    ['services', toHost.services.enabled],
    ['endpoints', toHost.endpoints.enabled],
    ['endpointslices', toHost.endpointSlices.enabled],
    ['persistentvolumeclaims', toHost.persistentVolumeClaims.enabled],
    ['configmaps', toHost.configMaps.enabled],
    ['secrets', toHost.secrets.enabled],
    ['ingresses', toHost.ingresses.enabled],
    ['priorityclasses', toHost.priorityClasses.enabled],
    ['networkpolicies', toHost.networkPolicies.enabled],
    ['poddisruptionbudgets', toHost.podDisruptionBudgets.enabled],
    ['serviceaccounts', toHost.serviceAccounts.enabled],
    ['storageclasses', toHost.storageClasses.enabled],
    ['persistentvolumes', toHost.persistentVolumes.enabled],
    ['fake-persistentvolumes', !toHost.persistentVolumes.enabled],
    ['volumesnapshots', toHost.volumeSnapshots.enabled],
    ['volumesnapshotcontents', toHost.volumeSnapshotContents.enabled],
    ['resourceclaims', toHost.resourceClaims.enabled],
    ['resourceclaimtemplates', toHost.resourceClaimTemplates.enabled],
    ['namespaces', toHost.namespaces.enabled],
    ['events', fromHost.events.enabled],
    ['nodes', fromHost.nodes.enabled],
    ['fake-nodes', !fromHost.nodes.enabled],
    ['ingressclasses', fromHost.ingressClasses.enabled ?? 'auto'],
    ['hoststorageclasses', normalizeBoolOrAuto(fromHost.storageClasses.enabled)],
    ['csinodes', normalizeBoolOrAuto(fromHost.csiNodes.enabled)],
    ['csidrivers', normalizeBoolOrAuto(fromHost.csiDrivers.enabled)],
    ['csistoragecapacities', normalizeBoolOrAuto(fromHost.csiStorageCapacities.enabled)],
    ['runtimeclasses', fromHost.runtimeClasses.enabled],
    ['hostpriorityclasses', fromHost.priorityClasses.enabled],
    ['volumesnapshotclasses', fromHost.volumeSnapshotClasses.enabled],
    ['deviceclasses', fromHost.deviceClasses.enabled],
    ['gatewayclasses', fromHost.gatewayClasses.enabled],
    ['hostconfigmaps', fromHost.configMaps.enabled],
    ['hostsecrets', fromHost.secrets.enabled],
    ['hostgateways', fromHost.gateways.enabled],
  ];
  const out = new Map(entries.map(([name, value]) => [name, setting(name, value)]));
  out.set('gatewayapi', {
    value: gatewayOn !== undefined,
    origin: `sync.toHost.gatewayApi.${gatewayOn?.[0] ?? 'enabled'}`,
  });
  return out;
}

/** Every non-empty `patches` list under `sync`, as key paths. */
function patchPaths(value: unknown, path: readonly PropertyKey[]): string[] {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return [];
  return Object.entries(value).flatMap(([key, item]) =>
    key === 'patches' && Array.isArray(item)
      ? item.length > 0
        ? [formatPath([...path, key])]
        : []
      : patchPaths(item, [...path, key]),
  );
}

function features(input: VclusterYaml): Draft['features'] {
  const out: Draft['features'][number][] = [];
  const { experimental, sync } = input;
  const generic = experimental.genericSync;
  if ((generic.export?.length ?? 0) > 0 || (generic.import?.length ?? 0) > 0 || Object.keys(generic.hooks ?? {}).length > 0) {
    out.push({ feature: 'generic-sync', origin: 'experimental.genericSync' });
  }
  if (experimental.multiNamespaceMode.enabled) {
    out.push({ feature: 'multi-namespace-mode', origin: 'experimental.multiNamespaceMode.enabled' });
  }
  if (input.controlPlane.advanced.virtualScheduler.enabled) {
    out.push({ feature: 'virtual-scheduler', origin: 'controlPlane.advanced.virtualScheduler.enabled' });
  }
  if (sync.toHost.pods.hybridScheduling.enabled) {
    out.push({ feature: 'hybrid-scheduling', origin: 'sync.toHost.pods.hybridScheduling.enabled' });
  }
  for (const origin of patchPaths(sync, ['sync'])) out.push({ feature: 'translate-patches', origin });
  for (const direction of ['toHost', 'fromHost'] as const) {
    for (const [name, entry] of Object.entries(sync[direction].customResources)) {
      if (entry.enabled) {
        out.push({ feature: 'custom-resources', origin: formatPath(['sync', direction, 'customResources', name, 'enabled']) });
      }
    }
  }
  const settings = experimental.syncSettings;
  if (settings.syncLabels.length > 0) out.push({ feature: 'sync-labels', origin: 'experimental.syncSettings.syncLabels' });
  if (settings.targetNamespace !== '') out.push({ feature: 'target-namespace', origin: 'experimental.syncSettings.targetNamespace' });
  if (settings.disableSync) out.push({ feature: 'disable-sync', origin: 'experimental.syncSettings.disableSync' });
  if (settings.rewriteKubernetesService) {
    out.push({ feature: 'rewrite-kubernetes-service', origin: 'experimental.syncSettings.rewriteKubernetesService' });
  }
  return out;
}

export function readVclusterYaml(input: VclusterYaml): Draft {
  const issues: Draft['issues'] = [];
  const warnings: string[] = [];
  const pods = input.sync.toHost.pods;
  if (!pods.useSecretsForSATokens) {
    warnings.push(
      'sync.toHost.pods.useSecretsForSATokens is false: service-account tokens of synced pods are stored in host pod annotations, where anyone who can read pods in the host namespace can read them',
    );
  }
  const nodes = input.sync.fromHost.nodes;
  const advanced = input.networking.advanced;
  return {
    format: 'vcluster.yaml',
    syncers: syncers(input.sync),
    features: features(input),
    // vcluster.yaml has no switch for these: upstream v0.20+ always syncs ephemeral containers and status.
    pods: podSyncOptions(pods, { ephemeralContainers: true, status: true }, issues),
    configMapsAll: input.sync.toHost.configMaps.all,
    secretsAll: input.sync.toHost.secrets.all,
    nodes: {
      selectorAll: nodes.selector.all,
      selectorLabels: { ...nodes.selector.labels },
      syncBackChanges: nodes.syncBackChanges,
      clearImageStatus: nodes.clearImageStatus,
    },
    setOwner: input.experimental.syncSettings.setOwner,
    virtualScheduler: input.controlPlane.advanced.virtualScheduler.enabled,
    networking: { clusterDomain: advanced.clusterDomain, proxyKubelets: { ...advanced.proxyKubelets } },
    workloadServiceAccount:
      input.controlPlane.advanced.workloadServiceAccount.name === '' ? undefined : input.controlPlane.advanced.workloadServiceAccount.name,
    extraRules: {
      role: input.experimental.genericSync.role.extraRules.map(toPolicyRule),
      clusterRole: input.experimental.genericSync.clusterRole.extraRules.map(toPolicyRule),
    },
    issues,
    warnings,
  };
}
