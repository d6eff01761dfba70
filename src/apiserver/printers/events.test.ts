import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { printTable } from './table.js';
import type { Cell, Json } from './types.js';

const now = new Date('2024-06-01T12:00:00Z');
const daysAgo = (d: number): string => new Date(now.getTime() - d * 86_400_000).toISOString();
const microAgo = (d: number): string => daysAgo(d).replace('Z', '000Z');

function cells(group: string, o: Json): Cell[] {
  const r = printTable({ group, kind: 'Event' }, [o], { now }).rows[0];
  assert.ok(r);
  return r.cells;
}

describe('Event columns', () => {
  it('are kube\'s, with wide ones at priority 1', () => {
    for (const group of ['', 'events.k8s.io']) {
      const defs = printTable({ group, kind: 'Event' }, [], { now }).columnDefinitions;
      assert.deepEqual(
        defs.map((c) => `${c.name}:${c.priority}`),
        ['Last Seen:0', 'Type:0', 'Reason:0', 'Object:0', 'Subobject:1', 'Source:1', 'Message:0', 'First Seen:1', 'Count:1', 'Name:1'],
      );
      assert.equal(defs.at(-1)?.format, 'name');
    }
  });
});

describe('core/v1 Event', () => {
  const base = {
    involvedObject: { kind: 'Deployment', name: 'Deployment Name', fieldPath: 'spec.containers{foo}' },
    reason: 'Event Reason',
    message: 'Message Data\n',
    type: 'Warning',
  };
  const cases: { name: string; event: Json; want: Cell[] }[] = [
    {
      name: 'basic',
      event: { ...base, metadata: { name: 'event2' }, source: { component: 'kubelet', host: 'Node1' }, firstTimestamp: daysAgo(3), lastTimestamp: daysAgo(2), count: 6 },
      want: ['2d', 'Warning', 'Event Reason', 'deployment/Deployment Name', 'spec.containers{foo}', 'kubelet, Node1', 'Message Data', '3d', 6, 'event2'],
    },
    {
      name: 'eventTime stands in for firstTimestamp',
      event: { ...base, metadata: { name: 'event3' }, source: { component: 'kubelet' }, eventTime: microAgo(3), lastTimestamp: daysAgo(3), count: 1 },
      want: ['3d', 'Warning', 'Event Reason', 'deployment/Deployment Name', 'spec.containers{foo}', 'kubelet', 'Message Data', '3d', 1, 'event3'],
    },
    {
      name: 'no last timestamp: first seen is reused',
      event: { ...base, metadata: { name: 'event4' }, eventTime: microAgo(3), firstTimestamp: daysAgo(3), count: 1 },
      want: ['3d', 'Warning', 'Event Reason', 'deployment/Deployment Name', 'spec.containers{foo}', '', 'Message Data', '3d', 1, 'event4'],
    },
    {
      name: 'series',
      event: { ...base, metadata: { name: 'event6' }, series: { count: 2, lastObservedTime: microAgo(2) }, eventTime: microAgo(3) },
      want: ['2d', 'Warning', 'Event Reason', 'deployment/Deployment Name', 'spec.containers{foo}', '', 'Message Data', '3d', 2, 'event6'],
    },
    {
      name: 'singleton without count, reporting controller as source',
      event: { ...base, metadata: { name: 'event7' }, eventTime: microAgo(3), reportingComponent: 'kubelet', reportingInstance: 'test' },
      want: ['3d', 'Warning', 'Event Reason', 'deployment/Deployment Name', 'spec.containers{foo}', 'kubelet, test', 'Message Data', '3d', 1, 'event7'],
    },
    {
      name: 'involved object without a name, no timestamps',
      event: { metadata: { name: 'e' }, involvedObject: { kind: 'Node' }, type: 'Normal', reason: 'Starting', message: 'Starting kubelet.' },
      want: ['<unknown>', 'Normal', 'Starting', 'node', '', '', 'Starting kubelet.', '<unknown>', 1, 'e'],
    },
  ];
  for (const c of cases) {
    it(c.name, () => { assert.deepEqual(cells('', c.event), c.want); });
  }
});

describe('events.k8s.io/v1 Event', () => {
  it('reads regarding, note and the deprecated fields', () => {
    const event = {
      metadata: { name: 'nginx.17d' },
      regarding: { kind: 'Pod', name: 'nginx', fieldPath: 'spec.containers{nginx}' },
      note: 'Pulling image "nginx"',
      reason: 'Pulling',
      type: 'Normal',
      reportingController: 'kubelet',
      reportingInstance: 'node-1',
      deprecatedFirstTimestamp: daysAgo(1),
      deprecatedLastTimestamp: daysAgo(1),
      deprecatedCount: 3,
      deprecatedSource: { component: 'kubelet', host: 'node-1' },
    };
    assert.deepEqual(cells('events.k8s.io', event), [
      '24h', 'Normal', 'Pulling', 'pod/nginx', 'spec.containers{nginx}', 'kubelet, node-1', 'Pulling image "nginx"', '24h', 3, 'nginx.17d',
    ]);
  });
  it('falls back to eventTime and series', () => {
    const event = {
      metadata: { name: 'e' },
      regarding: { kind: 'Node', name: 'n1' },
      note: 'x',
      reason: 'R',
      type: 'Normal',
      eventTime: microAgo(2),
      series: { count: 4, lastObservedTime: microAgo(1) },
      reportingController: 'ctrl',
    };
    assert.deepEqual(cells('events.k8s.io', event), ['24h', 'Normal', 'R', 'node/n1', '', 'ctrl', 'x', '2d', 4, 'e']);
  });
});
