/** Column definitions and the row helpers every printer shares. */
import { doc } from './descriptions.js';
import { timestampSince } from './duration.js';
import { metadata } from './json.js';
import type { ColumnType, Json, TableColumnDefinition } from './types.js';

export function column(
  name: string,
  type: ColumnType,
  description: string,
  opts: { priority?: number; format?: string } = {},
): TableColumnDefinition {
  return { name, type, format: opts.format ?? '', description, priority: opts.priority ?? 0 };
}

/** A `-o wide` column. */
export function wide(name: string, type: ColumnType, description: string): TableColumnDefinition {
  return column(name, type, description, { priority: 1 });
}

export const nameColumn: TableColumnDefinition = column('Name', 'string', doc.objectMetaName, { format: 'name' });
export const ageColumn: TableColumnDefinition = column('Age', 'string', doc.objectMetaCreationTimestamp);

export const CONTAINERS_DESCRIPTION = 'Names of each container in the template.';
export const IMAGES_DESCRIPTION = 'Images referenced by each container in the template.';

/** Age of an object, from its creationTimestamp. */
export function age(o: Json, now: Date): string {
  return timestampSince(metadata(o)['creationTimestamp'], now);
}
