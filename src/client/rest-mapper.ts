import { parseApiVersion } from '../api/object.js';
import { realClock, type Clock } from './clock.js';
import {
  AGGREGATED_ACCEPT,
  isAggregatedContentType,
  parseAggregated,
  parseApiVersions,
  parseGroupList,
  parseResourceList,
  type ApiResourceInfo,
  type DiscoveryDocument,
  type GroupInfo,
} from './discovery.js';
import { describeError, noopLogger, type Logger } from './logger.js';
import type { RawRequest, RawResponse } from './kube-client.js';
import type { ResourceRef } from './resource.js';

/** No served resource matches: the kind or resource is unknown to the server (even after a refresh). */
export class NoMatchError extends Error {
  override readonly name = 'NoMatchError';
}

export function isNoMatch(e: unknown): e is NoMatchError {
  return e instanceof NoMatchError;
}

export interface RestMapperOptions {
  /** A lookup miss refetches discovery, but not more often than this (default 2 s). */
  readonly minRefreshIntervalMs?: number;
  /** Discovery older than this is refetched on the next lookup (default 10 minutes). */
  readonly maxAgeMs?: number;
  readonly clock?: Clock;
  readonly logger?: Logger;
}

/** The slice of KubeClient discovery needs. */
export interface DiscoveryRequester {
  request(req: RawRequest): Promise<RawResponse>;
}

export function toRef(info: ApiResourceInfo): ResourceRef {
  return { group: info.group, version: info.version, resource: info.resource, namespaced: info.namespaced, kind: info.kind };
}

/** Orders resources by their group's version preference (preferred first), keeping discovery order otherwise. */
function byPreference(doc: DiscoveryDocument, candidates: readonly ApiResourceInfo[]): ApiResourceInfo[] {
  const rank = (r: ApiResourceInfo): number => {
    const versions = doc.groups.find((g) => g.name === r.group)?.versions ?? [];
    const i = versions.indexOf(r.version);
    return i < 0 ? Number.MAX_SAFE_INTEGER : i;
  };
  return [...candidates].sort((a, b) => rank(a) - rank(b));
}

/** The resource serving `kind` in `apiVersion`. */
export function findByKind(doc: DiscoveryDocument, apiVersion: string, kind: string): ApiResourceInfo | undefined {
  const { group, version } = parseApiVersion(apiVersion);
  return doc.resources.find((r) => r.group === group && r.version === version && r.kind === kind);
}

/** The preferred version's resource serving `kind` in `group`. */
export function findPreferredByKind(doc: DiscoveryDocument, group: string, kind: string): ApiResourceInfo | undefined {
  return byPreference(doc, doc.resources.filter((r) => r.group === group && r.kind === kind))[0];
}

/**
 * Resolves a name as kubectl does: `pods`, `pod`, `po`, `Pod`, `deployments.apps`,
 * `deployments.v1.apps`. Among several matches the core group, then the preferred version wins.
 */
export function findByName(doc: DiscoveryDocument, name: string): ApiResourceInfo | undefined {
  const lower = name.toLowerCase();
  const is = (r: ApiResourceInfo, n: string): boolean => r.resource === n || r.singular === n || r.shortNames.includes(n) || r.kind.toLowerCase() === n;
  const dot = lower.indexOf('.');
  if (dot > 0) {
    const head = lower.slice(0, dot);
    const rest = lower.slice(dot + 1);
    const exact = doc.resources.find((r) => is(r, head) && `${r.version}.${r.group}` === rest);
    if (exact) return exact;
    const inGroup = byPreference(doc, doc.resources.filter((r) => is(r, head) && r.group === rest))[0];
    if (inGroup) return inGroup;
  }
  const plain = doc.resources.filter((r) => is(r, lower));
  const best = plain.find((r) => r.group === '') ?? plain[0];
  if (!best) return undefined;
  return byPreference(doc, plain.filter((r) => r.group === best.group && r.resource === best.resource))[0];
}

/**
 * A cached view of the server's discovery: maps apiVersion/kind and kubectl-style names to
 * resource references. Uses aggregated discovery (two requests) and falls back to the legacy
 * documents (one request per group version) for servers without it.
 */
export class RestMapper {
  private document: Promise<DiscoveryDocument> | undefined;
  private fetchedAt = Number.NEGATIVE_INFINITY;
  private readonly clock: Clock;
  private readonly logger: Logger;
  private readonly minRefreshIntervalMs: number;
  private readonly maxAgeMs: number;

