import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { PodSpec } from 'kubernetes-types/core/v1.js';
import { podRequests, requestsNothing } from './resources.js';

const c = (name: string, requests?: Record<string, string>, restartPolicy?: string): PodSpec['containers'][number] =>
  ({ name, image: 'x', ...(requests ? { resources: { requests } } : {}), ...(restartPolicy ? { restartPolicy } : {}) });

describe('podRequests', () => {
  const cases: { name: string; spec: PodSpec; nonZero?: boolean; want: Record<string, number> }[] = [
    { name: 'no requests', spec: { containers: [c('a')] }, want: {} },
    { name: 'no requests, non-zero defaults', spec: { containers: [c('a'), c('b')] }, nonZero: true, want: { cpu: 200, memory: 400 * 2 ** 20 } },
    { name: 'sum of containers', spec: { containers: [c('a', { cpu: '250m', memory: '64Mi' }), c('b', { cpu: '0.5' })] }, want: { cpu: 750, memory: 64 * 2 ** 20 } },
    { name: 'explicit zero stays zero with non-zero defaults', spec: { containers: [c('a', { cpu: '0' })] }, nonZero: true, want: { cpu: 0, memory: 200 * 2 ** 20 } },
    {
      name: 'a large init container wins',
      spec: { initContainers: [c('init', { cpu: '2', memory: '1Gi' })], containers: [c('a', { cpu: '500m', memory: '2Gi' })] },
      want: { cpu: 2000, memory: 2 * 2 ** 30 },
    },
    {
      name: 'sidecars run alongside the init containers after them and the app',
      spec: {
        initContainers: [c('sidecar', { cpu: '100m' }, 'Always'), c('migrate', { cpu: '1' })],
        containers: [c('app', { cpu: '200m' })],
      },
      want: { cpu: 1100 },
    },
    { name: 'overhead and extended resources', spec: { containers: [c('a', { 'nvidia.com/gpu': '1', cpu: '1' })], overhead: { cpu: '50m' } }, want: { cpu: 1050, 'nvidia.com/gpu': 1 } },
  ];
  for (const tc of cases) {
    it(tc.name, () => {
      assert.deepEqual(Object.fromEntries(podRequests(tc.spec, { nonZero: tc.nonZero ?? false })), tc.want);
    });
  }
  it('knows when nothing is requested', () => {
    assert.equal(requestsNothing(podRequests({ containers: [c('a')] })), true);
    assert.equal(requestsNothing(podRequests({ containers: [c('a', { memory: '1' })] })), false);
  });
});
