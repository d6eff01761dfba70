import type { ResourceRegistry } from './registry/registry.js';
import { apiVersionOfDef, type ResourceDef } from './registry/types.js';

/** Legacy and aggregated discovery documents, built from the registry. */
export class Discovery {
  private cache = new Map<string, unknown>();
  private cachedAt = -1;

  constructor(
    private readonly registry: ResourceRegistry,
    private readonly serverAddress: () => string,
  ) {}

  private memo<T>(key: string, build: () => T): T {
    if (this.cachedAt !== this.registry.generation) {
      this.cache = new Map();
      this.cachedAt = this.registry.generation;
    }
    let v = this.cache.get(key) as T | undefined;
    if (v === undefined) {
      v = build();
      this.cache.set(key, v);
    }
    return v;
  }

  apiVersions(): unknown {
    return {
      kind: 'APIVersions',
      versions: ['v1'],
      serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress: this.serverAddress() }],
    };
  }

  apiGroupList(): unknown {
    return this.memo('groups', () => ({
      kind: 'APIGroupList',
      apiVersion: 'v1',
      groups: this.registry
        .groups()
        .filter((g) => g.group !== '')
        .map((g) => this.group(g.group, g.versions)),
    }));
  }

  apiGroup(name: string): unknown {
    const g = this.registry.groups().find((x) => x.group === name && name !== '');
    return g ? { kind: 'APIGroup', apiVersion: 'v1', ...this.group(g.group, g.versions) } : undefined;
  }

  private group(name: string, versions: string[]): Record<string, unknown> {
    const vs = versions.map((v) => ({ groupVersion: `${name}/${v}`, version: v }));
    return { name, versions: vs, preferredVersion: vs[0] };
  }

  apiResourceList(group: string, version: string): unknown {
    const defs = this.registry.all().filter((d) => d.group === group && d.version === version);
    if (defs.length === 0) return undefined;
    return this.memo(`resources/${group}/${version}`, () => ({
      kind: 'APIResourceList',
      apiVersion: 'v1',
      groupVersion: group === '' ? version : `${group}/${version}`,
      resources: defs.flatMap((d) => [
        {
          name: d.resource,
          singularName: d.singular,
          namespaced: d.namespaced,
          kind: d.kind,
          verbs: [...d.verbs],
          ...(d.shortNames.length > 0 ? { shortNames: [...d.shortNames] } : {}),
          ...(d.categories.length > 0 ? { categories: [...d.categories] } : {}),
        },
        ...subresourcesOf(d).map((s) => ({
          name: `${d.resource}/${s.name}`,
          singularName: '',
          namespaced: d.namespaced,
          ...(s.group !== d.group || s.version !== d.version ? { group: s.group, version: s.version } : {}),
          kind: s.kind,
          verbs: [...s.verbs],
        })),
      ]),
    }));
  }

  /** apidiscovery.k8s.io/v2 APIGroupDiscoveryList for /api (core only) or /apis (all other groups). */
  aggregated(core: boolean, version: 'v2' | 'v2beta1'): unknown {
    return this.memo(`aggregated/${String(core)}/${version}`, () => ({
      kind: 'APIGroupDiscoveryList',
      apiVersion: `apidiscovery.k8s.io/${version}`,
      metadata: {},
      items: this.registry
        .groups()
        .filter((g) => (g.group === '') === core)
        .map((g) => ({
          metadata: { name: g.group, ...(core ? {} : {}) },
          versions: g.versions.map((v) => ({
            version: v,
            resources: this.registry
              .all()
              .filter((d) => d.group === g.group && d.version === v)
              .map((d) => ({
                resource: d.resource,
                responseKind: { group: d.group, version: d.version, kind: d.kind },
                scope: d.namespaced ? 'Namespaced' : 'Cluster',
                singularResource: d.singular,
                verbs: [...d.verbs],
                ...(d.shortNames.length > 0 ? { shortNames: [...d.shortNames] } : {}),
                ...(d.categories.length > 0 ? { categories: [...d.categories] } : {}),
                ...(subresourcesOf(d).length > 0
                  ? {
                      subresources: subresourcesOf(d).map((s) => ({
                        subresource: s.name,
                        responseKind: { group: s.group, version: s.version, kind: s.kind },
                        verbs: [...s.verbs],
                      })),
                    }
                  : {}),
              })),
            freshness: 'Current',
          })),
        })),
    }));
  }
}

function subresourcesOf(d: ResourceDef): ResourceDef['subresources'] {
  if (!d.crd) return d.subresources;
  const subs = [];
  if (d.crd.statusSubresource) subs.push({ name: 'status', kind: d.kind, group: d.group, version: d.version, verbs: ['get', 'patch', 'update'] });
  if (d.crd.scale) subs.push({ name: 'scale', kind: 'Scale', group: 'autoscaling', version: 'v1', verbs: ['get', 'patch', 'update'] });
  return subs;
}

export { apiVersionOfDef };
