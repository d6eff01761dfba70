/**
 * The `vcluster.yaml` format (vcluster v0.20+): `sync.toHost.*`, `sync.fromHost.*` and the few
 * other keys the syncer reads (spec §6.3, seed 002). Strict: unknown keys are errors.
 */
import { z } from 'zod';
import {
  boolOrAutoSchema,
  extraRulesSchema,
  labelSelectorSchema,
  patchesSchema,
  quantitySchema,
  stringMapSchema,
} from './schema-common.js';
import { parseToleration } from './tolerations.js';

const tolerationSchema = z.string().superRefine((spec, ctx) => {
  const parsed = parseToleration(spec);
  if (!parsed.ok) ctx.addIssue({ code: 'custom', message: parsed.error });
});

const translateImageSchema = stringMapSchema.superRefine((map, ctx) => {
  for (const [from, to] of Object.entries(map)) {
    if (from.trim() === '' || to.trim() === '') {
      ctx.addIssue({ code: 'custom', message: 'expected a non-empty image on both sides', path: [from] });
    }
  }
});

function toggle(enabled: boolean, description: string) {
  return z
    .strictObject({
      enabled: z.boolean().default(enabled).describe(description),
      patches: patchesSchema,
    })
    .prefault({});
}

function autoToggle(description: string) {
  return z
    .strictObject({
      enabled: boolOrAutoSchema.default('auto').describe(`${description} "auto": on with the virtual scheduler and PVC sync.`),
      selector: labelSelectorSchema.optional(),
      patches: patchesSchema,
    })
    .prefault({});
}

function fromHostClass(description: string) {
  return z
    .strictObject({
      enabled: z.boolean().default(false).describe(description),
      selector: labelSelectorSchema.optional().describe('Only host objects matching this selector.'),
      patches: patchesSchema,
    })
    .prefault({});
}

const mappingsSchema = z
  .strictObject({ byName: stringMapSchema.default({}).describe('host "namespace/name" → virtual "namespace/name".') })
  .prefault({});

const resourceListSchema = z.record(z.string(), quantitySchema);

const imageSchema = z.union([
  z.string().describe('A full image reference (vcluster ≤ 0.25 wrote it this way).'),
  z.strictObject({
    registry: z.string().default(''),
    repository: z.string(),
    tag: z.string().default(''),
  }),
]);

const podsSchema = z
  .strictObject({
    enabled: z.boolean().default(true).describe('Sync Pods to the host.'),
    translateImage: translateImageSchema
      .default({})
      .describe('Image → image replacements for host pods (exact match, or a registry/repository prefix).'),
    enforceTolerations: z
      .array(tolerationSchema)
      .default([])
      .describe('Tolerations added to every host pod, written as `key[=value]:Effect`.'),
    useSecretsForSATokens: z
      .boolean()
      .default(true)
      .describe(
        'Put service-account tokens of host pods into a Secret. false keeps upstream behaviour: tokens in host pod annotations, readable by anyone who can read host pods.',
      ),
    runtimeClassName: z.string().default('').describe('runtimeClassName of every host pod (overrides the pod).'),
    priorityClassName: z.string().default('').describe('priorityClassName for host pods that have none.'),
    rewriteHosts: z
      .strictObject({
        enabled: z.boolean().default(true).describe('Rewrite /etc/hosts of pods with a subdomain (StatefulSet FQDNs).'),
        initContainer: z
          .strictObject({
            image: imageSchema.default({ registry: 'mirror.gcr.io', repository: 'library/alpine', tag: '3.20' }),
            resources: z
              .strictObject({
                limits: resourceListSchema.default({ cpu: '30m', memory: '64Mi' }),
                requests: resourceListSchema.default({ cpu: '30m', memory: '64Mi' }),
              })
              .prefault({}),
          })
          .prefault({}),
      })
      .prefault({}),
    hybridScheduling: z
      .strictObject({
        enabled: z.boolean().default(false).describe('Hybrid scheduling (vCluster Pro). Not supported yet.'),
        hostSchedulers: z.array(z.string()).default([]),
      })
      .prefault({}),
    patches: patchesSchema,
  })
  .prefault({});

const secretLikeSchema = (kind: string) =>
  z
    .strictObject({
      enabled: z.boolean().default(true).describe(`Sync ${kind} used by pods (or ingresses) to the host.`),
      all: z.boolean().default(false).describe(`Sync all ${kind}, used or not.`),
      patches: patchesSchema,
    })
    .prefault({});

