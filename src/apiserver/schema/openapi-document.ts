/**
 * The OpenAPI 3.0 document kube-apiserver serves for one group version at /openapi/v3/api/v1 or
 * /openapi/v3/apis/<group>/<version>: an operation per verb of each resource, tagged with
 * `x-kubernetes-action` and `x-kubernetes-group-version-kind`, and the component schemas they
 * reference. kubectl reads it for `explain` and, for `apply`/`create` validation, looks for the
 * kind's `patch` operation carrying a `fieldValidation` query parameter.
 */
import { refName, wellKnown } from './names.js';
import {
  LIST_MEDIA,
  PATCH_MEDIA,
  STREAM_MEDIA,
  capitalize,
  connectSubresources,
  deleteParameters,
  groupId,
  listParameters,
  operation,
  params,
  parseGroupVersion,
  pathParameter,
  refSchema,
  writeParameters,
} from './openapi-operations.js';
import type { OperationSpec } from './openapi-operations.js';
import { OpenApiBuildError } from './openapi-types.js';
import type { OpenApiDocument, OpenApiParameter, OpenApiPathItem, OpenApiResource } from './openapi-types.js';
import type { SchemaRegistry } from './registry.js';
import type { SchemaNode } from './types.js';
import { childSchemas } from './walk.js';

function listDefinition(resource: OpenApiResource, lookup: (name: string) => SchemaNode | undefined, registry: SchemaRegistry): string {
  const byKind = registry.definitionForKind(resource.group, resource.version, `${resource.kind}List`);
  if (byKind !== undefined) return byKind;
  const byName = `${resource.definition}List`;
  if (lookup(byName) !== undefined) return byName;
  throw new OpenApiBuildError(`no list schema for ${resource.kind} (looked for ${byName})`);
}

type Lookup = ((name: string) => SchemaNode | undefined) & { custom: (name: string) => boolean };

class DocumentBuilder {
  readonly paths: Record<string, OpenApiPathItem> = {};

  constructor(
    private readonly idGroup: string,
    private readonly idVersion: string,
    readonly tag: string,
  ) {}

  pathItem(path: string, parameters: OpenApiParameter[]): OpenApiPathItem {
    let item = this.paths[path];
    if (item === undefined) {
      item = parameters.length > 0 ? { parameters } : {};
      this.paths[path] = item;
    }
    return item;
  }

  add(path: string, method: keyof Omit<OpenApiPathItem, 'parameters'>, pathParameters: OpenApiParameter[], spec: OperationSpec, idSuffix: string): void {
    const operationId = `${spec.idPrefix}${this.idGroup}${this.idVersion}${idSuffix}`;
    this.pathItem(path, pathParameters)[method] = operation(spec, operationId, this.tag);
  }
}

/**
 * Builds the document. `registry` supplies the built-in schemas; `extraSchemas` the custom resource
 * schemas of this group version (customResourceSchema / customResourceListSchema), which win on a
 * name clash. `components.schemas` holds exactly the definitions the paths reach.
 */
