import type { ResourceDef } from '../registry/types.js';
import { customResourceSchema, type SchemaRegistry } from '../schema/index.js';

/** The schema registry that knows a resource's kind: the built-in one, or it plus a custom resource's schema. */
export function kindSchemas(schemas: SchemaRegistry): (def: ResourceDef) => SchemaRegistry {
  const custom = new WeakMap<ResourceDef, SchemaRegistry>();
  return (def) => {
    if (!def.crd) return schemas;
    let reg = custom.get(def);
    if (!reg) {
      reg = schemas.withDefinitions({ [def.definition]: customResourceSchema(def.group, def.version, def.kind, def.crd.schema) });
      custom.set(def, reg);
    }
    return reg;
  };
}
