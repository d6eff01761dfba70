/** OpenAPI v3 schemas of the served kinds: lookup, documents, validation and pruning. */
export type { SchemaNode, SchemaResolver } from './types.js';
export { loadSchemas, createSchemaRegistry, SchemasNotGeneratedError } from './registry.js';
export type { SchemaRegistry } from './registry.js';
export { COMPONENTS_PREFIX, componentRef, refName, wellKnown } from './names.js';
export { buildGroupVersionDocument } from './openapi-document.js';
export { OpenApiBuildError } from './openapi-types.js';
export type {
  OpenApiDocument,
  OpenApiOperation,
  OpenApiParameter,
  OpenApiPathItem,
  OpenApiResource,
} from './openapi-types.js';
export { documentHash, openApiV3Index } from './openapi-index.js';
export type { OpenApiV3Index } from './openapi-index.js';
export { customResourceDefinitionName, customResourceListSchema, customResourceSchema } from './crd-schema.js';
export { typeErrors, unknownFields } from './validate.js';
export type { FieldTypeError } from './validate.js';
export { prune } from './prune.js';
export type { PruneOptions } from './prune.js';
export { UnknownDefinitionError } from './walk.js';
