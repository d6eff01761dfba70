import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { podLogQuery, type PodLogRequest } from './pod-logs.js';

describe('podLogQuery', () => {
  const base: PodLogRequest = { container: 'app', follow: false, previous: false, timestamps: false };
  const cases: [string, PodLogRequest, Record<string, string>][] = [
    ['only the container', base, { container: 'app' }],
    ['flags that are set', { ...base, follow: true, previous: true, timestamps: true }, { container: 'app', follow: 'true', previous: 'true', timestamps: 'true' }],
    ['numbers as text, zero included', { ...base, tailLines: 0, sinceSeconds: 30, limitBytes: 1024 }, { container: 'app', tailLines: '0', sinceSeconds: '30', limitBytes: '1024' }],
  ];
  for (const [name, request, want] of cases) {
    it(name, () => {
      assert.deepEqual(podLogQuery(request), want);
    });
  }
});
