import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Where vcluster-ts keeps its state: the embedded host and one folder per virtual cluster. */
export interface Home {
  readonly root: string;
}

export function homeAt(root: string): Home {
  mkdirSync(root, { recursive: true, mode: 0o700 });
  return { root };
}

export const hostDir = (home: Home): string => join(home.root, 'host');
export const clusterDir = (home: Home, name: string): string => join(home.root, 'clusters', name);

/** What `vcluster create` records about a virtual cluster (clusters/<name>/state.json). */
export interface ClusterState {
  readonly name: string;
  readonly namespace: string;
  /** Kubeconfig file and context used to reach the host. */
  readonly hostKubeconfig: string;
  readonly hostContext: string;
  /** True when the host is the embedded host. */
  readonly embeddedHost: boolean;
  /** Whether `create` made the host namespace (then `delete` removes it). */
  readonly createdNamespace: boolean;
  readonly port: number;
  readonly created: string;
  readonly paused: boolean;
  /** The kube context that was current before `connect`, for `disconnect`. */
  readonly previousContext?: string;
}

export function writeJsonAtomic(path: string, value: unknown): void {
  const tmp = `${path}.tmp-${process.pid}`;
  writeFileSync(tmp, `${JSON.stringify(value, null, 2)}\n`, { mode: 0o600 });
  renameSync(tmp, path);
}

export function readJson(path: string): unknown {
  if (!existsSync(path)) return undefined;
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as unknown;
  } catch {
    return undefined;
  }
}

export function readClusterState(home: Home, name: string): ClusterState | undefined {
  return readJson(join(clusterDir(home, name), 'state.json')) as ClusterState | undefined;
}

export function writeClusterState(home: Home, state: ClusterState): void {
  const dir = clusterDir(home, state.name);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  writeJsonAtomic(join(dir, 'state.json'), state);
}

export function listClusterStates(home: Home): ClusterState[] {
  const dir = join(home.root, 'clusters');
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .sort()
    .map((name) => readClusterState(home, name))
    .filter((s): s is ClusterState => s !== undefined);
}

export function removeClusterDir(home: Home, name: string): void {
  rmSync(clusterDir(home, name), { recursive: true, force: true });
}