const customResourcesSchema = z
  .record(
    z.string(),
    z.strictObject({
      enabled: z.boolean().default(false),
      scope: z.enum(['Namespaced', 'Cluster']).optional(),
      mappings: mappingsSchema.optional(),
      selector: labelSelectorSchema.optional(),
      patches: patchesSchema,
    }),
  )
  .default({})
  .describe('Custom resource sync (vCluster Pro). Not supported yet.');

const toHostSchema = z
  .strictObject({
    pods: podsSchema,
    services: toggle(true, 'Sync Services to the host.'),
    endpoints: toggle(true, 'Sync Endpoints to the host.'),
    endpointSlices: toggle(true, 'Sync EndpointSlices to the host.'),
    persistentVolumeClaims: toggle(true, 'Sync PersistentVolumeClaims to the host.'),
    configMaps: secretLikeSchema('ConfigMaps'),
    secrets: secretLikeSchema('Secrets'),
    ingresses: toggle(false, 'Sync Ingresses to the host (turns on IngressClasses from the host unless they are set).'),
    priorityClasses: toggle(false, 'Sync PriorityClasses to the host.'),
    networkPolicies: toggle(false, 'Sync NetworkPolicies to the host.'),
    podDisruptionBudgets: toggle(false, 'Sync PodDisruptionBudgets to the host.'),
    serviceAccounts: toggle(false, 'Sync ServiceAccounts to the host.'),
    storageClasses: toggle(false, 'Sync StorageClasses to the host.'),
    persistentVolumes: toggle(false, 'Sync PersistentVolumes to the host; false means fake persistent volumes.'),
    volumeSnapshots: toggle(false, 'Sync VolumeSnapshots to the host.'),
    volumeSnapshotContents: toggle(false, 'Sync VolumeSnapshotContents to the host.'),
    resourceClaims: toggle(false, 'Sync ResourceClaims to the host.'),
    resourceClaimTemplates: toggle(false, 'Sync ResourceClaimTemplates to the host.'),
    namespaces: z
      .strictObject({
        enabled: z.boolean().default(false).describe('Sync Namespaces to the host (vCluster Pro). Not supported yet.'),
        mappingsOnly: z.boolean().default(false),
        mappings: mappingsSchema,
        extraLabels: stringMapSchema.default({}),
        patches: patchesSchema,
      })
      .prefault({}),
    gatewayApi: z
      .strictObject({
        enabled: z.boolean().default(false).describe('Sync Gateway API resources to the host.'),
        httpRoutes: toggle(false, 'Sync HTTPRoutes.'),
        gateways: toggle(false, 'Sync Gateways.'),
        tlsRoutes: toggle(false, 'Sync TLSRoutes.'),
        backendTLSPolicies: toggle(false, 'Sync BackendTLSPolicies.'),
        referenceGrants: z.strictObject({ enabled: boolOrAutoSchema.default('auto') }).prefault({}),
        patches: patchesSchema,
      })
      .prefault({}),
    customResources: customResourcesSchema,
  })
  .prefault({});

