/** Which kinds kube-apiserver (and its aggregator) print with a dedicated table convertor. */
import { admissionregistrationPrinters } from './admissionregistration.js';
import { apiregistrationPrinters } from './apiregistration.js';
import { apiserverinternalPrinters } from './apiserverinternal.js';
import { appsPrinters } from './apps.js';
import { autoscalingPrinters } from './autoscaling.js';
import { batchPrinters } from './batch.js';
import { certificatesPrinters } from './certificates.js';
import { coordinationPrinters } from './coordination.js';
import { corePrinters } from './core.js';
import { discoveryPrinters } from './discovery.js';
import { eventsPrinters } from './events.js';
import { flowcontrolPrinters } from './flowcontrol.js';
import { networkingPrinters } from './networking.js';
import { nodePrinters } from './node.js';
import { policyPrinters } from './policy.js';
import { rbacPrinters } from './rbac.js';
import { resourcePrinters } from './resource.js';
import { schedulingPrinters } from './scheduling.js';
import { storagePrinters } from './storage.js';
import { storagemigrationPrinters } from './storagemigration.js';
import type { GroupKind, GroupPrinters, Printer } from './types.js';

const groups: readonly GroupPrinters[] = [
  corePrinters,
  eventsPrinters,
  appsPrinters,
  batchPrinters,
  autoscalingPrinters,
  networkingPrinters,
  discoveryPrinters,
  policyPrinters,
  rbacPrinters,
  storagePrinters,
  schedulingPrinters,
  nodePrinters,
  coordinationPrinters,
  certificatesPrinters,
  admissionregistrationPrinters,
  flowcontrolPrinters,
  apiserverinternalPrinters,
  apiregistrationPrinters,
  resourcePrinters,
  storagemigrationPrinters,
];

const byGroupKind = new Map<string, Printer>();
for (const g of groups) {
  for (const [kind, printer] of Object.entries(g.kinds)) byGroupKind.set(`${g.group}/${kind}`, printer);
}

/** The printer of a built-in kind, or undefined when kube serves it with the default table. */
export function printerFor(gk: GroupKind): Printer | undefined {
  return byGroupKind.get(`${gk.group}/${gk.kind}`);
}

/** Every group/kind with a dedicated printer, as `group/Kind` ("" is the core group). */
export function printedKinds(): string[] {
  return [...byGroupKind.keys()];
}
