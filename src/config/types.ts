/**
 * The one configuration the rest of the program reads, whichever format it was written in.
 * Everything is resolved: defaults applied, `auto` decided, implied settings and `--sync` applied.
 */
import type { Toleration } from 'kubernetes-types/core/v1.js';
import type { PolicyRule } from 'kubernetes-types/rbac/v1.js';
import type { SyncerName } from './features.js';

export type ConfigFormat = 'vcluster.yaml' | 'values.yaml';

export type JsonValue = null | boolean | number | string | readonly JsonValue[] | { readonly [key: string]: JsonValue };
export type JsonObject = { readonly [key: string]: JsonValue };

export interface PodSyncOptions {
  /** image → image replacements for host pods. */
  readonly translateImage: Readonly<Record<string, string>>;
  /** Tolerations added to every host pod. */
  readonly enforceTolerations: readonly Toleration[];
  /** Service-account tokens in a Secret owned by the host pod (our default) or in annotations. */
  readonly useSecretsForSATokens: boolean;
  /** Overrides the runtimeClassName of every host pod. */
  readonly runtimeClassName?: string;
  /** priorityClassName for host pods that have none. */
  readonly priorityClassName?: string;
  readonly rewriteHosts: {
    readonly enabled: boolean;
    readonly initContainer: {
      readonly image: string;
      readonly resources: {
        readonly limits: Readonly<Record<string, string>>;
        readonly requests: Readonly<Record<string, string>>;
      };
    };
  };
  /**
   * Sync ephemeral containers to host pods. values.yaml: `sync.pods.ephemeralContainers` (default
   * off, seed 000); vcluster.yaml has no key and upstream v0.20+ always syncs them.
   */
  readonly ephemeralContainers: boolean;
  /** Sync readiness gates / pod status to the host; as `ephemeralContainers`, from `sync.pods.status`. */
  readonly status: boolean;
}

export interface NodeSyncOptions {
  /** Sync all host nodes rather than those running synced pods (real nodes only). */
  readonly selectorAll: boolean;
  /** Only host nodes with these labels (real nodes only). */
  readonly selectorLabels: Readonly<Record<string, string>>;
  readonly syncBackChanges: boolean;
  readonly clearImageStatus: boolean;
}

export interface Config {
  /** The format the input was written in. */
  readonly format: ConfigFormat;
  /** Which syncers run. */
  readonly sync: Readonly<Record<SyncerName, boolean>>;
  readonly pods: PodSyncOptions;
  readonly configMaps: { readonly all: boolean };
  readonly secrets: { readonly all: boolean };
  readonly nodes: NodeSyncOptions;
  /** Owner reference from namespaced host objects to the vcluster's host Service. */
  readonly setOwner: boolean;
  readonly virtualScheduler: boolean;
  readonly networking: {
    readonly clusterDomain: string;
    readonly proxyKubelets: { readonly byHostname: boolean; readonly byIP: boolean };
  };
  /** Host service account of synced pods; `undefined` means `vc-workload-<vcluster name>`. */
  readonly workloadServiceAccount?: string;
  /** Extra host RBAC rules the configuration asks for. */
  readonly extraRules: { readonly role: readonly PolicyRule[]; readonly clusterRole: readonly PolicyRule[] };
  /** What the configuration was made from, so that `--set` can be applied like helm does. */
  readonly source: { readonly values: JsonObject; readonly syncFlag: readonly string[] };
}

/** `parseConfig`'s result: warnings are returned, never printed. */
export interface ParsedConfig {
  readonly config: Config;
  readonly warnings: readonly string[];
}
