/**
 * meta.k8s.io/v1 types the API server sends (Table for `kubectl get`, PartialObjectMetadata for
 * metadata-only requests) that kubernetes-types does not declare. Read by scripts/gen-schemas.ts;
 * the doc comments become the schema descriptions.
 */
import type { ListMeta, ObjectMeta } from 'kubernetes-types/meta/v1.js';
import type { RawExtension } from 'kubernetes-types/runtime.js';

/** Table presents a list of API objects as rows of cells under named columns, the way `kubectl get` prints them. */
export interface Table {
  /** APIVersion of this representation: meta.k8s.io/v1. */
  apiVersion?: 'meta.k8s.io/v1';
  /** Kind of this representation: Table. */
  kind?: 'Table';
  /** List metadata: the resourceVersion the rows were read at and the continue token, if any. */
  metadata?: ListMeta;
  /** columnDefinitions names and types the columns; every row has one cell per column. */
  columnDefinitions: TableColumnDefinition[];
  /** rows holds one entry per listed object. */
  rows: TableRow[];
}

/** TableColumnDefinition describes one column of a Table. */
export interface TableColumnDefinition {
  /** name is the column header shown to people. */
  name: string;
  /** type is the OpenAPI type of the cells of this column: string, integer, number, boolean. */
  type: string;
  /** format refines type; the column of object names has format "name". */
  format: string;
  /** description says what the column shows. */
  description: string;
  /** priority orders columns by importance: 0 is always shown, higher values only in wide output. */
  priority: number;
}

/** TableRow is one object of a Table. */
export interface TableRow {
  /** cells holds one value per column, in column order. A cell may be any JSON value. */
  cells: unknown[];
  /** conditions describe the row, for example that the object it shows is complete. */
  conditions?: TableRowCondition[];
  /** object is the listed object, or its PartialObjectMetadata, as the request's includeObject asked. */
  object?: RawExtension;
}

/** TableRowCondition states one condition of a TableRow. */
export interface TableRowCondition {
  /** type of the condition, such as Completed. */
  type: string;
  /** status of the condition: True, False or Unknown. */
  status: string;
  /** reason is a CamelCase word explaining the last status change. */
  reason?: string;
  /** message explains the last status change to people. */
  message?: string;
}

/** PartialObjectMetadata is an API object reduced to its type and metadata. */
export interface PartialObjectMetadata {
  /** APIVersion of this representation: meta.k8s.io/v1. */
  apiVersion?: 'meta.k8s.io/v1';
  /** Kind of this representation: PartialObjectMetadata. */
  kind?: 'PartialObjectMetadata';
  /** Metadata of the object. */
  metadata?: ObjectMeta;
}

/** PartialObjectMetadataList is a list of objects reduced to their metadata. */
export interface PartialObjectMetadataList {
  /** APIVersion of this representation: meta.k8s.io/v1. */
  apiVersion?: 'meta.k8s.io/v1';
  /** Kind of this representation: PartialObjectMetadataList. */
  kind?: 'PartialObjectMetadataList';
  /** List metadata: resourceVersion and continue token. */
  metadata?: ListMeta;
  /** items are the objects' metadata. */
  items: PartialObjectMetadata[];
}
