import { isObject } from '../../api/object.js';
import type { Decorator } from '../../storage/index.js';
import type { ResourceDef } from '../registry/types.js';

export function objectKey(def: ResourceDef, namespace: string, name: string): string {
  return def.namespaced ? `/registry/${def.storagePrefix}/${namespace}/${name}` : `/registry/${def.storagePrefix}/${name}`;
}

/** The prefix holding all objects of a resource, or those of one namespace. */
export function listPrefix(def: ResourceDef, namespace: string): string {
  return def.namespaced && namespace !== '' ? `/registry/${def.storagePrefix}/${namespace}/` : `/registry/${def.storagePrefix}/`;
}

/** Store decorator: the storage revision becomes metadata.resourceVersion. */
export const decorateResourceVersion: Decorator = (value, revision) => {
  const meta = value.metadata;
  if (isObject(meta)) meta.resourceVersion = String(revision);
  else value.metadata = { resourceVersion: String(revision) };
};
