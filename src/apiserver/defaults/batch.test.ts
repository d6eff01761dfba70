import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyDefaults, prepareForCreate } from './index.js';
import type { Obj } from './util.js';

const JOB = { group: 'batch', version: 'v1', kind: 'Job' };
const CJ = { group: 'batch', version: 'v1', kind: 'CronJob' };
const podSpec = { restartPolicy: 'Never', containers: [{ name: 'c', image: 'busybox:1' }] };
const DEFAULTED_POD_SPEC = {
  restartPolicy: 'Never',
  containers: [{ name: 'c', image: 'busybox:1', imagePullPolicy: 'IfNotPresent', terminationMessagePath: '/dev/termination-log', terminationMessagePolicy: 'File' }],
  dnsPolicy: 'ClusterFirst',
  securityContext: {},
  terminationGracePeriodSeconds: 30,
  schedulerName: 'default-scheduler',
};
const specOf = (spec: Obj): Obj => applyDefaults(JOB, { spec: structuredClone(spec) }).spec as Obj;

describe('Job defaults', () => {
  const base = { template: { spec: podSpec } };
  const table: [string, Obj, Obj][] = [
    [
      'plain job',
      base,
      {
        template: { spec: DEFAULTED_POD_SPEC },
        completions: 1,
        parallelism: 1,
        backoffLimit: 6,
        completionMode: 'NonIndexed',
        suspend: false,
        podReplacementPolicy: 'TerminatingOrFailed',
        manualSelector: false,
      },
    ],
    [
      'work queue (parallelism only)',
      { ...base, parallelism: 3 },
      { template: { spec: DEFAULTED_POD_SPEC }, parallelism: 3, backoffLimit: 6, completionMode: 'NonIndexed', suspend: false, podReplacementPolicy: 'TerminatingOrFailed', manualSelector: false },
    ],
    [
      'completions only',
      { ...base, completions: 5 },
      { template: { spec: DEFAULTED_POD_SPEC }, completions: 5, parallelism: 1, backoffLimit: 6, completionMode: 'NonIndexed', suspend: false, podReplacementPolicy: 'TerminatingOrFailed', manualSelector: false },
    ],
    [
      'backoff limit per index',
      { ...base, completionMode: 'Indexed', completions: 2, backoffLimitPerIndex: 1 },
      {
        template: { spec: DEFAULTED_POD_SPEC },
        completionMode: 'Indexed',
        completions: 2,
        backoffLimitPerIndex: 1,
        parallelism: 1,
        backoffLimit: 2147483647,
        suspend: false,
        podReplacementPolicy: 'TerminatingOrFailed',
        manualSelector: false,
      },
    ],
    [
      'pod failure policy',
      { ...base, podFailurePolicy: { rules: [{ action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget' }] }] } },
      {
        template: { spec: DEFAULTED_POD_SPEC },
        podFailurePolicy: { rules: [{ action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget', status: 'True' }] }] },
        completions: 1,
        parallelism: 1,
        backoffLimit: 6,
        completionMode: 'NonIndexed',
        suspend: false,
        podReplacementPolicy: 'Failed',
        manualSelector: false,
      },
    ],
  ];
  for (const [name, spec, want] of table) it(name, () => { assert.deepEqual(specOf(spec), want); });

  it('create: generated selector and labels, shown on the job too', () => {
    const job = applyDefaults(JOB, { metadata: { name: 'pi', uid: 'u1' }, spec: { template: { metadata: { labels: { app: 'pi' } }, spec: structuredClone(podSpec) } } });
    prepareForCreate(JOB, job);
    const labels = { app: 'pi', 'job-name': 'pi', 'batch.kubernetes.io/job-name': 'pi', 'controller-uid': 'u1', 'batch.kubernetes.io/controller-uid': 'u1' };
    const parsed = JSON.parse(JSON.stringify(job)) as { metadata: Obj; spec: { selector: Obj; template: { metadata: Obj } }; status: Obj };
    assert.deepEqual(parsed.metadata.labels, labels);
    assert.deepEqual(parsed.spec.template.metadata.labels, labels);
    assert.deepEqual(parsed.spec.selector, { matchLabels: { 'batch.kubernetes.io/controller-uid': 'u1' } });
    assert.deepEqual(parsed.status, {});
  });
  it('explicit job labels are kept apart from the template', () => {
    const job = applyDefaults(JOB, { metadata: { name: 'pi', uid: 'u1', labels: { team: 'x' } }, spec: { template: { metadata: { labels: { app: 'pi' } }, spec: structuredClone(podSpec) } } });
    prepareForCreate(JOB, job);
    assert.deepEqual((job.metadata as Obj).labels, { team: 'x' });
  });
});

describe('CronJob defaults', () => {
  it('fills the policy fields and the pod template', () => {
    const cj = applyDefaults(CJ, { spec: { schedule: '@daily', jobTemplate: { spec: { template: { spec: structuredClone(podSpec) } } } } });
    assert.deepEqual(cj.spec, {
      schedule: '@daily',
      jobTemplate: { spec: { template: { spec: DEFAULTED_POD_SPEC } } },
      concurrencyPolicy: 'Allow',
      suspend: false,
      successfulJobsHistoryLimit: 3,
      failedJobsHistoryLimit: 1,
    });
  });
  it('keeps explicit values', () => {
    const cj = applyDefaults(CJ, { spec: { schedule: '@daily', concurrencyPolicy: 'Forbid', suspend: true, successfulJobsHistoryLimit: 0, failedJobsHistoryLimit: 0, jobTemplate: { spec: { template: { spec: {} } } } } });
    const spec = cj.spec as Obj;
    assert.equal(spec.concurrencyPolicy, 'Forbid');
    assert.equal(spec.suspend, true);
    assert.equal(spec.successfulJobsHistoryLimit, 0);
    assert.equal(spec.failedJobsHistoryLimit, 0);
  });
});
