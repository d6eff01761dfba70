/**
 * The common intermediate form both formats are read into before `--sync`, implied settings and
 * the support check are applied.
 */
import type { PolicyRule } from 'kubernetes-types/rbac/v1.js';
import type { ConfigIssue } from './errors.js';
import type { Feature, SyncerName } from './features.js';
import type { ConfigFormat, NodeSyncOptions, PodSyncOptions } from './types.js';

/** A syncer's setting and the key it came from (for messages). `auto` = decided from other settings. */
export interface SyncerSetting {
  readonly value: boolean | 'auto';
  readonly origin: string;
  /** Decided by an `auto` rule rather than asked for. */
  readonly implied?: boolean;
}

export interface Draft {
  readonly format: ConfigFormat;
  readonly syncers: Map<SyncerName, SyncerSetting>;
  /** Features other than syncers that the input switches on, with the key that did it. */
  readonly features: { readonly feature: Exclude<Feature, SyncerName>; readonly origin: string }[];
  readonly pods: PodSyncOptions;
  readonly configMapsAll: boolean;
  readonly secretsAll: boolean;
  readonly nodes: NodeSyncOptions;
  readonly setOwner: boolean;
  readonly virtualScheduler: boolean;
  readonly networking: { readonly clusterDomain: string; readonly proxyKubelets: { readonly byHostname: boolean; readonly byIP: boolean } };
  readonly workloadServiceAccount: string | undefined;
  readonly extraRules: { readonly role: readonly PolicyRule[]; readonly clusterRole: readonly PolicyRule[] };
  readonly issues: ConfigIssue[];
  readonly warnings: string[];
}

/** zod's output for a PolicyRule, without the `undefined` members kubernetes-types does not allow. */
export function toPolicyRule(rule: {
  apiGroups?: string[] | undefined;
  resources?: string[] | undefined;
  resourceNames?: string[] | undefined;
  nonResourceURLs?: string[] | undefined;
  verbs: string[];
}): PolicyRule {
  return {
    ...(rule.apiGroups === undefined ? {} : { apiGroups: rule.apiGroups }),
    ...(rule.resources === undefined ? {} : { resources: rule.resources }),
    ...(rule.resourceNames === undefined ? {} : { resourceNames: rule.resourceNames }),
    ...(rule.nonResourceURLs === undefined ? {} : { nonResourceURLs: rule.nonResourceURLs }),
    verbs: rule.verbs,
  };
}
