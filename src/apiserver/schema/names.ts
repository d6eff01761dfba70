/** Component names and `$ref` strings as kube-apiserver spells them in /openapi/v3. */

export const COMPONENTS_PREFIX = '#/components/schemas/';

export const META_V1 = 'io.k8s.apimachinery.pkg.apis.meta.v1';

/** Names of the shared definitions other modules refer to. */
export const wellKnown = {
  objectMeta: `${META_V1}.ObjectMeta`,
  listMeta: `${META_V1}.ListMeta`,
  status: `${META_V1}.Status`,
  deleteOptions: `${META_V1}.DeleteOptions`,
  watchEvent: `${META_V1}.WatchEvent`,
  patch: `${META_V1}.Patch`,
  apiResourceList: `${META_V1}.APIResourceList`,
  time: `${META_V1}.Time`,
  microTime: `${META_V1}.MicroTime`,
  fieldsV1: `${META_V1}.FieldsV1`,
  table: `${META_V1}.Table`,
  quantity: 'io.k8s.apimachinery.pkg.api.resource.Quantity',
  intOrString: 'io.k8s.apimachinery.pkg.util.intstr.IntOrString',
  rawExtension: 'io.k8s.apimachinery.pkg.runtime.RawExtension',
} as const;

export function componentRef(name: string): string {
  return COMPONENTS_PREFIX + name;
}

/** The component name a local `$ref` points at, or undefined for any other reference. */
export function refName(ref: string): string | undefined {
  return ref.startsWith(COMPONENTS_PREFIX) ? ref.slice(COMPONENTS_PREFIX.length) : undefined;
}

export interface GroupVersion {
  group: string;
  version: string;
}

/** `apps/v1` → {apps, v1}; `v1` → {'', v1} (the core group has no name). */
export function parseApiVersion(apiVersion: string): GroupVersion {
  const slash = apiVersion.indexOf('/');
  return slash < 0
    ? { group: '', version: apiVersion }
    : { group: apiVersion.slice(0, slash), version: apiVersion.slice(slash + 1) };
}

export function formatApiVersion(group: string, version: string): string {
  return group === '' ? version : `${group}/${version}`;
}
