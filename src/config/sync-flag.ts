/**
 * The syncer's `--sync` flag (spec §6.1): comma-separated or repeated controller names, `name` or
 * `+name` to enable, `-name` to disable. Applied on top of the configuration file.
 */
import { ConfigError, type ConfigIssue } from './errors.js';
import { SYNC_FLAG_GROUPS, SYNCER_NAMES, isSyncerName, type SyncerName } from './features.js';

export interface SyncFlag {
  readonly enable: readonly SyncerName[];
  readonly disable: readonly SyncerName[];
}

/** Splits repeated and comma-separated values into trimmed entries. */
export function syncFlagEntries(flag: string | readonly string[]): string[] {
  const values = typeof flag === 'string' ? [flag] : flag;
  return values.flatMap((value) => value.split(',')).map((entry) => entry.trim());
}

export function parseSyncFlag(flag: string | readonly string[]): SyncFlag {
  const enable: SyncerName[] = [];
  const disable: SyncerName[] = [];
  const issues: ConfigIssue[] = [];
  for (const entry of syncFlagEntries(flag)) {
    const off = entry.startsWith('-');
    const name = off || entry.startsWith('+') ? entry.slice(1).trim() : entry;
    if (name === '') {
      issues.push({ path: '--sync', message: `empty syncer name in "${entry}"; valid names: ${SYNCER_NAMES.join(', ')}` });
      continue;
    }
    if (!isSyncerName(name)) {
      issues.push({ path: '--sync', message: `unknown syncer "${name}"; valid names: ${SYNCER_NAMES.join(', ')}` });
      continue;
    }
    (off ? disable : enable).push(...(SYNC_FLAG_GROUPS[name] ?? [name]));
  }
  if (issues.length > 0) throw new ConfigError(issues);
  return { enable, disable };
}
