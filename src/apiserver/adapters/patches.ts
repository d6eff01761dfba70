import type { KubeObject } from '../../api/object.js';
import { errors } from '../../api/status.js';
import { recordUpdate, serverSideApply } from '../apply/index.js';
import type { PatchApplier } from '../handlers/resource.js';
import { applyPatch } from '../patch/index.js';
import type { ResourceDef } from '../registry/types.js';
import type { SchemaRegistry } from '../schema/index.js';
import { kindSchemas } from './kind-schemas.js';
import { cloneJson } from '../../lib/json.js';

/** JSON, merge and strategic merge patches, server-side apply, and managedFields bookkeeping. */
export function createPatchApplier(schemas: SchemaRegistry): PatchApplier {
  const registryFor = kindSchemas(schemas);
  const endpoint = (def: ResourceDef, subresource: string, now: Date) => {
    const resolver = registryFor(def);
    return {
      schema: resolver.definition(def.definition),
      resolver,
      now,
      subresource,
      gvk: { group: def.group, version: def.version, kind: def.kind },
      statusSubresource: def.subresources.some((s) => s.name === 'status') || def.crd?.statusSubresource === true,
      builtin: def.crd === undefined,
    };
  };
  return {
    patch(def, current, patch) {
      if (patch.type === 'apply') throw errors.badRequest('apply patches are handled by server-side apply');
      const schema = def.crd ? undefined : schemas.definition(def.definition);
      const result = applyPatch(patch.type, current, patch.patch, schema ? { schema, resolver: schemas } : undefined);
      if (typeof result !== 'object' || result === null || Array.isArray(result)) {
        throw errors.invalid(def.group, def.kind, current.metadata?.name ?? '', [{ reason: 'FieldValueInvalid', message: 'the patch did not produce an object', field: '' }]);
      }
      // Patch results share untouched parts with `current`; the store defaults and mutates in place.
      return cloneJson(result) as KubeObject;
    },
    apply(def, live, applied, manager, force, target) {
      return serverSideApply({ ...endpoint(def, target.subresource, target.now), live, applied, manager, force, name: target.name, namespace: target.namespace });
    },
    recordUpdate(def, next, old, manager, subresource, now) {
      recordUpdate({ ...endpoint(def, subresource, now), live: old, next, manager });
    },
  };
}
