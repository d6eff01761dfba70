import type { ResourceRegistry } from './registry/registry.js';
import type { ResourceDef } from './registry/types.js';
import {
  buildGroupVersionDocument,
  customResourceListSchema,
  customResourceSchema,
  openApiV3Index,
  type OpenApiResource,
  type SchemaNode,
  type SchemaRegistry,
} from './schema/index.js';

/** The /openapi/v3 index and per group-version documents, rebuilt when served resources change. */
export class OpenApi {
  private docs = new Map<string, { key: string; doc: object }>();
  private index_: { generation: number; value: object } | undefined;

  constructor(private readonly schemas: SchemaRegistry) {}

  index(registry: ResourceRegistry): object {
    if (this.index_?.generation !== registry.generation) {
      const all = new Map<string, object>();
      for (const path of this.paths(registry)) {
        const doc = this.document(registry, path);
        if (doc) all.set(path, doc);
      }
      this.index_ = { generation: registry.generation, value: openApiV3Index(all) };
    }
    return this.index_.value;
  }

  /** The document for `api/v1` or `apis/<group>/<version>`, or undefined when nothing is served there. */
  document(registry: ResourceRegistry, path: string): object | undefined {
    const parts = path.split('/');
    const [group, version] = parts[0] === 'api' && parts.length === 2 ? ['', parts[1] ?? ''] : parts[0] === 'apis' && parts.length === 3 ? [parts[1] ?? '', parts[2] ?? ''] : [undefined, undefined];
    if (group === undefined) return undefined;
    const defs = registry.all().filter((d) => d.group === group && d.version === version);
    if (defs.length === 0) return undefined;
    // Documents depend only on their own resources: unchanged groups keep their cached document.
    const key = JSON.stringify(defs.map((d) => [d.resource, d.kind, d.crd ?? null]));
    const cached = this.docs.get(path);
    if (cached?.key === key) return cached.doc;
    const extra: Record<string, SchemaNode> = {};
    for (const d of defs) {
      if (!d.crd) continue;
      extra[d.definition] = customResourceSchema(d.group, d.version, d.kind, d.crd.schema);
      extra[`${d.definition}List`] = customResourceListSchema(d.group, d.version, d.kind);
    }
    const doc = buildGroupVersionDocument(group === '' ? version : `${group}/${version}`, defs.filter((d) => d.stored || d.verbs.includes('create')).map(toOpenApiResource), this.schemas, extra);
    this.docs.set(path, { key, doc });
    return doc;
  }

  private paths(registry: ResourceRegistry): string[] {
    return registry.groups().flatMap((g) => g.versions.map((v) => (g.group === '' ? `api/${v}` : `apis/${g.group}/${v}`)));
  }
}

function toOpenApiResource(d: ResourceDef): OpenApiResource {
  const subresources = d.crd
    ? [
        ...(d.crd.statusSubresource ? [{ name: 'status', kind: d.kind, group: d.group, version: d.version, verbs: ['get', 'patch', 'update'] }] : []),
        ...(d.crd.scale ? [{ name: 'scale', kind: 'Scale', group: 'autoscaling', version: 'v1', verbs: ['get', 'patch', 'update'] }] : []),
      ]
    : d.subresources.map((s) => ({ ...s, verbs: [...s.verbs] }));
  return { group: d.group, version: d.version, kind: d.kind, resource: d.resource, namespaced: d.namespaced, verbs: [...d.verbs], subresources, definition: d.definition };
}
