/** Nodes: Ready condition, cordoning, roles from labels and the wide system info. */
import { age, ageColumn, column, nameColumn, wide } from './columns.js';
import { doc } from './descriptions.js';
import { at, compareStrings, metadata, name, obj, objects, str, stringMap } from './json.js';
import type { Json, Printer } from './types.js';

const NODE_ROLE_PREFIX = 'node-role.kubernetes.io/';
const NODE_ROLE_LABEL = 'kubernetes.io/role';

function nodeRoles(o: Json): string {
  const roles = new Set<string>();
  for (const [k, v] of Object.entries(stringMap(metadata(o)['labels']))) {
    if (k.startsWith(NODE_ROLE_PREFIX)) {
      const role = k.slice(NODE_ROLE_PREFIX.length);
      if (role !== '') roles.add(role);
    } else if (k === NODE_ROLE_LABEL && v !== '') {
      roles.add(v);
    }
  }
  const sorted = [...roles].sort(compareStrings);
  return sorted.length === 0 ? '<none>' : sorted.join(',');
}

function nodeStatus(o: Json): string {
  // Only Ready counts; the last condition of that type wins, as in kube's map.
  let ready: Json | undefined;
  for (const c of objects(at(o, 'status', 'conditions'))) {
    if (c['type'] === 'Ready') ready = c;
  }
  const status: string[] = [];
  if (ready === undefined) status.push('Unknown');
  else status.push(ready['status'] === 'True' ? 'Ready' : 'NotReady');
  if (at(o, 'spec', 'unschedulable') === true) status.push('SchedulingDisabled');
  return status.join(',');
}

function nodeAddress(o: Json, type: string): string {
  const address = objects(at(o, 'status', 'addresses')).find((a) => a['type'] === type);
  return address === undefined ? '<none>' : str(address['address']);
}

export const nodePrinter: Printer = {
  columns: [
    nameColumn,
    column('Status', 'string', 'The status of the node'),
    column('Roles', 'string', 'The roles of the node'),
    ageColumn,
    column('Version', 'string', doc.nodeInfoKubeletVersion),
    wide('Internal-IP', 'string', doc.nodeStatusAddresses),
    wide('External-IP', 'string', doc.nodeStatusAddresses),
    wide('OS-Image', 'string', doc.nodeInfoOSImage),
    wide('Kernel-Version', 'string', doc.nodeInfoKernelVersion),
    wide('Container-Runtime', 'string', doc.nodeInfoContainerRuntimeVersion),
  ],
  row(o, now) {
    const info = obj(at(o, 'status', 'nodeInfo'));
    return {
      cells: [
        name(o), nodeStatus(o), nodeRoles(o), age(o, now), str(info['kubeletVersion']),
        nodeAddress(o, 'InternalIP'), nodeAddress(o, 'ExternalIP'),
        str(info['osImage']) || '<unknown>', str(info['kernelVersion']) || '<unknown>',
        str(info['containerRuntimeVersion']) || '<unknown>',
      ],
    };
  },
};

