import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { printTable } from './table.js';
import type { Cell, Json } from './types.js';

const now = new Date('2024-06-01T12:00:00Z');

function cells(kind: string, o: Json): Cell[] {
  const r = printTable({ group: 'autoscaling', kind }, [o], { now }).rows[0];
  assert.ok(r);
  return r.cells;
}

const hpa = (spec: Json, status: Json = {}): Json => ({
  metadata: { name: 'some-hpa' },
  spec: { scaleTargetRef: { kind: 'ReplicationController', name: 'some-rc' }, maxReplicas: 10, ...spec },
  status: { currentReplicas: 4, desiredReplicas: 5, ...status },
});

describe('HorizontalPodAutoscaler', () => {
  const cases: { name: string; obj: Json; targets: string; min?: string }[] = [
    { name: 'no metrics, min unset', obj: hpa({}), targets: '<none>', min: '<unset>' },
    {
      name: 'external average value, no current',
      obj: hpa({ minReplicas: 2, metrics: [{ type: 'External', external: { metric: { name: 'm' }, target: { type: 'AverageValue', averageValue: '100m' } } }] }),
      targets: '<unknown>/100m (avg)',
    },
    {
      name: 'external average value',
      obj: hpa(
        { minReplicas: 2, metrics: [{ type: 'External', external: { metric: { name: 'm' }, target: { type: 'AverageValue', averageValue: '100m' } } }] },
        { currentMetrics: [{ type: 'External', external: { metric: { name: 'm' }, current: { averageValue: '50m' } } }] },
      ),
      targets: '50m/100m (avg)',
    },
    {
      name: 'external value',
      obj: hpa(
        { minReplicas: 2, metrics: [{ type: 'External', external: { metric: { name: 'm' }, target: { type: 'Value', value: '100m' } } }] },
        { currentMetrics: [{ type: 'External', external: { metric: { name: 'm' }, current: { value: '50m' } } }] },
      ),
      targets: '50m/100m',
    },
    {
      name: 'pods',
      obj: hpa(
        { minReplicas: 2, metrics: [{ type: 'Pods', pods: { metric: { name: 'm' }, target: { type: 'AverageValue', averageValue: '100m' } } }] },
        { currentMetrics: [{ type: 'Pods', pods: { metric: { name: 'm' }, current: { averageValue: '50m' } } }] },
      ),
      targets: '50m/100m',
    },
    {
      name: 'object, no current',
      obj: hpa({ minReplicas: 2, metrics: [{ type: 'Object', object: { describedObject: { kind: 'Service', name: 's' }, metric: { name: 'm' }, target: { type: 'Value', value: '100m' } } }] }),
      targets: '<unknown>/100m',
    },
    {
      name: 'resource utilization',
      obj: hpa(
        { minReplicas: 2, metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } } }] },
        { currentMetrics: [{ type: 'Resource', resource: { name: 'cpu', current: { averageUtilization: 50, averageValue: '40m' } } }] },
      ),
      targets: 'cpu: 50%/80%',
    },
    {
      name: 'resource utilization, no current',
      obj: hpa({ minReplicas: 2, metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } } }] }),
      targets: 'cpu: <unknown>/80%',
    },
    {
      name: 'container resource value',
      obj: hpa(
        { minReplicas: 2, metrics: [{ type: 'ContainerResource', containerResource: { name: 'memory', container: 'app', target: { type: 'AverageValue', averageValue: '1073741824' } } }] },
        { currentMetrics: [{ type: 'ContainerResource', containerResource: { name: 'memory', container: 'app', current: { averageValue: '512Mi' } } }] },
      ),
      targets: 'memory: 512Mi/1073741824',
    },
    {
      name: 'more than two metrics',
      obj: hpa(
        {
          minReplicas: 2,
          metrics: [
            { type: 'Pods', pods: { metric: { name: 'a' }, target: { type: 'AverageValue', averageValue: '100m' } } },
            { type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } } },
            { type: 'Pods', pods: { metric: { name: 'b' }, target: { type: 'AverageValue', averageValue: '400m' } } },
          ],
        },
        {
          currentMetrics: [
            { type: 'Pods', pods: { metric: { name: 'a' }, current: { averageValue: '50m' } } },
            { type: 'Resource', resource: { name: 'cpu', current: { averageUtilization: 50 } } },
          ],
        },
      ),
      targets: '50m/100m, cpu: 50%/80% + 1 more...',
    },
    {
      name: 'autoscaling/v1 CPU target',
      obj: hpa({ minReplicas: 1, targetCPUUtilizationPercentage: 80 }, { currentCPUUtilizationPercentage: 12 }),
      targets: 'cpu: 12%/80%',
      min: '1',
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      assert.deepEqual(cells('HorizontalPodAutoscaler', c.obj), [
        'some-hpa', 'ReplicationController/some-rc', c.targets, c.min ?? '2', 10, 4, '<unknown>',
      ]);
    });
  }
});

describe('Scale', () => {
  it('prints desired and available replicas', () => {
    assert.deepEqual(cells('Scale', { metadata: { name: 'web', creationTimestamp: '2024-06-01T11:59:58Z' }, spec: { replicas: 2 }, status: { replicas: 1 } }), ['web', 2, 1, '2s']);
  });
});
