/** Which of the two formats a configuration is written in. */
import { ConfigError } from './errors.js';
import { isJsonObject } from './raw.js';
import { LEGACY_SYNC_KEYS } from './schema-values.js';
import type { ConfigFormat, JsonObject } from './types.js';

const NEW_SYNC_KEYS: readonly string[] = ['toHost', 'fromHost'];
const NEW_TOP_LEVEL_KEYS: readonly string[] = ['experimental', 'networking', 'controlPlane'];
const LEGACY_TOP_LEVEL_KEYS: readonly string[] = ['multiNamespaceMode'];

/** The keys that give a format away, as user-facing paths. */
function markers(values: JsonObject): { readonly legacy: string[]; readonly current: string[] } {
  const sync = isJsonObject(values.sync) ? values.sync : {};
  const syncKeys = Object.keys(sync);
  const topKeys = Object.keys(values);
  return {
    legacy: [
      ...syncKeys.filter((k) => LEGACY_SYNC_KEYS.includes(k)).map((k) => `sync.${k}`),
      ...topKeys.filter((k) => LEGACY_TOP_LEVEL_KEYS.includes(k)),
    ],
    current: [
      ...syncKeys.filter((k) => NEW_SYNC_KEYS.includes(k)).map((k) => `sync.${k}`),
      ...topKeys.filter((k) => NEW_TOP_LEVEL_KEYS.includes(k)),
    ],
  };
}

/**
 * `values.yaml` (v0.15 – v0.19) if the input has `sync.<resource>` keys or `multiNamespaceMode`;
 * `vcluster.yaml` otherwise. Keys of both in one configuration are an error.
 */
export function detectFormat(values: JsonObject): ConfigFormat {
  const { legacy, current } = markers(values);
  if (legacy.length > 0 && current.length > 0) {
    throw new ConfigError([
      {
        path: legacy[0] ?? 'sync',
        message: `mixes the older values.yaml format (${legacy.join(', ')}) with the vcluster.yaml format (${current.join(', ')}); use one of them`,
      },
    ]);
  }
  return legacy.length > 0 ? 'values.yaml' : 'vcluster.yaml';
}
