/** Printers of the flowcontrol.apiserver.k8s.io group. */
import { age, ageColumn, column, nameColumn } from './columns.js';
import { doc } from './descriptions.js';
import { at, int, isObject, name, obj, objects, str } from './json.js';
import type { Cell, GroupPrinters, Printer } from './types.js';

const flowSchema: Printer = {
  columns: [
    nameColumn,
    column('PriorityLevel', 'string', doc.plcReferenceName),
    column('MatchingPrecedence', 'string', doc.flowSchemaSpecMatchingPrecedence),
    column('DistinguisherMethod', 'string', doc.flowSchemaSpecDistinguisherMethod),
    ageColumn,
    column('MissingPL', 'string', 'references a broken or non-existent PriorityLevelConfiguration'),
  ],
  row(o, now) {
    const spec = obj(o['spec']);
    const method = spec['distinguisherMethod'];
    const dangling = objects(at(o, 'status', 'conditions')).find((c) => c['type'] === 'Dangling');
    return {
      cells: [
        name(o), str(at(spec, 'priorityLevelConfiguration', 'name')), int(spec['matchingPrecedence']),
        isObject(method) ? str(method['type']) : '<none>', age(o, now),
        dangling === undefined ? '?' : str(dangling['status']),
      ],
    };
  },
};

const priorityLevelConfiguration: Printer = {
  columns: [
    nameColumn,
    column('Type', 'string', doc.plcSpecType),
    column('NominalConcurrencyShares', 'string', doc.limitedPLCNominalConcurrencyShares),
    column('Queues', 'string', doc.queuingConfigurationQueues),
    column('HandSize', 'string', doc.queuingConfigurationHandSize),
    column('QueueLengthLimit', 'string', doc.queuingConfigurationQueueLengthLimit),
    ageColumn,
  ],
  row(o, now) {
    const spec = obj(o['spec']);
    const limited = spec['limited'];
    let cells: Cell[] = ['<none>', '<none>', '<none>', '<none>'];
    if (isObject(limited)) {
      cells = [int(limited['nominalConcurrencyShares']), '<none>', '<none>', '<none>'];
      const queuing = at(limited, 'limitResponse', 'queuing');
      if (isObject(queuing)) {
        cells = [
          int(limited['nominalConcurrencyShares']), int(queuing['queues']), int(queuing['handSize']),
          int(queuing['queueLengthLimit']),
        ];
      }
    }
    return { cells: [name(o), str(spec['type']), ...cells, age(o, now)] };
  },
};

export const flowcontrolPrinters: GroupPrinters = {
  group: 'flowcontrol.apiserver.k8s.io',
  kinds: { FlowSchema: flowSchema, PriorityLevelConfiguration: priorityLevelConfiguration },
};
