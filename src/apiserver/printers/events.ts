/** Events, core/v1 and events.k8s.io/v1: both are the same stored object and print alike. */
import { column, wide } from './columns.js';
import { doc } from './descriptions.js';
import { parseTimestamp, timestampSince } from './duration.js';
import { at, int, isObject, name, obj, str } from './json.js';
import type { GroupPrinters, Json, Printer } from './types.js';

type PrintedCells = (string | number)[];

/** The fields the printer reads, whichever API version the event is written in. */
type EventFields = {
  involvedObject: Json;
  source: Json;
  message: string;
  firstTimestamp: unknown;
  lastTimestamp: unknown;
  count: number;
  series: Json | undefined;
  reportingController: string;
  reportingInstance: string;
};

function coreFields(o: Json): EventFields {
  const series = o['series'];
  return {
    involvedObject: obj(o['involvedObject']),
    source: obj(o['source']),
    message: str(o['message']),
    firstTimestamp: o['firstTimestamp'],
    lastTimestamp: o['lastTimestamp'],
    count: int(o['count']),
    series: isObject(series) ? series : undefined,
    reportingController: str(o['reportingComponent']),
    reportingInstance: str(o['reportingInstance']),
  };
}

function eventsV1Fields(o: Json): EventFields {
  const series = o['series'];
  return {
    involvedObject: obj(o['regarding']),
    source: obj(o['deprecatedSource']),
    message: str(o['note']),
    firstTimestamp: o['deprecatedFirstTimestamp'],
    lastTimestamp: o['deprecatedLastTimestamp'],
    count: int(o['deprecatedCount']),
    series: isObject(series) ? series : undefined,
    reportingController: str(o['reportingController']),
    reportingInstance: str(o['reportingInstance']),
  };
}

/** `formatEventSource`: component (or reporting controller), then host (or reporting instance). */
function eventSource(f: EventFields): string {
  const component = str(f.source['component']) || f.reportingController;
  const instance = str(f.source['host']) || f.reportingInstance;
  return instance === '' ? component : `${component}, ${instance}`;
}

function eventRow(o: Json, f: EventFields, now: Date): PrintedCells {
  const firstTimestamp = parseTimestamp(f.firstTimestamp) === undefined
    ? timestampSince(o['eventTime'], now)
    : timestampSince(f.firstTimestamp, now);
  let lastTimestamp = parseTimestamp(f.lastTimestamp) === undefined ? firstTimestamp : timestampSince(f.lastTimestamp, now);
  let count = f.count;
  if (f.series !== undefined) {
    lastTimestamp = timestampSince(f.series['lastObservedTime'], now);
    count = int(f.series['count']);
  } else if (count === 0) {
    // Singleton events of the new API carry no count.
    count = 1;
  }
  const kind = str(f.involvedObject['kind']).toLowerCase();
  const objName = str(f.involvedObject['name']);
  const target = objName === '' ? kind : `${kind}/${objName}`;
  return [
    lastTimestamp, str(o['type']), str(o['reason']), target, str(at(f.involvedObject, 'fieldPath')),
    eventSource(f), f.message.trim(), firstTimestamp, count, name(o),
  ];
}

const eventColumns = [
  column('Last Seen', 'string', doc.eventLastTimestamp),
  column('Type', 'string', doc.eventType),
  column('Reason', 'string', doc.eventReason),
  column('Object', 'string', doc.eventInvolvedObject),
  wide('Subobject', 'string', doc.objectReferenceFieldPath),
  wide('Source', 'string', doc.eventSource),
  column('Message', 'string', doc.eventMessage),
  wide('First Seen', 'string', doc.eventFirstTimestamp),
  wide('Count', 'string', doc.eventCount),
  column('Name', 'string', doc.objectMetaName, { priority: 1, format: 'name' }),
];

export const eventPrinter: Printer = {
  columns: eventColumns,
  row(o, now) {
    return { cells: eventRow(o, coreFields(o), now) };
  },
};

export const eventsPrinters: GroupPrinters = {
  group: 'events.k8s.io',
  kinds: {
    Event: {
      columns: eventColumns,
      row(o, now) {
        return { cells: eventRow(o, eventsV1Fields(o), now) };
      },
    },
  },
};
