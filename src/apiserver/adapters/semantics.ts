import { prepareForCreate } from '../defaults/index.js';
import { applyDefaults } from '../defaults/index.js';
import { errors } from '../../api/status.js';
import type { ResourceDef } from '../registry/types.js';
import type { Semantics } from '../rest/strategy.js';
import { prune, unknownFields, type SchemaRegistry } from '../schema/index.js';
import { compileFieldSelector, compileLabelSelector, SelectorError } from '../selectors/index.js';
import { statusCauses, validateCreate, validateUpdate } from '../validation/index.js';
import { kindSchemas } from './kind-schemas.js';

function selectorError(e: unknown): never {
  if (e instanceof SelectorError) throw errors.badRequest(e.message);
  throw e;
}

const gvkOf = (def: ResourceDef): { group: string; version: string; kind: string } => ({ group: def.group, version: def.version, kind: def.kind });

/** Defaulting, validation, schema checks and selectors for the REST store, from their modules. */
export function createSemantics(schemas: SchemaRegistry): Semantics {
  const registryFor = kindSchemas(schemas);
  return {
    applyDefaults: (def, obj) => {
      if (!def.crd) applyDefaults(gvkOf(def), obj);
    },
    prepareForCreate: (def, obj, now) => {
      if (!def.crd) prepareForCreate(gvkOf(def), obj, { now });
    },
    validateCreate: (def, obj) => statusCauses(validateCreate(gvkOf(def), obj, { namespaced: def.namespaced })),
    validateUpdate: (def, obj, old) => statusCauses(validateUpdate(gvkOf(def), obj, old, { namespaced: def.namespaced })),
    unknownFields: (def, obj) => unknownFields(obj, def.definition, registryFor(def)),
    prune: (def, obj) => {
      const reg = registryFor(def);
      const schema = reg.definition(def.definition);
      if (!schema) return;
      const pruned = prune(obj, schema, reg, { resourceRoot: true });
      for (const key of Object.keys(obj)) if (!(key in pruned)) Reflect.deleteProperty(obj, key);
      Object.assign(obj, pruned);
    },
    labelSelector: (text) => {
      try {
        return compileLabelSelector(text);
      } catch (e) {
        return selectorError(e);
      }
    },
    fieldSelector: (def, text) => {
      try {
        return compileFieldSelector(def.group, def.resource, text);
      } catch (e) {
        return selectorError(e);
      }
    },
  };
}
