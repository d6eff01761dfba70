/** Printers of the core ("") API group; pods, services, nodes, volumes and events have their own modules. */
import { CONTAINERS_DESCRIPTION, IMAGES_DESCRIPTION, age, ageColumn, column, nameColumn, wide } from './columns.js';
import { nodePrinter } from './core-node.js';
import { endpointsPrinter, servicePrinter } from './core-service.js';
import { persistentVolumeClaimPrinter, persistentVolumePrinter } from './core-volume.js';
import { doc } from './descriptions.js';
import { eventPrinter } from './events.js';
import { containerCells } from './format.js';
import { at, compareStrings, int, list, name, obj, objects, size, str } from './json.js';
import { formatLabels } from './labels.js';
import { podPrinter, podTemplatePrinter } from './pod.js';
import { quantityField } from './quantity.js';
import type { GroupPrinters, Json, Printer } from './types.js';

const replicationController: Printer = {
  columns: [
    nameColumn,
    column('Desired', 'integer', doc.rcSpecReplicas),
    column('Current', 'integer', doc.rcStatusReplicas),
    column('Ready', 'integer', doc.rcStatusReadyReplicas),
    ageColumn,
    wide('Containers', 'string', CONTAINERS_DESCRIPTION),
    wide('Images', 'string', IMAGES_DESCRIPTION),
    wide('Selector', 'string', doc.rcSpecSelector),
  ],
  row(o, now) {
    const spec = obj(o['spec']);
    const status = obj(o['status']);
    const [names, images] = containerCells(at(spec, 'template', 'spec', 'containers'));
    return {
      cells: [
        name(o), int(spec['replicas']), int(status['replicas']), int(status['readyReplicas']), age(o, now),
        names, images, formatLabels(spec['selector']),
      ],
    };
  },
};

const namespace: Printer = {
  columns: [nameColumn, column('Status', 'string', 'The status of the namespace'), ageColumn],
  row(o, now) {
    return { cells: [name(o), str(at(o, 'status', 'phase')), age(o, now)] };
  },
};

const secret: Printer = {
  columns: [nameColumn, column('Type', 'string', doc.secretType), column('Data', 'string', doc.secretData), ageColumn],
  row(o, now) {
    return { cells: [name(o), str(o['type']), size(o['data']), age(o, now)] };
  },
};

const serviceAccount: Printer = {
  columns: [nameColumn, column('Secrets', 'string', doc.serviceAccountSecrets), ageColumn],
  row(o, now) {
    return { cells: [name(o), list(o['secrets']).length, age(o, now)] };
  },
};

const configMap: Printer = {
  columns: [nameColumn, column('Data', 'string', doc.configMapData), ageColumn],
  row(o, now) {
    return { cells: [name(o), size(o['data']) + size(o['binaryData']), age(o, now)] };
  },
};

const componentStatus: Printer = {
  columns: [
    nameColumn,
    column('Status', 'string', 'Status of the component conditions'),
    column('Message', 'string', 'Message of the component conditions'),
    column('Error', 'string', 'Error of the component conditions'),
  ],
  row(o) {
    const healthy = objects(o['conditions']).find((c) => c['type'] === 'Healthy');
    if (healthy === undefined) return { cells: [name(o), 'Unknown', '', ''] };
    return {
      cells: [
        name(o), healthy['status'] === 'True' ? 'Healthy' : 'Unhealthy', str(healthy['message']), str(healthy['error']),
      ],
    };
  },
};

/** `used/hard` per resource, requests and limits apart, sorted by resource name. */
function quotaColumns(status: Json): [requests: string, limits: string] {
  const hard = obj(status['hard']);
  const used = obj(status['used']);
  const requests: string[] = [];
  const limits: string[] = [];
  for (const resource of Object.keys(hard).sort(compareStrings)) {
    const entry = `${resource}: ${quantityField(used[resource])}/${quantityField(hard[resource])}`;
    const pieces = resource.split('.');
    if (pieces.length > 1 && pieces[0] === 'limits') limits.push(entry);
    else requests.push(entry);
  }
  return [requests.join(', '), limits.join(', ')];
}

const resourceQuota: Printer = {
  // kube 1.32 still prints Age second; later releases moved it last.
  columns: [
    nameColumn,
    ageColumn,
    column('Request', 'string', 'Request represents a minimum amount of cpu/memory that a container may consume.'),
    column(
      'Limit',
      'string',
      'Limits control the maximum amount of cpu/memory that a container may use independent of contention on the node.',
    ),
  ],
  row(o, now) {
    const [requests, limits] = quotaColumns(obj(o['status']));
    return { cells: [name(o), age(o, now), requests, limits] };
  },
};

export const corePrinters: GroupPrinters = {
  group: '',
  kinds: {
    Pod: podPrinter,
    PodTemplate: podTemplatePrinter,
    ReplicationController: replicationController,
    Service: servicePrinter,
    Endpoints: endpointsPrinter,
    Node: nodePrinter,
    Event: eventPrinter,
    Namespace: namespace,
    Secret: secret,
    ServiceAccount: serviceAccount,
    ConfigMap: configMap,
    PersistentVolume: persistentVolumePrinter,
    PersistentVolumeClaim: persistentVolumeClaimPrinter,
    ComponentStatus: componentStatus,
    ResourceQuota: resourceQuota,
  },
};
