/**
 * Test support: an object that goes through applies and updates the way the API server would
 * store it, with the real generated schemas.
 */
import type { KubeObject } from '../../api/object.js';
import type { SchemaNode } from '../schema/types.js';
import type { SchemaRegistry } from '../schema/registry.js';
import { customResourceDefinitionName, customResourceSchema } from '../schema/crd-schema.js';
import { generatedSchemas } from '../schema/testing.js';
import type { Gvk } from './body.js';
import type { EndpointOptions } from './endpoint.js';
import { recordUpdate } from './record-update.js';
import { serverSideApply } from './server-side-apply.js';
import { fromFieldsV1 } from './fields-v1.js';
import { pathToString } from './path.js';

let registry: SchemaRegistry | undefined;

export function schemas(): SchemaRegistry {
  registry ??= generatedSchemas();
  return registry;
}

export interface KindSchema {
  readonly schema: SchemaNode | undefined;
  readonly resolver: SchemaRegistry;
  readonly gvk: Gvk;
  readonly builtin: boolean;
}

export function builtinKind(group: string, version: string, kind: string): KindSchema {
  const r = schemas();
  const name = r.definitionForKind(group, version, kind);
  const schema = name === undefined ? undefined : r.definition(name);
  if (schema === undefined) throw new Error(`no schema for ${group}/${version} ${kind}`);
  return { schema, resolver: r, gvk: { group, version, kind }, builtin: true };
}

/** A custom kind with the given structural schema (undefined: a CRD without one, all deduced). */
export function customKind(group: string, version: string, kind: string, openAPIV3Schema: SchemaNode | undefined): KindSchema {
  const gvk = { group, version, kind };
  if (openAPIV3Schema === undefined) return { schema: undefined, resolver: schemas(), gvk, builtin: false };
  const schema = customResourceSchema(group, version, kind, openAPIV3Schema);
  const resolver = schemas().withDefinitions({ [customResourceDefinitionName(group, version, kind)]: schema });
  return { schema, resolver, gvk, builtin: false };
}

let clock = Date.parse('2024-05-01T10:00:00Z');

/** Every write happens one second after the previous one. */
function tick(): Date {
  clock += 1000;
  return new Date(clock);
}

export interface WriteOptions {
  readonly subresource?: string;
  readonly force?: boolean;
}

/** One object of one kind, written by applies and updates in turn. */
export class Harness {
  live: KubeObject | undefined;
  lastTime = '';

  constructor(
    readonly kind: KindSchema,
    readonly options: Pick<EndpointOptions, 'statusSubresource'> = {},
  ) {}

  private endpoint(subresource: string | undefined): EndpointOptions {
    const now = tick();
    this.lastTime = `${now.toISOString().slice(0, 19)}Z`;
    return {
      schema: this.kind.schema,
      resolver: this.kind.resolver,
      now,
      gvk: this.kind.gvk,
      builtin: this.kind.builtin,
      ...(subresource === undefined ? {} : { subresource }),
      ...this.options,
    };
  }

  apply(manager: string, applied: unknown, options: WriteOptions = {}): KubeObject {
    const result = serverSideApply({
      ...this.endpoint(options.subresource),
      live: this.live,
      applied,
      manager,
      force: options.force ?? false,
    });
    this.store(result);
    return result;
  }

  /** A create (no live object yet), update or patch result `next` written by `manager`. */
  update(manager: string, next: KubeObject, options: WriteOptions = {}): KubeObject {
    const copy = structuredClone(next);
    recordUpdate({ ...this.endpoint(options.subresource), live: this.live, next: copy, manager });
    this.store(copy);
    return copy;
  }

  private store(obj: KubeObject): void {
    const stored = structuredClone(obj);
    stored.metadata ??= {};
    stored.metadata.uid ??= 'uid-1';
    this.live = stored;
  }

  /** `manager/Operation[/subresource]` → the paths it owns, as kube prints them. */
  owners(): Record<string, string[]> {
    const out: Record<string, string[]> = {};
    for (const e of this.live?.metadata?.managedFields ?? []) {
      const key = [e.manager ?? '', e.operation ?? '', ...(e.subresource === undefined ? [] : [e.subresource])].join('/');
      out[key] = fromFieldsV1(e.fieldsV1).paths().map(pathToString);
    }
    return out;
  }

  entry(manager: string, operation = 'Apply'): NonNullable<NonNullable<KubeObject['metadata']>['managedFields']>[number] | undefined {
    return this.live?.metadata?.managedFields?.find((e) => e.manager === manager && e.operation === operation);
  }

  /** The object without what the harness or the field manager added (managedFields, uid). */
  object(): KubeObject {
    const copy = structuredClone(this.live ?? {});
    if (copy.metadata !== undefined) {
      delete copy.metadata.managedFields;
      if (copy.metadata.uid === 'uid-1') delete copy.metadata.uid;
    }
    return copy;
  }
}
