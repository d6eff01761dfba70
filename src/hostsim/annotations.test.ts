import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Pod } from 'kubernetes-types/core/v1.js';
import { ANNOTATIONS, behaviourOf, runsToCompletion, type Behaviour } from './annotations.js';

const pod = (annotations: Record<string, string> = {}, extra: { restartPolicy?: string; job?: boolean } = {}): Pod => ({
  metadata: {
    name: 'p',
    annotations,
    ...(extra.job ? { ownerReferences: [{ apiVersion: 'batch/v1', kind: 'Job', name: 'j', uid: 'u', controller: true }] } : {}),
  },
  spec: { containers: [{ name: 'c', image: 'x' }], ...(extra.restartPolicy ? { restartPolicy: extra.restartPolicy } : {}) },
});

const base: Behaviour = { startDelayMs: 0, initRunMs: 0, runMs: undefined, exitCode: 0, podFails: false, neverReady: false, terminationMs: 0 };

describe('behaviourOf', () => {
  const cases: [string, Pod, Partial<Behaviour>][] = [
    ['a plain long-running pod', pod(), {}],
    ['a Job pod completes after 1 s', pod({}, { job: true, restartPolicy: 'Never' }), { runMs: 1000 }],
    ['restartPolicy OnFailure completes', pod({}, { restartPolicy: 'OnFailure' }), { runMs: 1000 }],
    ['a slow start', pod({ [ANNOTATIONS.startDelaySeconds]: '2.5' }), { startDelayMs: 2500 }],
    ['crash', pod({ [ANNOTATIONS.crash]: 'true' }), { runMs: 1000, exitCode: 1 }],
    ['crash with its own run time and exit code', pod({ [ANNOTATIONS.crash]: 'true', [ANNOTATIONS.runSeconds]: '3', [ANNOTATIONS.exitCode]: '42' }), { runMs: 3000, exitCode: 42 }],
    ['fail', pod({ [ANNOTATIONS.fail]: 'true' }, { restartPolicy: 'Never' }), { runMs: 1000, exitCode: 1, podFails: true }],
    ['never ready', pod({ [ANNOTATIONS.ready]: 'false' }), { neverReady: true }],
    ['slow to stop', pod({ [ANNOTATIONS.terminationSeconds]: '5' }), { terminationMs: 5000 }],
    ['garbage is ignored', pod({ [ANNOTATIONS.startDelaySeconds]: 'soon', [ANNOTATIONS.exitCode]: '999', [ANNOTATIONS.runSeconds]: '-1' }), {}],
  ];
  for (const [name, p, want] of cases) it(name, () => { assert.deepEqual(behaviourOf(p), { ...base, ...want }); });

  it('knows run-to-completion pods', () => {
    assert.equal(runsToCompletion(pod()), false);
    assert.equal(runsToCompletion(pod({}, { job: true })), true);
    assert.equal(runsToCompletion(pod({}, { restartPolicy: 'Never' })), true);
  });
});
