// The Job controller in-process against our API server, with kubectl: a Job completes (its pods
// tracked with the job-tracking finalizer, counted, then released), an Indexed Job fills every
// index, a failing Job stops at backoffLimit, a suspended Job runs nothing until resumed, and a
// finished Job with ttlSecondsAfterFinished is deleted.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Job } from 'kubernetes-types/batch/v1.js';
import type { Pod } from 'kubernetes-types/core/v1.js';
import { resources } from '../../src/client/index.js';
import { jobController } from '../../src/controllers/job.js';
import { waitFor } from '../support/wait.js';
import { ensureNamespace, startCluster, type Cluster } from './controllers-workloads-support.js';

let cluster: Cluster;
before(async () => {
  cluster = await startCluster({
    controllers: (ctx) => [jobController(ctx, { podFailureBackoffMs: 50, maxPodFailureBackoffMs: 200 })],
    kubelet: {
      defaultNode: 'node-1',
      finish: (pod) => (pod.metadata?.labels?.fail === 'yes' ? 'Failed' : pod.metadata?.labels?.hold === 'yes' ? undefined : 'Succeeded'),
    },
  });
  await ensureNamespace(cluster.client, 'jobs');
});
after(async () => {
  await cluster.stop();
});

const job = async (name: string): Promise<Job | undefined> => cluster.client.get(resources.jobs, name, { namespace: 'jobs' });
const podsOf = async (name: string): Promise<Pod[]> => (await cluster.client.list(resources.pods, { namespace: 'jobs', labelSelector: `batch.kubernetes.io/job-name=${name}` })).items;
const conditionTypes = (j: Job | undefined): string[] => (j?.status?.conditions ?? []).filter((c) => c.status === 'True').map((c) => `${c.type}/${c.reason ?? ''}`);

const jobYaml = (name: string, spec: string, labels = ''): string => `apiVersion: batch/v1
kind: Job
metadata: {name: ${name}, namespace: jobs}
spec:
${spec}
  template:
    metadata: {labels: {${labels}}}
    spec:
      restartPolicy: Never
      containers: [{name: main, image: "busybox:1.36", command: ["true"]}]
`;

