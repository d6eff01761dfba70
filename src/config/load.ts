/**
 * Entry points: text (one or several files) → validated, resolved `Config`. No I/O here: callers
 * read the files and print the warnings.
 */
import type { z } from 'zod';
import { detectFormat } from './detect.js';
import { ConfigError } from './errors.js';
import type { Feature } from './features.js';
import { zodIssues } from './issues.js';
import { applySetArgs, dropNulls, mergeValues, parseYamlObject } from './raw.js';
import { readValuesYaml } from './read-values.js';
import { readVclusterYaml } from './read-vcluster.js';
import { resolve } from './resolve.js';
import { vclusterYamlSchema } from './schema-vcluster.js';
import { valuesYamlSchema } from './schema-values.js';
import { parseSyncFlag, syncFlagEntries } from './sync-flag.js';
import type { Config, JsonObject, ParsedConfig } from './types.js';

export interface ConfigOptions {
  /** The syncer's `--sync` flag (`-services,+ingresses`), applied on top of the files. */
  readonly syncFlag?: string | readonly string[];
  /** Features to accept instead of `SUPPORTED_FEATURES` (tests, features under construction). */
  readonly supported?: ReadonlySet<Feature>;
}

/** A configuration file: its name is used in YAML syntax errors. */
export interface ConfigFile {
  readonly name: string;
  readonly text: string;
}

function validate<T>(schema: z.ZodType<T>, values: JsonObject): T {
  const result = schema.safeParse(values);
  if (!result.success) throw new ConfigError(zodIssues(result.error, values));
  return result.data;
}

/** Validates merged raw values in whichever format they are and resolves them. */
export function resolveValues(raw: JsonObject, options: ConfigOptions = {}): ParsedConfig {
  // A null value unsets a key, as in helm, so the default applies.
  const values = dropNulls(raw);
  // An empty flag (`--sync=""`) means "no override"; an empty entry inside a list is an error.
  const given = options.syncFlag === undefined ? [] : syncFlagEntries(options.syncFlag);
  const entries = given.every((entry) => entry === '') ? [] : given;
  const syncFlag = entries.length === 0 ? { enable: [], disable: [] } : parseSyncFlag(entries);
  const format = detectFormat(values);
  const draft =
    format === 'values.yaml'
      ? readValuesYaml(validate(valuesYamlSchema, values))
      : readVclusterYaml(validate(vclusterYamlSchema, values));
  return resolve({
    draft,
    syncFlag,
    source: { values, syncFlag: entries },
    ...(options.supported === undefined ? {} : { supported: options.supported }),
  });
}

/** Parses one `vcluster.yaml` or older `values.yaml` (detected automatically). Throws `ConfigError`. */
export function parseConfig(text: string, options: ConfigOptions = {}): ParsedConfig {
  return resolveValues(parseYamlObject(text), options);
}

/** Several `-f` files, merged in order like helm (later files win; `null` unsets a key). */
export function loadConfigFiles(files: readonly (string | ConfigFile)[], options: ConfigOptions = {}): ParsedConfig {
  let values: JsonObject = {};
  files.forEach((file, index) => {
    const { name, text } = typeof file === 'string' ? { name: `file ${index + 1}`, text: file } : file;
    values = mergeValues(values, parseYamlObject(text, name));
  });
  return resolveValues(values, options);
}

/**
 * `--set key=value` overrides (helm syntax: `a.b=c,d=e`, lists as `{x,y}`), applied to the values
 * a configuration was made from; its `--sync` flag stays.
 */
export function applySetFlags(
  config: Config,
  sets: readonly string[],
  options: Pick<ConfigOptions, 'supported'> = {},
): ParsedConfig {
  return resolveValues(applySetArgs(config.source.values, sets), { ...options, syncFlag: config.source.syncFlag });
}
