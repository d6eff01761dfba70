/** A validated older `values.yaml` → `Draft` (the mapping of spec §6.2). */
import { type Draft, type SyncerSetting, toPolicyRule } from './draft.js';
import { ConfigError, type ConfigIssue } from './errors.js';
import { SYNCER_KEYS, type SyncerName } from './features.js';
import { podSyncOptions } from './pods.js';
import { isJsonObject, parseYamlObject } from './raw.js';
import { vclusterYamlSchema } from './schema-vcluster.js';
import type { ValuesYaml } from './schema-values.js';

function setting(name: SyncerName, value: boolean | 'auto' | undefined, origin?: string): SyncerSetting {
  return { value: value ?? 'auto', origin: origin ?? SYNCER_KEYS[name].valuesYaml ?? SYNCER_KEYS[name].vclusterYaml };
}

function syncers(sync: ValuesYaml['sync']): Map<SyncerName, SyncerSetting> {
  const hostStorageClasses =
    sync.hoststorageclasses.enabled === undefined && sync['legacy-storageclasses'].enabled === undefined
      ? undefined
      : sync.hoststorageclasses.enabled === true || sync['legacy-storageclasses'].enabled === true;
  const hostStorageOrigin =
    sync.hoststorageclasses.enabled === undefined && sync['legacy-storageclasses'].enabled !== undefined
      ? 'sync.legacy-storageclasses.enabled'
      : undefined;
  return new Map<SyncerName, SyncerSetting>([
    ['services', setting('services', sync.services.enabled)],
    ['endpoints', setting('endpoints', sync.endpoints.enabled)],
    ['configmaps', setting('configmaps', sync.configmaps.enabled)],
    ['secrets', setting('secrets', sync.secrets.enabled)],
    ['events', setting('events', sync.events.enabled)],
    ['pods', setting('pods', sync.pods.enabled)],
    ['persistentvolumeclaims', setting('persistentvolumeclaims', sync.persistentvolumeclaims.enabled)],
    ['fake-nodes', setting('fake-nodes', sync['fake-nodes'].enabled)],
    ['fake-persistentvolumes', setting('fake-persistentvolumes', sync['fake-persistentvolumes'].enabled)],
    ['ingresses', setting('ingresses', sync.ingresses.enabled)],
    ['ingressclasses', setting('ingressclasses', sync.ingressclasses.enabled)],
    ['nodes', setting('nodes', sync.nodes.enabled)],
    ['persistentvolumes', setting('persistentvolumes', sync.persistentvolumes.enabled)],
    ['storageclasses', setting('storageclasses', sync.storageclasses.enabled)],
    ['hoststorageclasses', setting('hoststorageclasses', hostStorageClasses, hostStorageOrigin)],
    ['priorityclasses', setting('priorityclasses', sync.priorityclasses.enabled)],
    ['networkpolicies', setting('networkpolicies', sync.networkpolicies.enabled)],
    ['volumesnapshots', setting('volumesnapshots', sync.volumesnapshots.enabled)],
    ['volumesnapshotcontents', setting('volumesnapshotcontents', sync.volumesnapshots.enabled)],
    ['volumesnapshotclasses', setting('volumesnapshotclasses', sync.volumesnapshots.enabled)],
    ['poddisruptionbudgets', setting('poddisruptionbudgets', sync.poddisruptionbudgets.enabled)],
    ['serviceaccounts', setting('serviceaccounts', sync.serviceaccounts.enabled)],
    ['csidrivers', setting('csidrivers', sync.csidrivers.enabled)],
    ['csinodes', setting('csinodes', sync.csinodes.enabled)],
    ['csistoragecapacities', setting('csistoragecapacities', sync.csistoragecapacities.enabled)],
    // The chart had no key for EndpointSlices; they go with Endpoints.
    ['endpointslices', setting('endpointslices', sync.endpoints.enabled, 'sync.endpoints.enabled')],
  ]);
}

/** `k=v,k2=v2` (the chart's `sync.nodes.nodeSelector`) → labels. */
function parseNodeSelector(text: string, issues: ConfigIssue[]): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const entry of text.split(',').map((e) => e.trim()).filter((e) => e !== '')) {
    const eq = entry.indexOf('=');
    if (eq <= 0) {
      issues.push({ path: 'sync.nodes.nodeSelector', message: `expected key=value pairs separated by commas, got "${entry}"` });
      continue;
    }
    labels[entry.slice(0, eq).trim()] = entry.slice(eq + 1).trim();
  }
  return labels;
}

/** Is there anything to sync in the `sync.generic.config` document? */
function genericSyncConfigured(text: string, issues: ConfigIssue[]): boolean {
  try {
    const doc = parseYamlObject(text, 'sync.generic.config');
    return ['export', 'import', 'hooks'].some((key) => {
      const value = doc[key];
      return Array.isArray(value) ? value.length > 0 : isJsonObject(value) ? Object.keys(value).length > 0 : value !== undefined;
    });
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    issues.push(...error.issues);
    return false;
  }
}

export function readValuesYaml(input: ValuesYaml): Draft {
  const issues: ConfigIssue[] = [];
  const { sync } = input;
  const features: Draft['features'][number][] = [];
  if (genericSyncConfigured(sync.generic.config, issues)) features.push({ feature: 'generic-sync', origin: 'sync.generic.config' });
  const syncerMap = syncers(sync);
  if (input.multiNamespaceMode.enabled) {
    features.push({ feature: 'multi-namespace-mode', origin: 'multiNamespaceMode.enabled' });
    syncerMap.set('namespaces', { value: true, origin: 'multiNamespaceMode.enabled' });
  }
  if (sync.nodes.enableScheduler) features.push({ feature: 'virtual-scheduler', origin: 'sync.nodes.enableScheduler' });
  // The newer schema is the source of every default the older format has no key for.
  const defaults = vclusterYamlSchema.parse({});
  return {
    format: 'values.yaml',
    syncers: syncerMap,
    features,
    pods: podSyncOptions(defaults.sync.toHost.pods, { ephemeralContainers: sync.pods.ephemeralContainers, status: sync.pods.status }, issues),
    configMapsAll: sync.configmaps.all,
    secretsAll: sync.secrets.all,
    nodes: {
      selectorAll: sync.nodes.syncAllNodes,
      selectorLabels: parseNodeSelector(sync.nodes.nodeSelector, issues),
      syncBackChanges: sync.nodes.syncNodeChanges,
      clearImageStatus: defaults.sync.fromHost.nodes.clearImageStatus,
    },
    setOwner: defaults.experimental.syncSettings.setOwner,
    virtualScheduler: sync.nodes.enableScheduler,
    networking: {
      clusterDomain: defaults.networking.advanced.clusterDomain,
      proxyKubelets: { byHostname: defaults.networking.advanced.proxyKubelets.byHostname, byIP: sync.nodes.fakeKubeletIPs },
    },
    workloadServiceAccount: undefined,
    extraRules: {
      role: sync.generic.role.extraRules.map(toPolicyRule),
      clusterRole: sync.generic.clusterRole.extraRules.map(toPolicyRule),
    },
    issues,
    warnings: [],
  };
}
