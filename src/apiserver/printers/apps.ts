/** Printers of the apps group. */
import { CONTAINERS_DESCRIPTION, IMAGES_DESCRIPTION, age, ageColumn, column, nameColumn, wide } from './columns.js';
import { doc } from './descriptions.js';
import { containerCells, groupKindName } from './format.js';
import { at, int, metadata, name, obj, objects, str } from './json.js';
import { formatLabelSelector, formatLabels, selectorString } from './labels.js';
import { TableConversionError, type GroupPrinters, type Json, type Printer } from './types.js';

const deployment: Printer = {
  columns: [
    nameColumn,
    column('Ready', 'string', 'Number of the pod with ready state'),
    column('Up-to-date', 'string', doc.deploymentStatusUpdatedReplicas),
    column('Available', 'string', doc.deploymentStatusAvailableReplicas),
    ageColumn,
    wide('Containers', 'string', CONTAINERS_DESCRIPTION),
    wide('Images', 'string', IMAGES_DESCRIPTION),
    wide('Selector', 'string', doc.deploymentSpecSelector),
  ],
  row(o, now) {
    const spec = obj(o['spec']);
    const status = obj(o['status']);
    const [names, images] = containerCells(at(spec, 'template', 'spec', 'containers'));
    return {
      cells: [
        name(o), `${int(status['readyReplicas'])}/${int(spec['replicas'])}`, int(status['updatedReplicas']),
        int(status['availableReplicas']), age(o, now), names, images, selectorString(spec['selector']) ?? '<invalid>',
      ],
    };
  },
};

const replicaSet: Printer = {
  columns: [
    nameColumn,
    column('Desired', 'integer', doc.rsSpecReplicas),
    column('Current', 'integer', doc.rsStatusReplicas),
    column('Ready', 'integer', doc.rsStatusReadyReplicas),
    ageColumn,
    wide('Containers', 'string', CONTAINERS_DESCRIPTION),
    wide('Images', 'string', IMAGES_DESCRIPTION),
    wide('Selector', 'string', doc.rsSpecSelector),
  ],
  row(o, now) {
    const spec = obj(o['spec']);
    const status = obj(o['status']);
    const [names, images] = containerCells(at(spec, 'template', 'spec', 'containers'));
    return {
      cells: [
        name(o), int(spec['replicas']), int(status['replicas']), int(status['readyReplicas']), age(o, now),
        names, images, formatLabelSelector(spec['selector']),
      ],
    };
  },
};

const statefulSet: Printer = {
  columns: [
    nameColumn,
    column('Ready', 'string', 'Number of the pod with ready state'),
    ageColumn,
    wide('Containers', 'string', CONTAINERS_DESCRIPTION),
    wide('Images', 'string', IMAGES_DESCRIPTION),
  ],
  row(o, now) {
    const spec = obj(o['spec']);
    const [names, images] = containerCells(at(spec, 'template', 'spec', 'containers'));
    return {
      cells: [name(o), `${int(at(o, 'status', 'readyReplicas'))}/${int(spec['replicas'])}`, age(o, now), names, images],
    };
  },
};

const daemonSet: Printer = {
  columns: [
    nameColumn,
    column('Desired', 'integer', doc.dsStatusDesiredNumberScheduled),
    column('Current', 'integer', doc.dsStatusCurrentNumberScheduled),
    column('Ready', 'integer', doc.dsStatusNumberReady),
    column('Up-to-date', 'integer', doc.dsStatusUpdatedNumberScheduled),
    column('Available', 'integer', doc.dsStatusNumberAvailable),
    column('Node Selector', 'string', doc.podSpecNodeSelector),
    ageColumn,
    wide('Containers', 'string', CONTAINERS_DESCRIPTION),
    wide('Images', 'string', IMAGES_DESCRIPTION),
    wide('Selector', 'string', doc.dsSpecSelector),
  ],
  row(o, now) {
    const spec = obj(o['spec']);
    const status = obj(o['status']);
    const podSpec = obj(at(spec, 'template', 'spec'));
    const [names, images] = containerCells(podSpec['containers']);
    return {
      cells: [
        name(o), int(status['desiredNumberScheduled']), int(status['currentNumberScheduled']),
        int(status['numberReady']), int(status['updatedNumberScheduled']), int(status['numberAvailable']),
        formatLabels(podSpec['nodeSelector']), age(o, now), names, images, formatLabelSelector(spec['selector']),
      ],
    };
  },
};

/** `metav1.GetControllerOf` printed as `kind.group/name`, `<none>` without a controller. */
function controllerName(o: Json): string {
  const ref = objects(metadata(o)['ownerReferences']).find((r) => r['controller'] === true);
  if (ref === undefined) return '<none>';
  const apiVersion = str(ref['apiVersion']);
  const parts = apiVersion.split('/');
  if (parts.length > 2) {
    throw new TableConversionError(`unexpected GroupVersion string: ${apiVersion}`);
  }
  const group = parts.length === 2 ? (parts[0] ?? '') : '';
  return groupKindName(group, str(ref['kind']), str(ref['name']));
}

const controllerRevision: Printer = {
  columns: [
    nameColumn,
    column('Controller', 'string', 'Controller of the object'),
    column('Revision', 'string', doc.controllerRevisionRevision),
    ageColumn,
  ],
  row(o, now) {
    return { cells: [name(o), controllerName(o), int(o['revision']), age(o, now)] };
  },
};

export const appsPrinters: GroupPrinters = {
  group: 'apps',
  kinds: {
    Deployment: deployment,
    ReplicaSet: replicaSet,
    StatefulSet: statefulSet,
    DaemonSet: daemonSet,
    ControllerRevision: controllerRevision,
  },
};