export function buildGroupVersionDocument(
  groupVersion: string,
  resources: readonly OpenApiResource[],
  registry: SchemaRegistry,
  extraSchemas: Readonly<Record<string, SchemaNode>> = {},
): OpenApiDocument {
  const { group, version } = parseGroupVersion(groupVersion);
  const custom = (name: string): boolean => Object.prototype.hasOwnProperty.call(extraSchemas, name);
  const lookup = Object.assign((name: string): SchemaNode | undefined => (custom(name) ? extraSchemas[name] : registry.definition(name)), { custom });
  const lookupKind = (g: string, v: string, kind: string): string | undefined => {
    for (const [name, schema] of Object.entries(extraSchemas)) {
      if (schema['x-kubernetes-group-version-kind']?.some((x) => x.group === g && x.version === v && x.kind === kind) === true) return name;
    }
    return registry.definitionForKind(g, v, kind);
  };
  const id = groupId(group);
  const builder = new DocumentBuilder(id, capitalize(version), `${id[0]?.toLowerCase() ?? ''}${id.slice(1)}_${version}`);
  const prefix = group === '' ? `/api/${version}` : `/apis/${group}/${version}`;

  builder.add(`${prefix}/`, 'get', [], {
    verb: 'get',
    idPrefix: 'get',
    description: 'get available resources',
    response: refSchema(wellKnown.apiResourceList),
    parameters: [],
    codes: ['200'],
  }, 'APIResources');

  for (const resource of resources) {
    if (lookup(resource.definition) === undefined) {
      throw new OpenApiBuildError(`no schema ${resource.definition} for ${resource.resource}`);
    }
    addResource(builder, prefix, resource, lookup, lookupKind, registry);
  }

  return {
    openapi: '3.0.0',
    info: { title: 'Kubernetes', version: 'unversioned' },
    paths: builder.paths,
    components: {
      schemas: closure(builder.paths, lookup),
      securitySchemes: {
        BearerToken: { type: 'apiKey', name: 'authorization', in: 'header', description: 'Bearer Token authentication' },
      },
    },
  };
}

function addResource(
  builder: DocumentBuilder,
  prefix: string,
  resource: OpenApiResource,
  lookup: Lookup,
  lookupKind: (group: string, version: string, kind: string) => string | undefined,
  registry: SchemaRegistry,
): void {
  const verbs = new Set(resource.verbs);
  const kind = resource.kind;
  const gvk = { group: resource.group, kind, version: resource.version };
  const object = refSchema(resource.definition);
  const scoped = resource.namespaced ? 'Namespaced' : '';
  const ns = resource.namespaced ? '/namespaces/{namespace}' : '';
  const namespaceParam = resource.namespaced ? [pathParameter('namespace', 'object name and auth scope, such as for teams and projects')] : [];
  const nameParam = pathParameter('name', `name of the ${kind}`);
  const collection = `${prefix}${ns}/${resource.resource}`;
  const item = `${collection}/{name}`;
  const collectionParams = [...namespaceParam, params.pretty];
  const itemParams = [nameParam, ...namespaceParam, params.pretty];
  const list = verbs.has('list') || verbs.has('watch') ? refSchema(listDefinition(resource, lookup, registry)) : undefined;

  if (list !== undefined && verbs.has('list')) {
    builder.add(collection, 'get', collectionParams, {
      verb: 'list', idPrefix: 'list', description: `list or watch objects of kind ${kind}`, gvk,
      response: list, responseMedia: LIST_MEDIA, parameters: listParameters, codes: ['200'],
    }, `${scoped}${kind}`);
    if (resource.namespaced) {
      builder.add(`${prefix}/${resource.resource}`, 'get', [params.pretty], {
        verb: 'list', idPrefix: 'list', description: `list or watch objects of kind ${kind}`, gvk,
        response: list, responseMedia: LIST_MEDIA, parameters: listParameters, codes: ['200'],
      }, `${kind}ForAllNamespaces`);
    }
  }
  if (verbs.has('create')) {
    builder.add(collection, 'post', collectionParams, {
      verb: 'create', idPrefix: 'create', description: `create a ${kind}`, gvk,
      body: object, response: object, parameters: writeParameters, codes: ['200', '201', '202'],
    }, `${scoped}${kind}`);
  }
  if (verbs.has('deletecollection')) {
    builder.add(collection, 'delete', collectionParams, {
      verb: 'deletecollection', idPrefix: 'delete', description: `delete collection of ${kind}`, gvk,
      body: refSchema(wellKnown.deleteOptions), response: refSchema(wellKnown.status),
      parameters: [...listParameters, ...deleteParameters], codes: ['200'],
    }, `Collection${scoped}${kind}`);
  }
  if (verbs.has('get')) {
    builder.add(item, 'get', itemParams, {
      verb: 'get', idPrefix: 'read', description: `read the specified ${kind}`, gvk,
      response: object, parameters: [], codes: ['200'],
    }, `${scoped}${kind}`);
  }
  if (verbs.has('update')) {
    builder.add(item, 'put', itemParams, {
      verb: 'update', idPrefix: 'replace', description: `replace the specified ${kind}`, gvk,
      body: object, response: object, parameters: writeParameters, codes: ['200', '201'],
    }, `${scoped}${kind}`);
  }
  if (verbs.has('patch')) {
    builder.add(item, 'patch', itemParams, {
      verb: 'patch', idPrefix: 'patch', description: `partially update the specified ${kind}`, gvk,
      body: refSchema(wellKnown.patch), bodyMedia: patchMedia(resource, lookup.custom), response: object,
      parameters: [...writeParameters, params.force], codes: ['200', '201'],
    }, `${scoped}${kind}`);
  }
  if (verbs.has('delete')) {
    builder.add(item, 'delete', itemParams, {
      verb: 'delete', idPrefix: 'delete', description: `delete a ${kind}`, gvk,
      body: refSchema(wellKnown.deleteOptions), response: refSchema(wellKnown.status),
      parameters: deleteParameters, codes: ['200', '202'],
    }, `${scoped}${kind}`);
  }
  if (list !== undefined && verbs.has('watch')) {
    const event = refSchema(wellKnown.watchEvent);
    const watchMedia = ['application/json', 'application/yaml', 'application/vnd.kubernetes.protobuf', 'application/json;stream=watch', 'application/vnd.kubernetes.protobuf;stream=watch'];
    const watch = (verb: 'watch' | 'watchlist', description: string): OperationSpec => ({
      verb, idPrefix: 'watch', description, gvk, response: event, responseMedia: watchMedia, parameters: [], codes: ['200'],
    });
    const watchPrefix = `${prefix}/watch${ns}/${resource.resource}`;
    builder.add(watchPrefix, 'get', [...namespaceParam, params.pretty, ...listParameters],
      watch('watchlist', `watch individual changes to a list of ${kind}. deprecated: use the 'watch' parameter with a list operation instead.`),
      `${scoped}${kind}List`);
    builder.add(`${watchPrefix}/{name}`, 'get', [nameParam, ...namespaceParam, params.pretty, ...listParameters],
      watch('watch', `watch changes to an object of kind ${kind}. deprecated: use the 'watch' parameter with a list operation instead, filtered to a single item with the 'fieldSelector' parameter.`),
      `${scoped}${kind}`);
    if (resource.namespaced) {
      builder.add(`${prefix}/watch/${resource.resource}`, 'get', [params.pretty, ...listParameters],
        watch('watchlist', `watch individual changes to a list of ${kind}. deprecated: use the 'watch' parameter with a list operation instead.`),
        `${kind}ListForAllNamespaces`);
    }
  }

  for (const sub of resource.subresources) addSubresource(builder, item, itemParams, resource, sub, lookup, lookupKind);
}

