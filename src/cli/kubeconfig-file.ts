import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { parse, stringify } from 'yaml';

interface Named<T> {
  name: string;
  [key: string]: unknown;
  value?: T;
}

export interface KubeconfigDoc {
  apiVersion?: string;
  kind?: string;
  clusters?: Named<unknown>[];
  users?: Named<unknown>[];
  contexts?: (Named<unknown> & { context?: { cluster?: string; user?: string; namespace?: string } })[];
  'current-context'?: string;
  preferences?: unknown;
  [key: string]: unknown;
}

/** The kubeconfig kubectl uses: the first file of $KUBECONFIG, else ~/.kube/config. */
export function userKubeconfigPath(env: NodeJS.ProcessEnv): string {
  const first = (env.KUBECONFIG ?? '').split(':').find((p) => p !== '');
  return first ?? join(env.HOME ?? homedir(), '.kube', 'config');
}

export function readKubeconfig(path: string): KubeconfigDoc {
  if (!existsSync(path)) return { apiVersion: 'v1', kind: 'Config', clusters: [], users: [], contexts: [] };
  const doc = parse(readFileSync(path, 'utf8')) as KubeconfigDoc | null;
  return doc ?? { apiVersion: 'v1', kind: 'Config', clusters: [], users: [], contexts: [] };
}

export function writeKubeconfig(path: string, doc: KubeconfigDoc): void {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const tmp = `${path}.tmp-${process.pid}`;
  writeFileSync(tmp, stringify(doc), { mode: 0o600 });
  renameSync(tmp, path);
}

/** The current context, its cluster's server and the namespace it selects, if any. */
export function currentContext(doc: KubeconfigDoc): { name: string; server: string } | undefined {
  const name = doc['current-context'];
  if (!name) return undefined;
  const context = doc.contexts?.find((c) => c.name === name)?.context;
  const cluster = doc.clusters?.find((c) => c.name === context?.cluster) as { cluster?: { server?: string } } | undefined;
  const server = cluster?.cluster?.server;
  return server ? { name, server } : undefined;
}

function upsert<T extends { name: string }>(list: T[] | undefined, item: T): T[] {
  const out = (list ?? []).filter((x) => x.name !== item.name);
  out.push(item);
  return out;
}

/**
 * Merges the single cluster/user/context of `source` (a kubeconfig we generated) into the file at
 * `path` under `contextName`, and makes it current when `activate`.
 */
export function mergeContext(path: string, source: string, contextName: string, activate: boolean): void {
  const src = parse(source) as KubeconfigDoc;
  const cluster = src.clusters?.[0];
  const user = src.users?.[0];
  const context = src.contexts?.[0];
  if (!cluster || !user || !context) throw new Error('generated kubeconfig is incomplete');
  const doc = readKubeconfig(path);
  doc.apiVersion ??= 'v1';
  doc.kind ??= 'Config';
  doc.clusters = upsert(doc.clusters, { ...cluster, name: contextName });
  doc.users = upsert(doc.users, { ...user, name: contextName });
  doc.contexts = upsert(doc.contexts, { name: contextName, context: { ...context.context, cluster: contextName, user: contextName } });
  if (activate) doc['current-context'] = contextName;
  writeKubeconfig(path, doc);
}

/** Removes a context (and its cluster and user); a removed current context gives way to `fallback`. */
export function removeContext(path: string, contextName: string, fallback?: string): void {
  if (!existsSync(path)) return;
  const doc = readKubeconfig(path);
  doc.clusters = (doc.clusters ?? []).filter((c) => c.name !== contextName);
  doc.users = (doc.users ?? []).filter((u) => u.name !== contextName);
  doc.contexts = (doc.contexts ?? []).filter((c) => c.name !== contextName);
  if (doc['current-context'] === contextName) {
    if (fallback && doc.contexts.some((c) => c.name === fallback)) doc['current-context'] = fallback;
    else delete doc['current-context'];
  }
  writeKubeconfig(path, doc);
}

export function useContext(path: string, contextName: string): void {
  const doc = readKubeconfig(path);
  if (!(doc.contexts ?? []).some((c) => c.name === contextName)) throw new Error(`context ${contextName} does not exist in ${path}`);
  doc['current-context'] = contextName;
  writeKubeconfig(path, doc);
}

/** vcluster's context name: vcluster_<name>_<namespace>_<host context>. */
export function vclusterContextName(name: string, namespace: string, hostContext: string): string {
  return `vcluster_${name}_${namespace}_${hostContext}`;
}
