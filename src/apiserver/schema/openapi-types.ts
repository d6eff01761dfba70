/** Shapes of the OpenAPI v3 documents kube-apiserver serves per group version. */
import type { SchemaNode } from './types.js';

export interface OpenApiResource {
  group: string;
  version: string;
  kind: string;
  resource: string;
  namespaced: boolean;
  /** get list watch create update patch delete deletecollection */
  verbs: string[];
  subresources: { name: string; kind: string; group: string; version: string; verbs: string[] }[];
  /** Component schema name of the kind. */
  definition: string;
}

export interface OpenApiParameter {
  name: string;
  in: 'query' | 'path';
  description: string;
  required?: boolean;
  schema: SchemaNode;
}

export type Content = Record<string, { schema: SchemaNode }>;

export interface OpenApiOperation {
  description: string;
  operationId: string;
  tags: string[];
  parameters?: OpenApiParameter[];
  requestBody?: { content: Content; required?: boolean };
  responses: Record<string, { description: string; content?: Content }>;
  /** Absent only on the group version's discovery operation, which is about no kind. */
  'x-kubernetes-action'?: string;
  'x-kubernetes-group-version-kind'?: { group: string; kind: string; version: string };
}

export interface OpenApiPathItem {
  parameters?: OpenApiParameter[];
  get?: OpenApiOperation;
  put?: OpenApiOperation;
  post?: OpenApiOperation;
  delete?: OpenApiOperation;
  patch?: OpenApiOperation;
}

export interface OpenApiDocument {
  openapi: '3.0.0';
  info: { title: string; version: string };
  paths: Record<string, OpenApiPathItem>;
  components: {
    schemas: Record<string, SchemaNode>;
    securitySchemes: Record<string, { type: 'apiKey'; name: string; in: 'header'; description: string }>;
  };
}

export class OpenApiBuildError extends Error {
  override readonly name = 'OpenApiBuildError';
}

