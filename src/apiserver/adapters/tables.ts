import type { Tables } from '../handlers/resource.js';
import { printCustomResourceTable, printTable, type AdditionalPrinterColumn } from '../printers/index.js';

/** Table responses (`kubectl get`): kube's printers for built-ins, printer columns for custom resources. */
export function createTables(now: () => Date = () => new Date()): Tables {
  return {
    table(def, objects, format, list) {
      const includeObject = format.includeObject === 'None' || format.includeObject === 'Object' ? format.includeObject : 'Metadata';
      const listMeta = list
        ? {
            resourceVersion: list.resourceVersion,
            ...(list.continue ? { continue: list.continue } : {}),
            ...(list.remainingItemCount !== undefined ? { remainingItemCount: list.remainingItemCount } : {}),
          }
        : undefined;
      const options = { now: now(), includeObject, ...(listMeta ? { listMeta } : {}) } as const;
      const rows = objects as Record<string, unknown>[];
      const table = def.crd
        ? printCustomResourceTable(def.crd.printerColumns as unknown as AdditionalPrinterColumn[], rows, options)
        : printTable({ group: def.group, kind: def.kind }, rows, options);
      return table;
    },
  };
}
