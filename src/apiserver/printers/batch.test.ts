import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { printTable } from './table.js';
import type { Cell, Json } from './types.js';

const now = new Date('2024-06-01T12:00:00Z');
const ago = (seconds: number): string => new Date(now.getTime() - seconds * 1000).toISOString();

function cells(kind: string, o: Json): Cell[] {
  const r = printTable({ group: 'batch', kind }, [o], { now }).rows[0];
  assert.ok(r);
  return r.cells;
}

const podTemplate = { spec: { containers: [{ name: 'pi', image: 'perl:5.34' }] } };

describe('Job', () => {
  it('has kube 1.32 columns', () => {
    const defs = printTable({ group: 'batch', kind: 'Job' }, [], { now }).columnDefinitions;
    assert.deepEqual(defs.map((c) => [c.name, c.priority]), [
      ['Name', 0], ['Status', 0], ['Completions', 0], ['Duration', 0], ['Age', 0], ['Containers', 1], ['Images', 1], ['Selector', 1],
    ]);
  });
  const job = (spec: Json, status: Json, meta: Json = {}): Json => ({
    metadata: { name: 'pi', creationTimestamp: ago(600), ...meta },
    spec: { template: podTemplate, selector: { matchLabels: { 'batch.kubernetes.io/controller-uid': 'abc' } }, ...spec },
    status,
  });
  const cases: { name: string; job: Json; want: Cell[] }[] = [
    {
      name: 'complete',
      job: job({ completions: 1, parallelism: 1 }, {
        succeeded: 1, startTime: ago(600), completionTime: ago(555),
        conditions: [{ type: 'SuccessCriteriaMet', status: 'True' }, { type: 'Complete', status: 'True' }],
      }),
      want: ['pi', 'Complete', '1/1', '45s', '10m', 'pi', 'perl:5.34', 'batch.kubernetes.io/controller-uid=abc'],
    },
    {
      name: 'running, duration so far',
      job: job({ completions: 3 }, { succeeded: 1, active: 1, startTime: ago(1200) }),
      want: ['pi', 'Running', '1/3', '20m', '10m', 'pi', 'perl:5.34', 'batch.kubernetes.io/controller-uid=abc'],
    },
    {
      name: 'not started',
      job: job({ completions: 2 }, {}),
      want: ['pi', 'Running', '0/2', '', '10m', 'pi', 'perl:5.34', 'batch.kubernetes.io/controller-uid=abc'],
    },
    {
      name: 'failed',
      job: job({ completions: 1 }, { failed: 7, startTime: ago(300), conditions: [{ type: 'FailureTarget', status: 'True' }, { type: 'Failed', status: 'True' }] }),
      want: ['pi', 'Failed', '0/1', '5m', '10m', 'pi', 'perl:5.34', 'batch.kubernetes.io/controller-uid=abc'],
    },
    {
      name: 'failure target',
      job: job({}, { conditions: [{ type: 'FailureTarget', status: 'True' }] }),
      want: ['pi', 'FailureTarget', '0/1', '', '10m', 'pi', 'perl:5.34', 'batch.kubernetes.io/controller-uid=abc'],
    },
    {
      name: 'suspended',
      job: job({ suspend: true, parallelism: 4 }, { conditions: [{ type: 'Suspended', status: 'True' }] }),
      want: ['pi', 'Suspended', '0/1 of 4', '', '10m', 'pi', 'perl:5.34', 'batch.kubernetes.io/controller-uid=abc'],
    },
    {
      name: 'a false condition does not count',
      job: job({}, { conditions: [{ type: 'Suspended', status: 'False' }] }),
      want: ['pi', 'Running', '0/1', '', '10m', 'pi', 'perl:5.34', 'batch.kubernetes.io/controller-uid=abc'],
    },
    {
      name: 'terminating',
      job: job({}, {}, { deletionTimestamp: ago(1) }),
      want: ['pi', 'Terminating', '0/1', '', '10m', 'pi', 'perl:5.34', 'batch.kubernetes.io/controller-uid=abc'],
    },
    {
      name: 'completion beats terminating',
      job: job({}, { conditions: [{ type: 'Complete', status: 'True' }] }, { deletionTimestamp: ago(1) }),
      want: ['pi', 'Complete', '0/1', '', '10m', 'pi', 'perl:5.34', 'batch.kubernetes.io/controller-uid=abc'],
    },
  ];
  for (const c of cases) it(c.name, () => { assert.deepEqual(cells('Job', c.job), c.want); });
});

describe('CronJob', () => {
  const cronJob = (spec: Json, status: Json): Json => ({
    metadata: { name: 'hello', creationTimestamp: ago(300) },
    spec: { schedule: '*/1 * * * *', jobTemplate: { spec: { template: podTemplate } }, ...spec },
    status,
  });
  const cases: { name: string; cj: Json; want: Cell[] }[] = [
    {
      name: 'scheduled 30s ago',
      cj: cronJob({ suspend: false }, { lastScheduleTime: ago(30), active: [{ name: 'hello-1' }] }),
      want: ['hello', '*/1 * * * *', '<none>', 'False', 1, '30s', '5m', 'pi', 'perl:5.34', '<none>'],
    },
    {
      name: 'never scheduled, time zone, suspended',
      cj: cronJob({ suspend: true, timeZone: 'Etc/UTC' }, {}),
      want: ['hello', '*/1 * * * *', 'Etc/UTC', 'True', 0, '<none>', '5m', 'pi', 'perl:5.34', '<none>'],
    },
    {
      name: 'suspend unset',
      cj: cronJob({ jobTemplate: { spec: { selector: { matchLabels: { a: 'b' } } } } }, {}),
      want: ['hello', '*/1 * * * *', '<none>', '<unset>', 0, '<none>', '5m', '', '', 'a=b'],
    },
  ];
  for (const c of cases) it(c.name, () => { assert.deepEqual(cells('CronJob', c.cj), c.want); });
});
