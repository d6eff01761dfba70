/**
 * The older Helm `values.yaml` format (vcluster v0.15 – v0.19): `sync.<resource>.enabled`, seed 000
 * and spec §6.2. Strict: unknown keys are errors.
 */
import { z } from 'zod';
import { extraRulesSchema } from './schema-common.js';

function toggle(enabled: boolean, description: string) {
  return z.strictObject({ enabled: z.boolean().default(enabled).describe(description) }).prefault({});
}

/** A key whose default depends on other keys: unset means "decide from them". */
function impliedToggle(description: string) {
  return z.strictObject({ enabled: z.boolean().optional().describe(description) }).prefault({});
}

const legacySyncSchema = z
  .strictObject({
    services: toggle(true, 'Mirror services between host and virtual cluster.'),
    endpoints: toggle(true, 'Mirror endpoints between host and virtual cluster.'),
    configmaps: z
      .strictObject({
        enabled: z.boolean().default(true).describe('Mirror configmaps used by pods.'),
        all: z.boolean().default(false).describe('Sync all configmaps, used or not.'),
      })
      .prefault({}),
    secrets: z
      .strictObject({
        enabled: z.boolean().default(true).describe('Mirror secrets used by ingresses or pods.'),
        all: z.boolean().default(false).describe('Sync all secrets, used or not.'),
      })
      .prefault({}),
    events: toggle(true, 'Sync events from the host cluster to the virtual cluster.'),
    pods: z
      .strictObject({
        enabled: z.boolean().default(true).describe('Mirror pods between host and virtual cluster.'),
        ephemeralContainers: z.boolean().default(false).describe('Sync ephemeral containers to the host (extra RBAC).'),
        status: z.boolean().default(false).describe('Sync readiness gates to the host (extra RBAC).'),
      })
      .prefault({}),
    persistentvolumeclaims: toggle(true, 'Mirror persistent volume claims between host and virtual cluster.'),
    'fake-nodes': toggle(true, 'Create fake nodes for the spec.nodeName of synced pods (ignored when nodes are synced).'),
    'fake-persistentvolumes': toggle(
      true,
      'Create fake persistent volumes for bound claims (ignored when persistent volumes are synced).',
    ),
    ingresses: toggle(false, 'Mirror ingresses between host and virtual cluster.'),
    ingressclasses: impliedToggle('Sync IngressClasses from the host. Unset: on when ingresses are synced.'),
    nodes: z
      .strictObject({
        enabled: z.boolean().default(false).describe('Sync real nodes from the host; turns fake nodes off.'),
        fakeKubeletIPs: z.boolean().default(true),
        syncAllNodes: z.boolean().default(false),
        nodeSelector: z.string().default('').describe('Only nodes matching `k=v,k2=v2`.'),
        enableScheduler: z.boolean().default(false).describe('Run a scheduler in the virtual cluster. Not supported yet.'),
        syncNodeChanges: z.boolean().default(false),
      })
      .prefault({}),
    persistentvolumes: toggle(false, 'Mirror persistent volumes; turns fake persistent volumes off.'),
    storageclasses: toggle(false, 'Sync storage classes from the virtual cluster to the host.'),
    hoststorageclasses: impliedToggle('Sync storage classes from the host to the virtual cluster.'),
    'legacy-storageclasses': impliedToggle('Former name of hoststorageclasses.'),
    priorityclasses: toggle(false, 'Sync priority classes from the virtual cluster to the host.'),
    networkpolicies: toggle(false, 'Sync network policies from the virtual cluster to the host.'),
    volumesnapshots: toggle(false, 'Volume snapshots, snapshot contents and snapshot classes.'),
    poddisruptionbudgets: toggle(false, 'Sync pod disruption budgets from the virtual cluster to the host.'),
    serviceaccounts: toggle(false, 'Sync service accounts from the virtual cluster to the host.'),
    csidrivers: impliedToggle('Mirror CSIDrivers from the host. Unset: on with the virtual scheduler.'),
    csinodes: impliedToggle('Mirror CSINodes from the host. Unset: on with the virtual scheduler.'),
    csistoragecapacities: impliedToggle('Mirror CSIStorageCapacities from the host. Unset: on with the virtual scheduler.'),
    generic: z
      .strictObject({
        config: z.string().default('---').describe('Generic sync configuration (YAML). Not supported yet.'),
        role: extraRulesSchema,
        clusterRole: extraRulesSchema,
      })
      .prefault({}),
  })
  .prefault({});

export const valuesYamlSchema = z
  .strictObject({
    sync: legacySyncSchema,
    multiNamespaceMode: z
      .strictObject({ enabled: z.boolean().default(false).describe('Multi-namespace mode. Not supported yet.') })
      .prefault({}),
  })
  .describe('values.yaml (vcluster v0.15 – v0.19 Helm chart format): the sync keys.');

export type ValuesYaml = z.output<typeof valuesYamlSchema>;

/** `sync` keys only the older format has: their presence identifies it. */
export const LEGACY_SYNC_KEYS: readonly string[] = Object.keys(legacySyncSchema.unwrap().shape);