  constructor(
    private readonly client: DiscoveryRequester,
    options: RestMapperOptions = {},
  ) {
    this.clock = options.clock ?? realClock;
    this.logger = options.logger ?? noopLogger;
    this.minRefreshIntervalMs = options.minRefreshIntervalMs ?? 2000;
    this.maxAgeMs = options.maxAgeMs ?? 10 * 60_000;
  }

  /** The resource for an object's apiVersion and kind. */
  async refFor(apiVersion: string, kind: string, signal?: AbortSignal): Promise<ResourceRef> {
    return toRef(await this.lookup((doc) => findByKind(doc, apiVersion, kind), `no resource for kind ${kind} in ${apiVersion}`, signal));
  }

  /** The preferred version's resource for a group and kind. */
  async preferredRefFor(group: string, kind: string, signal?: AbortSignal): Promise<ResourceRef> {
    return toRef(await this.lookup((doc) => findPreferredByKind(doc, group, kind), `no resource for kind ${kind} in group "${group}"`, signal));
  }

  /** A kubectl-style name (`po`, `deployments.apps`, `widgets.v1.example.com`). */
  async refForName(name: string, signal?: AbortSignal): Promise<ResourceRef> {
    return toRef(await this.lookup((doc) => findByName(doc, name), `the server doesn't have a resource type "${name}"`, signal));
  }

  /** Everything the server serves. */
  async resources(signal?: AbortSignal): Promise<readonly ApiResourceInfo[]> {
    return (await this.current(signal)).resources;
  }

  async groups(signal?: AbortSignal): Promise<readonly GroupInfo[]> {
    return (await this.current(signal)).groups;
  }

  /** Forgets the cache (e.g. after creating a CustomResourceDefinition). */
  invalidate(): void {
    this.document = undefined;
  }

  private async lookup(find: (doc: DiscoveryDocument) => ApiResourceInfo | undefined, miss: string, signal: AbortSignal | undefined): Promise<ApiResourceInfo> {
    const found = find(await this.current(signal));
    if (found) return found;
    if (this.clock.now() - this.fetchedAt >= this.minRefreshIntervalMs) {
      this.invalidate();
      const again = find(await this.current(signal));
      if (again) return again;
    }
    throw new NoMatchError(miss);
  }

  private current(signal: AbortSignal | undefined): Promise<DiscoveryDocument> {
    if (this.document && this.clock.now() - this.fetchedAt > this.maxAgeMs) this.document = undefined;
    if (!this.document) {
      const pending = this.fetch(signal);
      this.document = pending;
      this.fetchedAt = this.clock.now();
      // A failed fetch is not cached.
      pending.catch(() => {
        if (this.document === pending) this.document = undefined;
      });
    }
    return this.document;
  }

  private async fetch(signal: AbortSignal | undefined): Promise<DiscoveryDocument> {
    const [core, rest] = await Promise.all([this.root('/api', signal), this.root('/apis', signal)]);
    const groups: GroupInfo[] = [];
    const resources: ApiResourceInfo[] = [];
    for (const [root, legacyGroups] of [
      [core, (doc: unknown): GroupInfo[] => [parseApiVersions(doc)]],
      [rest, parseGroupList],
    ] as const) {
      if (root.aggregated) {
        groups.push(...root.aggregated.groups);
        resources.push(...root.aggregated.resources);
        continue;
      }
      const legacy = legacyGroups(root.legacy);
      groups.push(...legacy);
      const lists = await Promise.all(legacy.flatMap((g) => g.versions.map((v) => this.resourceList(g.name, v, signal))));
      for (const list of lists) resources.push(...list);
    }
    return { groups, resources };
  }

  private async root(path: string, signal: AbortSignal | undefined): Promise<{ aggregated?: DiscoveryDocument; legacy?: unknown }> {
    const res = await this.client.request({ method: 'GET', path, accept: AGGREGATED_ACCEPT, signal });
    const body = await res.json();
    return isAggregatedContentType(res.headers['content-type']) ? { aggregated: parseAggregated(body) } : { legacy: body };
  }

  private async resourceList(group: string, version: string, signal: AbortSignal | undefined): Promise<ApiResourceInfo[]> {
    const path = group === '' ? `/api/${version}` : `/apis/${group}/${version}`;
    try {
      const res = await this.client.request({ method: 'GET', path, signal });
      return parseResourceList(group, version, await res.json());
    } catch (e) {
      if (signal?.aborted) throw e;
      // One unavailable group (an aggregated API server that is down) must not hide the others.
      this.logger.warn({ path, err: describeError(e) }, 'discovery of a group version failed');
      return [];
    }
  }
}
