import type { SchemaNode, SchemaResolver } from '../../schema/types.js';
import { hasOwn } from '../json-value.js';

/** A field's strategic-merge metadata (its `patchStrategy` and `patchMergeKey` struct tags). */
export interface PatchMeta {
  readonly strategies: readonly string[];
  readonly mergeKey: string;
}

const NO_META: PatchMeta = { strategies: [], mergeKey: '' };

function metaOf(field: SchemaNode): PatchMeta {
  const strategy = field['x-kubernetes-patch-strategy'];
  const mergeKey = field['x-kubernetes-patch-merge-key'] ?? '';
  if (strategy === undefined && mergeKey === '') return NO_META;
  return { strategies: strategy === undefined || strategy === '' ? [] : strategy.split(','), mergeKey };
}

/**
 * Where strategicpatch asks its LookupPatchMeta: the schema of the value being merged. A field the
 * schema does not know (or a free-form value) gets no metadata, and neither does anything below it,
 * so it merges like a JSON merge patch: maps recursively, lists replaced.
 */
export class PatchSchema {
  constructor(
    private readonly node: SchemaNode | undefined,
    private readonly resolver: SchemaResolver,
  ) {}

  private field(key: string): { field: SchemaNode; tagged: boolean } | undefined {
    if (!this.node) return undefined;
    const node = this.resolver.deref(this.node);
    const properties = node.properties;
    if (properties && hasOwn(properties, key)) {
      const field = properties[key];
      if (field) return { field, tagged: true };
    }
    const extra = node.additionalProperties;
    // Map values (labels, resource lists, …) are Go map elements: no struct tags.
    return typeof extra === 'object' ? { field: extra, tagged: false } : undefined;
  }

  /** For merging the map under `key`. */
  forMap(key: string): { schema: PatchSchema; meta: PatchMeta } {
    const found = this.field(key);
    if (!found) return { schema: new PatchSchema(undefined, this.resolver), meta: NO_META };
    return {
      schema: new PatchSchema(found.field, this.resolver),
      meta: found.tagged ? metaOf(found.field) : NO_META,
    };
  }

  /** For merging the list under `key`: the schema is its elements'. */
  forList(key: string): { schema: PatchSchema; meta: PatchMeta } {
    const found = this.field(key);
    if (!found) return { schema: new PatchSchema(undefined, this.resolver), meta: NO_META };
    const items = this.resolver.deref(found.field).items;
    return {
      schema: new PatchSchema(items, this.resolver),
      meta: found.tagged ? metaOf(found.field) : NO_META,
    };
  }

  /** The element type's name as Go's reflect Kind prints it, for error messages. */
  name(): string {
    if (!this.node) return 'interface';
    const node = this.resolver.deref(this.node);
    switch (node.type) {
      case 'object':
        return node.properties ? 'struct' : 'map';
      case 'array':
        return 'slice';
      case 'integer':
        return node.format === 'int32' ? 'int32' : 'int64';
      case 'number':
        return 'float64';
      case 'boolean':
        return 'bool';
      case 'string':
        return 'string';
      case undefined:
        return node.properties ? 'struct' : 'interface';
    }
  }
}