/** Custom resources (schemas passed as extras) take no strategic merge patch, as in kube-apiserver. */
function patchMedia(resource: OpenApiResource, custom: (name: string) => boolean): readonly string[] {
  return custom(resource.definition) ? PATCH_MEDIA.filter((m) => m !== 'application/strategic-merge-patch+json') : PATCH_MEDIA;
}

function addSubresource(
  builder: DocumentBuilder,
  item: string,
  itemParams: OpenApiParameter[],
  resource: OpenApiResource,
  sub: OpenApiResource['subresources'][number],
  lookup: Lookup,
  lookupKind: (group: string, version: string, kind: string) => string | undefined,
): void {
  const path = `${item}/${sub.name}`;
  const scoped = resource.namespaced ? 'Namespaced' : '';
  const subName = sub.name.split(/[^a-zA-Z0-9]/).map(capitalize).join('');
  const suffix = `${scoped}${resource.kind}${subName}`;
  const gvk = { group: sub.group, kind: sub.kind, version: sub.version };
  const verbs = new Set(sub.verbs);
  const what = `${sub.name} of the specified ${resource.kind}`;
  const text: SchemaNode = { type: 'string' };

  if (sub.name === 'log') {
    if (verbs.has('get')) {
      builder.add(path, 'get', itemParams, {
        verb: 'get', idPrefix: 'read', description: `read ${what}`, gvk, response: text, responseMedia: STREAM_MEDIA, parameters: [], codes: ['200'],
      }, suffix);
    }
    return;
  }
  if (connectSubresources.has(sub.name)) {
    // exec, attach, portforward, proxy: a stream upgrade rather than an object exchange.
    const methods = [['get', 'get', 'Get'], ['create', 'post', 'Post'], ['update', 'put', 'Put'], ['patch', 'patch', 'Patch'], ['delete', 'delete', 'Delete']] as const;
    for (const [verb, method, idMethod] of methods) {
      if (!verbs.has(verb)) continue;
      builder.add(path, method, itemParams, {
        verb: 'connect', idPrefix: 'connect', description: `connect ${method.toUpperCase()} requests to ${what}`,
        gvk, response: text, responseMedia: STREAM_MEDIA, parameters: [], codes: ['200'],
      }, `${idMethod}${suffix}`);
    }
    return;
  }

  const definition = lookupKind(sub.group, sub.version, sub.kind) ?? (sub.kind === resource.kind ? resource.definition : undefined);
  if (definition === undefined) throw new OpenApiBuildError(`no schema for ${sub.kind} of ${resource.resource}/${sub.name}`);
  const object = refSchema(definition);
  if (verbs.has('get')) {
    builder.add(path, 'get', itemParams, {
      verb: 'get', idPrefix: 'read', description: `read ${what}`, gvk, response: object, parameters: [], codes: ['200'],
    }, suffix);
  }
  if (verbs.has('create')) {
    builder.add(path, 'post', itemParams, {
      verb: 'create', idPrefix: 'create', description: `create ${what}`, gvk, body: object, response: object,
      parameters: writeParameters, codes: ['200', '201', '202'],
    }, suffix);
  }
  if (verbs.has('update')) {
    builder.add(path, 'put', itemParams, {
      verb: 'update', idPrefix: 'replace', description: `replace ${what}`, gvk, body: object, response: object,
      parameters: writeParameters, codes: ['200', '201'],
    }, suffix);
  }
  if (verbs.has('patch')) {
    builder.add(path, 'patch', itemParams, {
      verb: 'patch', idPrefix: 'patch', description: `partially update ${what}`, gvk,
      body: refSchema(wellKnown.patch), bodyMedia: patchMedia(resource, lookup.custom), response: object,
      parameters: [...writeParameters, params.force], codes: ['200', '201'],
    }, suffix);
  }
}

