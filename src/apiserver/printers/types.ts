/** The `meta.k8s.io/v1` Table wire types, as kube-apiserver serializes them. */

/** A JSON object as stored and served (no schema assumed). */
export type Json = Record<string, unknown>;

/** What a table cell may hold on the wire. */
export type Cell = string | number | boolean | null;

/** OpenAPI type of a column; clients use it to sort and align. */
export type ColumnType = 'string' | 'integer' | 'number' | 'boolean' | 'date';

export type TableColumnDefinition = {
  name: string;
  type: string;
  format: string;
  description: string;
  /** 0: always shown; 1 and above: shown by `kubectl get -o wide` only. */
  priority: number;
};

export type TableRowCondition = {
  type: string;
  status: string;
  reason?: string;
  message?: string;
};

export type TableRow = {
  cells: Cell[];
  conditions?: TableRowCondition[];
  /** PartialObjectMetadata (includeObject=Metadata), the object (Object), absent for None. */
  object?: Json;
};

export type ListMeta = {
  resourceVersion?: string;
  continue?: string;
  remainingItemCount?: number;
};

export type Table = {
  kind: 'Table';
  apiVersion: 'meta.k8s.io/v1';
  metadata: ListMeta;
  columnDefinitions: TableColumnDefinition[];
  rows: TableRow[];
};

export type IncludeObject = 'None' | 'Metadata' | 'Object';

export type PrintOptions = {
  /** The clock every age is computed against. */
  now: Date;
  /** Defaults to `Metadata`, as kube-apiserver does. */
  includeObject?: IncludeObject;
  /** `TableOptions.noHeaders`: leave the column definitions out (kube sends none). */
  noHeaders?: boolean;
  /**
   * The list's metadata. Without it the table is taken to stand for a single object (a watch
   * event), and carries that object's resourceVersion, as kube does.
   */
  listMeta?: ListMeta;
};

/** The cells of one row, and the row conditions kube attaches (Pods only). */
export type PrintedRow = {
  cells: Cell[];
  conditions?: TableRowCondition[];
};

/** Columns and row function of one kind, like a kube `TableHandler`. */
export type Printer = {
  columns: readonly TableColumnDefinition[];
  /** Cells for every column, wide ones included: the server always prints wide. */
  row(obj: Json, now: Date): PrintedRow;
};

export type GroupKind = { group: string; kind: string };

/** Printers of one API group, by kind. */
export type GroupPrinters = {
  group: string;
  kinds: Readonly<Record<string, Printer>>;
};

/** Raised when an object cannot be turned into a row (kube answers with an error too). */
export class TableConversionError extends Error {
  override readonly name = 'TableConversionError';
}
