/**
 * Tables of custom resources, from the CRD version's `additionalPrinterColumns` (kube's
 * apiextensions `tableconvertor`). Name always comes first; a version without printer columns gets
 * a single `Age` column.
 */
import { nameColumn } from './columns.js';
import { doc } from './descriptions.js';
import { humanDuration, isRfc3339, parseTimestamp } from './duration.js';
import { jsonPathText } from './gotext.js';
import { findResults, parseJsonPath, type JsonPath } from './jsonpath.js';
import { name } from './json.js';
import { buildTable } from './table.js';
import type { Cell, Json, PrintOptions, Table, TableColumnDefinition } from './types.js';

/** A CRD version's `additionalPrinterColumns` entry. */
export type AdditionalPrinterColumn = {
  name: string;
  /** OpenAPI type: string, integer, number, boolean or date. */
  type: string;
  format?: string;
  description?: string;
  priority?: number;
  /** A simple JSONPath evaluated against each object, e.g. `.status.replicas`. */
  jsonPath: string;
};

const defaultColumns: readonly AdditionalPrinterColumn[] = [
  { name: 'Age', type: 'date', description: doc.objectMetaCreationTimestamp, jsonPath: '.metadata.creationTimestamp' },
];

/** `cellForJSONValue` (non-string columns): a typed cell, or null when the value is not of the column's type. */
function typedCell(type: string, value: unknown, now: Date): Cell {
  if (value === null || value === undefined) return null;
  switch (type) {
    case 'integer':
      return typeof value === 'number' && Number.isFinite(value) ? Math.trunc(value) : null;
    case 'number':
      return typeof value === 'number' ? value : null;
    case 'boolean':
      return typeof value === 'boolean' ? value : null;
    case 'date': {
      if (typeof value !== 'string') return null;
      if (value === '' || value === 'null') return '<unknown>';
      if (!isRfc3339(value)) return '<invalid>';
      const ms = parseTimestamp(value);
      return ms === undefined ? '<unknown>' : humanDuration(now.getTime() - ms);
    }
    default:
      return null;
  }
}

function cell(column: AdditionalPrinterColumn, path: JsonPath, o: Json, now: Date): Cell {
  let results: unknown[];
  try {
    results = findResults(path, o);
  } catch {
    return null;
  }
  if (results.length === 0) return null;
  // Only the first match is shown: kube supports simple paths only.
  const value = results[0];
  return column.type === 'string' ? jsonPathText(value) : typedCell(column.type, value, now);
}

/**
 * The Table kube-apiserver returns for custom resources whose CRD version declares `columns`.
 * A column whose JSONPath does not parse ends the column list there, as in kube.
 */
export function printCustomResourceTable(
  columns: readonly AdditionalPrinterColumn[],
  objects: readonly Json[],
  options: PrintOptions,
): Table {
  const effective = columns.length > 0 ? columns : defaultColumns;
  const headers: TableColumnDefinition[] = [nameColumn];
  const paths: { column: AdditionalPrinterColumn; path: JsonPath }[] = [];
  for (const column of effective) {
    let path: JsonPath;
    try {
      path = parseJsonPath(column.jsonPath);
    } catch {
      break;
    }
    paths.push({ column, path });
    headers.push({
      name: column.name,
      type: column.type,
      format: column.format ?? '',
      description: column.description !== undefined && column.description !== ''
        ? column.description
        : `Custom resource definition column (in JSONPath format): ${column.jsonPath}`,
      priority: column.priority ?? 0,
    });
  }
  return buildTable(headers, objects, options, (o) => ({
    cells: [name(o), ...paths.map(({ column, path }) => cell(column, path, o, options.now))],
  }));
}
