/**
 * Parsing of discovery documents into one flat table of resources: aggregated discovery
 * (apidiscovery.k8s.io/v2 or v2beta1 APIGroupDiscoveryList) and the legacy documents (APIVersions,
 * APIGroupList, APIResourceList). Pure functions: the RESTMapper fetches, these read.
 */

export interface SubresourceInfo {
  readonly name: string;
  readonly kind?: string;
  readonly verbs: readonly string[];
}

export interface ApiResourceInfo {
  readonly group: string;
  readonly version: string;
  readonly resource: string;
  readonly kind: string;
  readonly namespaced: boolean;
  readonly singular: string;
  readonly shortNames: readonly string[];
  readonly categories: readonly string[];
  readonly verbs: readonly string[];
  readonly subresources: readonly SubresourceInfo[];
}

export interface GroupInfo {
  readonly name: string;
  /** Preferred version first. */
  readonly versions: readonly string[];
}

export interface DiscoveryDocument {
  readonly groups: readonly GroupInfo[];
  readonly resources: readonly ApiResourceInfo[];
}

/** A discovery document that does not have the expected shape. */
export class DiscoveryFormatError extends Error {
  override readonly name = 'DiscoveryFormatError';
}

export const AGGREGATED_ACCEPT =
  'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json';

/** Whether a response's Content-Type says it is an aggregated discovery document. */
export function isAggregatedContentType(contentType: string | undefined): boolean {
  return contentType !== undefined && /(^|;)\s*as=APIGroupDiscoveryList\s*(;|$)/.test(contentType) && /g=apidiscovery\.k8s\.io/.test(contentType);
}

type Json = Record<string, unknown>;

const isJson = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
const objects = (v: unknown): Json[] => (Array.isArray(v) ? v.filter(isJson) : []);

function expectKind(doc: unknown, kind: string): Json {
  if (!isJson(doc)) throw new DiscoveryFormatError(`expected a ${kind}, got ${typeof doc}`);
  if (doc.kind !== undefined && doc.kind !== kind) throw new DiscoveryFormatError(`expected a ${kind}, got ${str(doc.kind) || 'an object without kind'}`);
  return doc;
}

/** An APIGroupDiscoveryList (from `/api` or `/apis`). */
export function parseAggregated(doc: unknown): DiscoveryDocument {
  const list = expectKind(doc, 'APIGroupDiscoveryList');
  const groups: GroupInfo[] = [];
  const resources: ApiResourceInfo[] = [];
  for (const item of objects(list.items)) {
    const group = isJson(item.metadata) ? str(item.metadata.name) : '';
    const versions = objects(item.versions);
    groups.push({ name: group, versions: versions.map((v) => str(v.version)).filter((v) => v !== '') });
    for (const v of versions) {
      const version = str(v.version);
      if (version === '') continue;
      for (const r of objects(v.resources)) {
        const resource = str(r.resource);
        if (resource === '') continue;
        const responseKind = isJson(r.responseKind) ? r.responseKind : {};
        resources.push({
          group,
          version,
          resource,
          kind: str(responseKind.kind),
          namespaced: r.scope === 'Namespaced',
          singular: str(r.singularResource),
          shortNames: strings(r.shortNames),
          categories: strings(r.categories),
          verbs: strings(r.verbs),
          subresources: objects(r.subresources).map((s) => {
            const kind = isJson(s.responseKind) ? str(s.responseKind.kind) : '';
            return { name: str(s.subresource), ...(kind !== '' ? { kind } : {}), verbs: strings(s.verbs) };
          }),
        });
      }
    }
  }
  return { groups, resources };
}

/** The core group's versions from legacy `/api` (APIVersions). */
export function parseApiVersions(doc: unknown): GroupInfo {
  return { name: '', versions: strings(expectKind(doc, 'APIVersions').versions) };
}

/** The groups from legacy `/apis` (APIGroupList), preferred version first. */
export function parseGroupList(doc: unknown): GroupInfo[] {
  return objects(expectKind(doc, 'APIGroupList').groups).map((g) => {
    const listed = objects(g.versions).map((v) => str(v.version)).filter((v) => v !== '');
    const preferred = isJson(g.preferredVersion) ? str(g.preferredVersion.version) : '';
    const versions = preferred !== '' && listed.includes(preferred) ? [preferred, ...listed.filter((v) => v !== preferred)] : listed;
    return { name: str(g.name), versions };
  });
}

/** One legacy APIResourceList (`/api/v1`, `/apis/apps/v1`). */
export function parseResourceList(group: string, version: string, doc: unknown): ApiResourceInfo[] {
  const list = expectKind(doc, 'APIResourceList');
  const entries = objects(list.resources);
  const subresources = new Map<string, SubresourceInfo[]>();
  for (const e of entries) {
    const [parent, ...rest] = str(e.name).split('/');
    if (parent === undefined || rest.length === 0) continue;
    const kind = str(e.kind);
    const subs = subresources.get(parent) ?? [];
    subs.push({ name: rest.join('/'), ...(kind !== '' ? { kind } : {}), verbs: strings(e.verbs) });
    subresources.set(parent, subs);
  }
  return entries
    .filter((e) => str(e.name) !== '' && !str(e.name).includes('/'))
    .map((e) => ({
      group,
      version,
      resource: str(e.name),
      kind: str(e.kind),
      namespaced: e.namespaced === true,
      singular: str(e.singularName),
      shortNames: strings(e.shortNames),
      categories: strings(e.categories),
      verbs: strings(e.verbs),
      subresources: subresources.get(str(e.name)) ?? [],
    }));
}