describe('Job', () => {
  it('completes: completions and parallelism, counted through the tracking finalizer', async () => {
    await cluster.kubectl(['apply', '-f', '-'], { input: jobYaml('count', '  completions: 3\n  parallelism: 2') });
    const wait = await cluster.kubectl(['wait', '--for=condition=complete', 'job/count', '-n', 'jobs', '--timeout=60s'], { timeoutMs: 90_000 });
    assert.match(wait.stdout, /condition met/);
    const j = await job('count');
    const s = j?.status ?? {};
    assert.deepEqual([s.succeeded, s.active, s.failed, s.ready, s.terminating, s.uncountedTerminatedPods], [3, undefined, undefined, 0, 0, {}]);
    assert.deepEqual(conditionTypes(j), ['SuccessCriteriaMet/CompletionsReached', 'Complete/CompletionsReached']);
    assert.ok(s.startTime !== undefined && s.completionTime !== undefined);
    const pods = await podsOf('count');
    assert.equal(pods.length, 3);
    for (const p of pods) {
      assert.equal(p.status?.phase, 'Succeeded');
      assert.ok(!(p.metadata?.finalizers ?? []).includes('batch.kubernetes.io/job-tracking'), 'finalizer removed once counted');
      assert.ok(p.metadata?.name?.startsWith('count-'));
    }
    const get = await cluster.kubectl(['get', 'job', 'count', '-n', 'jobs']);
    assert.match(get.stdout, /count\s+Complete\s+3\/3/);
  });

  it('Indexed: one pod per index, with the index annotation, label, variable and hostname', async () => {
    await cluster.kubectl(['apply', '-f', '-'], { input: jobYaml('indexed', '  completions: 3\n  parallelism: 3\n  completionMode: Indexed') });
    await cluster.kubectl(['wait', '--for=condition=complete', 'job/indexed', '-n', 'jobs', '--timeout=60s'], { timeoutMs: 90_000 });
    const j = await job('indexed');
    assert.deepEqual([j?.status?.completedIndexes, j?.status?.succeeded], ['0-2', 3]);
    const pods = (await podsOf('indexed')).sort((a, b) => (a.metadata?.name ?? '').localeCompare(b.metadata?.name ?? ''));
    assert.deepEqual(pods.map((p) => p.metadata?.annotations?.['batch.kubernetes.io/job-completion-index']), ['0', '1', '2']);
    for (const p of pods) {
      const ix = p.metadata?.annotations?.['batch.kubernetes.io/job-completion-index'];
      assert.equal(p.metadata?.labels?.['batch.kubernetes.io/job-completion-index'], ix);
      assert.ok(p.metadata?.name?.startsWith(`indexed-${ix}-`));
      assert.equal(p.spec?.hostname, `indexed-${ix}`);
      assert.deepEqual(p.spec.containers[0]?.env?.find((e) => e.name === 'JOB_COMPLETION_INDEX')?.valueFrom?.fieldRef?.fieldPath, "metadata.annotations['batch.kubernetes.io/job-completion-index']");
    }
  });

  it('fails once more pods failed than backoffLimit allows', async () => {
    await cluster.kubectl(['apply', '-f', '-'], { input: jobYaml('failing', '  backoffLimit: 2', 'fail: "yes"') });
    await cluster.kubectl(['wait', '--for=condition=failed', 'job/failing', '-n', 'jobs', '--timeout=60s'], { timeoutMs: 90_000 });
    const j = await job('failing');
    assert.deepEqual([j?.status?.failed, j?.status?.completionTime], [3, undefined]);
    assert.deepEqual(conditionTypes(j), ['FailureTarget/BackoffLimitExceeded', 'Failed/BackoffLimitExceeded']);
    assert.equal((await podsOf('failing')).length, 3);
  });

  it('fails with DeadlineExceeded after activeDeadlineSeconds, its running pods deleted and counted', async () => {
    await cluster.kubectl(['apply', '-f', '-'], { input: jobYaml('deadline', '  activeDeadlineSeconds: 1\n  parallelism: 2\n  completions: 2', 'hold: "yes"') });
    await cluster.kubectl(['wait', '--for=condition=failed', 'job/deadline', '-n', 'jobs', '--timeout=60s'], { timeoutMs: 90_000 });
    const j = await job('deadline');
    assert.deepEqual(conditionTypes(j), ['FailureTarget/DeadlineExceeded', 'Failed/DeadlineExceeded']);
    assert.deepEqual([j?.status?.failed, j?.status?.active, j?.status?.terminating], [2, undefined, 0]);
    await waitFor(async () => (await podsOf('deadline')).length === 0, { timeoutMs: 30_000, what: 'the deleted pods to go once their finalizer is removed' });
  });

  it('runs nothing while suspended and starts on resume', async () => {
    await cluster.kubectl(['apply', '-f', '-'], { input: jobYaml('later', '  suspend: true') });
    await waitFor(async () => conditionTypes(await job('later')).includes('Suspended/JobSuspended'), { timeoutMs: 30_000, what: 'Suspended' });
    assert.equal((await podsOf('later')).length, 0);
    assert.equal((await job('later'))?.status?.startTime, undefined);
    await cluster.kubectl(['patch', 'job/later', '-n', 'jobs', '--type=merge', '-p', '{"spec":{"suspend":false}}']);
    await cluster.kubectl(['wait', '--for=condition=complete', 'job/later', '-n', 'jobs', '--timeout=60s'], { timeoutMs: 90_000 });
    const suspended = (await job('later'))?.status?.conditions?.find((c) => c.type === 'Suspended');
    assert.deepEqual([suspended?.status, suspended?.reason], ['False', 'JobResumed']);
  });

  it('deletes a finished Job after ttlSecondsAfterFinished', async () => {
    await cluster.kubectl(['apply', '-f', '-'], { input: jobYaml('short', '  ttlSecondsAfterFinished: 0') });
    // Foreground deletion: without a garbage collector here it stays, marked for deletion.
    await waitFor(async () => {
      const j = await job('short');
      return j === undefined || j.metadata?.deletionTimestamp !== undefined;
    }, { timeoutMs: 30_000, what: 'the job to be deleted' });
  });
});