/** Every component the paths reach, following references through the schemas. */
function closure(paths: Record<string, OpenApiPathItem>, lookup: (name: string) => SchemaNode | undefined): Record<string, SchemaNode> {
  const found = new Map<string, SchemaNode>();
  const pending: SchemaNode[] = [];
  const visit = (node: SchemaNode): void => {
    pending.push(node);
    while (pending.length > 0) {
      const current = pending.pop();
      if (current === undefined) break;
      const name = current.$ref === undefined ? undefined : refName(current.$ref);
      if (name !== undefined && !found.has(name)) {
        const target = lookup(name);
        if (target === undefined) throw new OpenApiBuildError(`schema ${name} is referenced but not known`);
        found.set(name, target);
        pending.push(target);
      }
      pending.push(...childSchemas(current));
    }
  };
  for (const item of Object.values(paths)) {
    for (const method of ['get', 'put', 'post', 'delete', 'patch'] as const) {
      const op = item[method];
      if (op === undefined) continue;
      for (const media of Object.values(op.requestBody?.content ?? {})) visit(media.schema);
      for (const response of Object.values(op.responses)) {
        for (const media of Object.values(response.content ?? {})) visit(media.schema);
      }
    }
  }
  return Object.fromEntries([...found.keys()].sort().map((name) => [name, found.get(name) as SchemaNode]));
}
