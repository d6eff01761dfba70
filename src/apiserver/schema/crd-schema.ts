/** The component schemas kube-apiserver publishes for a CustomResourceDefinition version. */
import { componentRef, formatApiVersion, wellKnown } from './names.js';
import type { SchemaNode } from './types.js';

const API_VERSION: SchemaNode = {
  description:
    'APIVersion names the group and version of this representation of the object, such as example.com/v1. The server converts recognized versions and may reject others.',
  type: 'string',
};
const KIND: SchemaNode = {
  description: 'Kind names the type of object this document represents, in CamelCase. The server may infer it from the endpoint the client sends to. Cannot be updated.',
  type: 'string',
};

function objectMetaField(description: string): SchemaNode {
  return { allOf: [{ $ref: componentRef(wellKnown.objectMeta) }], description };
}

/**
 * Component name of a custom kind: the group reversed, then version and kind, as kube-apiserver
 * names it (`stable.example.com`, v1, CronTab → `com.example.stable.v1.CronTab`).
 */
export function customResourceDefinitionName(group: string, version: string, kind: string): string {
  return [...group.split('.').reverse(), version, kind].join('.');
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * kube-apiserver declares apiVersion, kind and metadata on every embedded resource; `metadata`
 * becomes ObjectMeta whatever the user wrote there.
 */
function withResourceFields(node: SchemaNode, metadataDescription: string): SchemaNode {
  return {
    ...node,
    type: node.type ?? 'object',
    properties: {
      ...node.properties,
      apiVersion: { ...API_VERSION },
      kind: { ...KIND },
      metadata: objectMetaField(metadataDescription),
    },
  };
}

function visitEmbedded(node: SchemaNode): SchemaNode {
  const out: SchemaNode = { ...node };
  if (node.properties !== undefined) {
    out.properties = Object.fromEntries(Object.entries(node.properties).map(([k, v]) => [k, visitEmbedded(v)]));
  }
  if (node.items !== undefined) out.items = visitEmbedded(node.items);
  if (isObject(node.additionalProperties)) out.additionalProperties = visitEmbedded(node.additionalProperties);
  for (const key of ['allOf', 'anyOf', 'oneOf'] as const) {
    const list = node[key];
    if (list !== undefined) out[key] = list.map(visitEmbedded);
  }
  if (node.not !== undefined) out.not = visitEmbedded(node.not);
  return out['x-kubernetes-embedded-resource'] === true
    ? withResourceFields(out, 'Metadata of the embedded object.')
    : out;
}

/**
 * The schema kube-apiserver publishes in /openapi/v3 for one version of a custom resource: the
 * CRD's structural `openAPIV3Schema` with apiVersion, kind and metadata (a reference to ObjectMeta)
 * declared at the root and in every `x-kubernetes-embedded-resource`, and the
 * `x-kubernetes-group-version-kind` that lets kubectl find it. Without a schema (a CRD that
 * preserves unknown fields) the object admits any field. The input is not modified.
 */
export function customResourceSchema(
  group: string,
  version: string,
  kind: string,
  openAPIV3Schema: SchemaNode | undefined,
): SchemaNode {
  const base: SchemaNode =
    openAPIV3Schema === undefined
      ? { type: 'object', 'x-kubernetes-preserve-unknown-fields': true }
      : visitEmbedded(structuredClone(openAPIV3Schema));
  const root = withResourceFields(
    base,
    "Standard object's metadata: name, namespace, labels, annotations and the fields the server maintains.",
  );
  root['x-kubernetes-group-version-kind'] = [{ group, kind, version }];
  return root;
}

/** The `<Kind>List` schema published next to a custom kind (see customResourceDefinitionName). */
export function customResourceListSchema(group: string, version: string, kind: string): SchemaNode {
  return {
    description: `${kind}List is a list of ${kind} objects of ${formatApiVersion(group, version)}.`,
    type: 'object',
    required: ['items'],
    properties: {
      apiVersion: { ...API_VERSION },
      items: {
        description: `List of ${kind.toLowerCase()} objects.`,
        type: 'array',
        items: { $ref: componentRef(customResourceDefinitionName(group, version, kind)) },
      },
      kind: { ...KIND },
      metadata: { allOf: [{ $ref: componentRef(wellKnown.listMeta) }], description: 'Standard list metadata.' },
    },
    'x-kubernetes-group-version-kind': [{ group, kind: `${kind}List`, version }],
  };
}
