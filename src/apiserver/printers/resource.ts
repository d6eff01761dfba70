/** Printers of the resource.k8s.io group (dynamic resource allocation). */
import { age, ageColumn, column, nameColumn } from './columns.js';
import { at, hasDeletionTimestamp, isObject, list, name, str } from './json.js';
import type { GroupPrinters, Json, Printer } from './types.js';

const nameAge: Printer = {
  columns: [nameColumn, ageColumn],
  row(o, now) {
    return { cells: [name(o), age(o, now)] };
  },
};

/** deleted / pending / allocated / reserved, comma-joined. */
function claimState(o: Json): string {
  const states: string[] = [];
  const deleted = hasDeletionTimestamp(o);
  if (deleted) states.push('deleted');
  if (!isObject(at(o, 'status', 'allocation'))) {
    if (!deleted) states.push('pending');
  } else {
    states.push('allocated');
    if (list(at(o, 'status', 'reservedFor')).length > 0) states.push('reserved');
  }
  return states.join(',');
}

const resourceClaim: Printer = {
  columns: [
    nameColumn,
    column('State', 'string', 'A summary of the current state (allocated, pending, reserved, etc.).'),
    ageColumn,
  ],
  row(o, now) {
    return { cells: [name(o), claimState(o), age(o, now)] };
  },
};

const resourceSlice: Printer = {
  columns: [
    nameColumn,
    column('Node', 'string', 'NodeName identifies the node which provides the resources in this pool. A field selector can be used to list only ResourceSlice objects belonging to a certain node.\n\nThis field can be used to limit access from nodes to ResourceSlices with the same node name. It also indicates to autoscalers that adding new nodes of the same type as some old node might also make new resources available.\n\nExactly one of NodeName, NodeSelector and AllNodes must be set. This field is immutable.'),
    column('Driver', 'string', 'Driver identifies the DRA driver providing the capacity information. A field selector can be used to list only ResourceSlice objects with a certain driver name.\n\nMust be a DNS subdomain and should end with a DNS domain owned by the vendor of the driver. This field is immutable.'),
    column('Pool', 'string', 'Name is used to identify the pool. For node-local devices, this is often the node name, but this is not required.\n\nIt must not be longer than 253 characters and must consist of one or more DNS sub-domains separated by slashes. This field is immutable.'),
    ageColumn,
  ],
  row(o, now) {
    return {
      cells: [
        name(o), str(at(o, 'spec', 'nodeName')), str(at(o, 'spec', 'driver')), str(at(o, 'spec', 'pool', 'name')),
        age(o, now),
      ],
    };
  },
};

export const resourcePrinters: GroupPrinters = {
  group: 'resource.k8s.io',
  kinds: {
    DeviceClass: nameAge,
    ResourceClaim: resourceClaim,
    ResourceClaimTemplate: nameAge,
    ResourceSlice: resourceSlice,
  },
};
