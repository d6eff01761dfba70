/**
 * The declaration files the schemas are generated from, and the package prefix kube-apiserver gives
 * their types (`io.k8s.api.core.v1.Pod`). Only used at build time by scripts/gen-schemas.ts.
 */

export interface SchemaSource {
  /** Module specifier: a `kubernetes-types/…` path, or a file of this folder (`./extra-meta.ts`). */
  module: string;
  /** Prefix of the component names of the types the module declares. */
  pkg: string;
  /** Set for API group versions: DeleteOptions and WatchEvent carry a GVK for each of them. */
  groupVersion?: { group: string; version: string };
}

const api = (path: string, group: string, version = 'v1'): SchemaSource => ({
  module: `kubernetes-types/${path}/${version}`,
  pkg: `io.k8s.api.${path}.${version}`,
  groupVersion: { group, version },
});

export const META_PKG = 'io.k8s.apimachinery.pkg.apis.meta.v1';
export const APIEXTENSIONS_PKG = 'io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1';
const AUTHORIZATION_PKG = 'io.k8s.api.authorization.v1';

export const schemaSources: readonly SchemaSource[] = [
  api('core', ''),
  api('apps', 'apps'),
  api('autoscaling', 'autoscaling'),
  api('batch', 'batch'),
  api('networking', 'networking.k8s.io'),
  api('discovery', 'discovery.k8s.io'),
  api('events', 'events.k8s.io'),
  api('policy', 'policy'),
  api('scheduling', 'scheduling.k8s.io'),
  api('storage', 'storage.k8s.io'),
  api('node', 'node.k8s.io'),
  api('coordination', 'coordination.k8s.io'),
  api('rbac', 'rbac.authorization.k8s.io'),
  api('authentication', 'authentication.k8s.io'),
  api('authorization', 'authorization.k8s.io'),
  {
    module: 'kubernetes-types/apiextensions/v1',
    pkg: APIEXTENSIONS_PKG,
    groupVersion: { group: 'apiextensions.k8s.io', version: 'v1' },
  },
  { module: 'kubernetes-types/meta/v1', pkg: META_PKG },
  { module: 'kubernetes-types/runtime', pkg: 'io.k8s.apimachinery.pkg.runtime' },
  { module: 'kubernetes-types/api/resource', pkg: 'io.k8s.apimachinery.pkg.api.resource' },
  { module: 'kubernetes-types/version', pkg: 'io.k8s.apimachinery.pkg.version' },
  // Types kube-apiserver publishes that kubernetes-types leaves out.
  { module: './extra-meta.ts', pkg: META_PKG },
  { module: './extra-apiextensions.ts', pkg: APIEXTENSIONS_PKG },
  { module: './extra-authorization.ts', pkg: AUTHORIZATION_PKG },
];

/**
 * Helper declarations whose properties belong to another definition, for fields kubernetes-types
 * drops: the dash-named `x-kubernetes-*` fields of JSONSchemaProps, and two fields of ResourceRule.
 */
export const mergedDefinitions: Readonly<Record<string, string>> = {
  [`${APIEXTENSIONS_PKG}.JSONSchemaPropsKubernetesExtensions`]: `${APIEXTENSIONS_PKG}.JSONSchemaProps`,
  [`${AUTHORIZATION_PKG}.ResourceRuleMissingFields`]: `${AUTHORIZATION_PKG}.ResourceRule`,
};