const fromHostSchema = z
  .strictObject({
    events: toggle(true, 'Copy host events of synced objects into the virtual cluster.'),
    nodes: z
      .strictObject({
        enabled: z.boolean().default(false).describe('Sync real Nodes from the host; false means fake nodes.'),
        syncBackChanges: z.boolean().default(false),
        clearImageStatus: z.boolean().default(false),
        selector: z
          .strictObject({
            all: z.boolean().default(false).describe('Sync all host nodes, not only those running synced pods.'),
            labels: stringMapSchema.default({}),
          })
          .prefault({}),
        patches: patchesSchema,
      })
      .prefault({}),
    ingressClasses: z
      .strictObject({
        enabled: z.boolean().optional().describe('Sync IngressClasses from the host. Unset: on when Ingresses are synced.'),
        selector: labelSelectorSchema.optional(),
        patches: patchesSchema,
      })
      .prefault({}),
    storageClasses: autoToggle('Sync StorageClasses from the host.'),
    csiNodes: autoToggle('Sync CSINodes from the host.'),
    csiDrivers: autoToggle('Sync CSIDrivers from the host.'),
    csiStorageCapacities: autoToggle('Sync CSIStorageCapacities from the host.'),
    runtimeClasses: fromHostClass('Sync RuntimeClasses from the host.'),
    priorityClasses: fromHostClass('Sync PriorityClasses from the host.'),
    volumeSnapshotClasses: fromHostClass('Sync VolumeSnapshotClasses from the host.'),
    deviceClasses: fromHostClass('Sync DeviceClasses from the host.'),
    gatewayClasses: fromHostClass('Sync GatewayClasses from the host.'),
    configMaps: z
      .strictObject({ enabled: z.boolean().default(false), mappings: mappingsSchema, patches: patchesSchema })
      .prefault({})
      .describe('Sync ConfigMaps from the host.'),
    secrets: z
      .strictObject({ enabled: z.boolean().default(false), mappings: mappingsSchema, patches: patchesSchema })
      .prefault({})
      .describe('Sync Secrets from the host.'),
    gateways: z
      .strictObject({
        enabled: z.boolean().default(false).describe('Sync Gateways from the host.'),
        mappings: mappingsSchema,
        selector: z.record(z.string(), z.unknown()).default({}),
        allowedRoutes: z
          .strictObject({
            defaultVirtualNamespacePolicy: z.record(z.string(), z.unknown()).default({}),
            overrides: z.array(z.unknown()).default([]),
          })
          .prefault({}),
        status: z.strictObject({ exposeAddresses: z.boolean().default(false) }).prefault({}),
        metadata: z.strictObject({ exposeSourceGateway: z.boolean().default(false) }).prefault({}),
        sanitize: z
          .strictObject({ certificateRefs: z.boolean().default(true), infrastructure: z.boolean().default(true) })
          .prefault({}),
        patches: patchesSchema,
      })
      .prefault({}),
    customResources: customResourcesSchema,
  })
  .prefault({});

const experimentalSchema = z
  .strictObject({
    syncSettings: z
      .strictObject({
        setOwner: z.boolean().default(true).describe('Make the vcluster Service the owner of namespaced host objects.'),
        syncLabels: z.array(z.string()).default([]).describe('Old label scheme (v0.20 only). Not supported.'),
        targetNamespace: z.string().default('').describe('Sync into another host namespace (v0.20 only). Not supported yet.'),
        disableSync: z.boolean().default(false),
        rewriteKubernetesService: z.boolean().default(false),
      })
      .prefault({}),
    genericSync: z
      .strictObject({
        version: z.string().optional(),
        export: z.array(z.record(z.string(), z.unknown())).optional(),
        import: z.array(z.record(z.string(), z.unknown())).optional(),
        hooks: z.record(z.string(), z.unknown()).optional(),
        role: extraRulesSchema,
        clusterRole: extraRulesSchema,
      })
      .prefault({})
      .describe('Generic sync (v0.20 – v0.27). Not supported yet.'),
    multiNamespaceMode: z
      .strictObject({
        enabled: z.boolean().default(false).describe('Multi-namespace mode (v0.20 – v0.25). Not supported yet.'),
        namespaceLabels: stringMapSchema.default({}),
      })
      .prefault({}),
  })
  .prefault({});

const networkingSchema = z
  .strictObject({
    advanced: z
      .strictObject({
        clusterDomain: z.string().min(1).default('cluster.local').describe('DNS domain of the virtual cluster.'),
        proxyKubelets: z
          .strictObject({
            byHostname: z.boolean().default(true),
            byIP: z.boolean().default(true),
          })
          .prefault({}),
      })
      .prefault({}),
  })
  .prefault({});

const controlPlaneSchema = z
  .strictObject({
    advanced: z
      .strictObject({
        virtualScheduler: z
          .strictObject({ enabled: z.boolean().default(false).describe('Run a scheduler in the virtual cluster. Not supported yet.') })
          .prefault({}),
        workloadServiceAccount: z
          .strictObject({ name: z.string().default('').describe('Host service account of synced pods (default vc-workload-<name>).') })
          .prefault({}),
      })
      .prefault({}),
  })
  .prefault({});

export const vclusterYamlSchema = z
  .strictObject({
    sync: z.strictObject({ toHost: toHostSchema, fromHost: fromHostSchema }).prefault({}),
    experimental: experimentalSchema,
    networking: networkingSchema,
    controlPlane: controlPlaneSchema,
  })
  .describe('vcluster.yaml (vcluster v0.20+ format): the keys this implementation reads.');

export type VclusterYaml = z.output<typeof vclusterYamlSchema>;
export type VclusterYamlInput = z.input<typeof vclusterYamlSchema>;
