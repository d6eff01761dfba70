/**
 * Configuration: `vcluster.yaml` and the older `values.yaml`, detected automatically, validated by
 * one zod schema and resolved into the `Config` the rest of the program reads.
 */
export { parseConfig, loadConfigFiles, applySetFlags, type ConfigOptions, type ConfigFile } from './load.js';
export { configJsonSchema, configInputSchema, vclusterYamlSchema, valuesYamlSchema } from './schema.js';
export { hostRbacRules, type HostRbacRules } from './rbac.js';
export { ConfigError, type ConfigIssue } from './errors.js';
export { NON_FUNCTIONAL_WARNING } from './resolve.js';
export { parseSyncFlag, type SyncFlag } from './sync-flag.js';
export {
  DEFAULT_SYNCERS,
  FEATURE_DESCRIPTIONS,
  SUPPORTED_FEATURES,
  SYNCER_NAMES,
  type Feature,
  type SyncerName,
} from './features.js';
export type { Config, ConfigFormat, NodeSyncOptions, ParsedConfig, PodSyncOptions, JsonObject, JsonValue } from './types.js';
