/**
 * Server-side table printing: the `meta.k8s.io/v1` Table kube-apiserver returns when a client asks
 * for `application/json;as=Table;v=v1;g=meta.k8s.io` (what `kubectl get` does), with kube's
 * columns and cell values for every built-in kind and for custom resources.
 */
export { printTable } from './table.js';
export { printCustomResourceTable, type AdditionalPrinterColumn } from './custom-resource.js';
export { printedKinds } from './registry.js';
export { humanDuration, timestampSince } from './duration.js';
export { formatQuantity } from './quantity.js';
export { JsonPathError, findResults, parseJsonPath, type JsonPath } from './jsonpath.js';
export {
  TableConversionError,
  type Cell,
  type GroupKind,
  type IncludeObject,
  type ListMeta,
  type PrintOptions,
  type Table,
  type TableColumnDefinition,
  type TableRow,
  type TableRowCondition,
} from './types.js';
