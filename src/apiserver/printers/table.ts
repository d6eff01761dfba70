/** Assembling `meta.k8s.io/v1` Tables: metadata, rows and the object each row carries. */
import { column, nameColumn } from './columns.js';
import { doc } from './descriptions.js';
import { formatRfc3339Utc } from './duration.js';
import { isObject, metadata, name, optStr } from './json.js';
import { printerFor } from './registry.js';
import type {
  GroupKind, Json, ListMeta, PrintOptions, PrintedRow, Printer, Table, TableColumnDefinition, TableRow,
} from './types.js';

/** The object a row carries for `includeObject`. */
function rowObject(o: Json, includeObject: PrintOptions['includeObject']): Json | undefined {
  switch (includeObject ?? 'Metadata') {
    case 'None':
      return undefined;
    case 'Object':
      return o;
    case 'Metadata':
      return { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: metadata(o) };
  }
}

function tableMetadata(objects: readonly Json[], options: PrintOptions): ListMeta {
  const out: ListMeta = {};
  const src = options.listMeta;
  if (src !== undefined) {
    if (src.resourceVersion !== undefined && src.resourceVersion !== '') out.resourceVersion = src.resourceVersion;
    if (src.continue !== undefined && src.continue !== '') out.continue = src.continue;
    if (src.remainingItemCount !== undefined) out.remainingItemCount = src.remainingItemCount;
    return out;
  }
  // A single object (a watch event) lends the table its resourceVersion.
  const only = objects.length === 1 ? objects[0] : undefined;
  const rv = only === undefined ? undefined : optStr(metadata(only)['resourceVersion']);
  if (rv !== undefined && rv !== '') out.resourceVersion = rv;
  return out;
}

/** Builds a Table from column definitions and a row function. */
export function buildTable(
  columns: readonly TableColumnDefinition[],
  objects: readonly Json[],
  options: PrintOptions,
  row: (o: Json) => PrintedRow,
): Table {
  const rows: TableRow[] = objects.map((raw) => {
    const o = isObject(raw) ? raw : {};
    const printed = row(o);
    const out: TableRow = { cells: printed.cells };
    if (printed.conditions !== undefined && printed.conditions.length > 0) {
      out.conditions = printed.conditions.map((c) => ({ ...c }));
    }
    const included = rowObject(o, options.includeObject);
    if (included !== undefined) out.object = included;
    return out;
  });
  return {
    kind: 'Table',
    apiVersion: 'meta.k8s.io/v1',
    metadata: tableMetadata(objects, options),
    columnDefinitions: options.noHeaders === true ? [] : columns.map((c) => ({ ...c })),
    rows,
  };
}

/** What kube-apiserver serves for a kind without a table convertor of its own. */
export const defaultPrinter: Printer = {
  columns: [nameColumn, column('Created At', 'date', doc.objectMetaCreationTimestamp)],
  row(o) {
    return { cells: [name(o), formatRfc3339Utc(metadata(o)['creationTimestamp'])] };
  },
};

/**
 * The Table kube-apiserver returns for objects of a built-in kind (`Accept: ...;as=Table`). Kinds
 * without a printer get the default table: Name and Created At.
 *
 * @throws TableConversionError when an object cannot be printed (kube fails the request too).
 */
export function printTable(gk: GroupKind, objects: readonly Json[], options: PrintOptions): Table {
  const printer = printerFor(gk) ?? defaultPrinter;
  return buildTable(printer.columns, objects, options, (o) => printer.row(o, options.now));
}
