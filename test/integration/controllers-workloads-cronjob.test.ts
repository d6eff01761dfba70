// The CronJob controller (with the Job controller) in-process against our API server, on a fake
// clock the test moves: a CronJob made with kubectl creates `<name>-<minutes>` Jobs at its
// schedule, records them, sees them complete, keeps only its history limit, and honours Forbid,
// Replace and suspend.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { CronJob, Job } from 'kubernetes-types/batch/v1.js';
import { resources } from '../../src/client/index.js';
import { FakeClock } from '../../src/client/testing/fake-clock.js';
import { cronJobController } from '../../src/controllers/cronjob.js';
import { jobController } from '../../src/controllers/job.js';
import { waitFor } from '../support/wait.js';
import { ensureNamespace, startCluster, type Cluster } from './controllers-workloads-support.js';

const MINUTE = 60_000;
const rfc3339 = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

let cluster: Cluster;
let clock: FakeClock;
before(async () => {
  clock = new FakeClock(Date.now());
  cluster = await startCluster({
    controllers: (ctx) => [cronJobController(ctx), jobController(ctx)],
    clock,
    kubelet: { defaultNode: 'node-1', finish: (pod) => (pod.metadata?.labels?.hold === 'yes' ? undefined : 'Succeeded') },
  });
  await ensureNamespace(cluster.client, 'cron');
});
after(async () => {
  await cluster.stop();
});

const cronJob = async (name: string): Promise<CronJob> => (await cluster.client.get(resources.cronJobs, name, { namespace: 'cron' }))!;
const jobsOf = async (name: string): Promise<Job[]> =>
  (await cluster.client.list(resources.jobs, { namespace: 'cron' })).items.filter((j) => j.metadata?.ownerReferences?.some((r) => r.kind === 'CronJob' && r.name === name) && !j.metadata.deletionTimestamp);
/** Moves the clock to just after the next multiple of `period` (minutes) and returns that time. */
const advanceToNext = async (periodMinutes: number): Promise<number> => {
  const period = periodMinutes * MINUTE;
  const next = Math.floor(clock.now() / period) * period + period;
  await clock.advance(next + 1000 - clock.now());
  return next;
};

const cronYaml = (name: string, schedule: string, extra: string, labels = ''): string => `apiVersion: batch/v1
kind: CronJob
metadata: {name: ${name}, namespace: cron}
spec:
  schedule: "${schedule}"
${extra}
  jobTemplate:
    spec:
      template:
        metadata: {labels: {${labels}}}
        spec:
          restartPolicy: Never
          containers: [{name: main, image: "busybox:1.36"}]
`;

describe('CronJob', () => {
  it('creates a Job at each activation, sees it complete and keeps its history limit', async () => {
    await cluster.kubectl(['create', 'cronjob', 'tick', '-n', 'cron', '--image=busybox:1.36', '--schedule=*/5 * * * *']);
    await cluster.kubectl(['patch', 'cronjob/tick', '-n', 'cron', '--type=merge', '-p', '{"spec":{"successfulJobsHistoryLimit":2}}']);
    const times: number[] = [];
    for (let i = 0; i < 3; i++) {
      const at = await advanceToNext(5);
      times.push(at);
      const name = `tick-${Math.floor(at / MINUTE)}`;
      await waitFor(async () => (await jobsOf('tick')).some((j) => j.metadata?.name === name), { timeoutMs: 30_000, what: `job ${name}` });
      const job = (await cluster.client.get(resources.jobs, name, { namespace: 'cron' }))!;
      assert.equal(job.metadata?.annotations?.['batch.kubernetes.io/cronjob-scheduled-timestamp'], rfc3339(at));
      assert.deepEqual(job.metadata.ownerReferences?.map((r) => [r.kind, r.name, r.controller]), [['CronJob', 'tick', true]]);
      await waitFor(async () => {
        const cj = await cronJob('tick');
        return cj.status?.lastScheduleTime === rfc3339(at) && (cj.status.active ?? []).length === 0 && cj.status.lastSuccessfulTime !== undefined;
      }, { timeoutMs: 30_000, what: `${name} to complete and leave the active list` });
    }
    await waitFor(async () => (await jobsOf('tick')).length === 2, { timeoutMs: 30_000, what: 'history limit 2' });
    const names = (await jobsOf('tick')).map((j) => j.metadata?.name).sort();
    assert.deepEqual(names, times.slice(1).map((t) => `tick-${Math.floor(t / MINUTE)}`).sort());
    const get = await cluster.kubectl(['get', 'cronjob', 'tick', '-n', 'cron']);
    assert.match(get.stdout, /tick\s+\*\/5 \* \* \* \*\s+<none>\s+False\s+0/);
  });

  it('Forbid: no new Job while one is still running', async () => {
    await cluster.kubectl(['apply', '-f', '-'], { input: cronYaml('forbid', '* * * * *', '  concurrencyPolicy: Forbid', 'hold: "yes"') });
    // Created after activations already passed (the clock is ahead): the latest one runs at once.
    await waitFor(async () => (await jobsOf('forbid')).length === 1, { timeoutMs: 30_000, what: 'the first job' });
    const first = (await jobsOf('forbid'))[0]!.metadata?.name;
    const lastSchedule = (await cronJob('forbid')).status?.lastScheduleTime;
    await advanceToNext(1);
    await waitFor(async () => (await cluster.client.list(resources.events, { namespace: 'cron' })).items.some((e) => e.reason === 'JobAlreadyActive' && e.involvedObject.name === 'forbid'), {
      timeoutMs: 30_000,
      what: 'the JobAlreadyActive event',
    });
    assert.deepEqual((await jobsOf('forbid')).map((j) => j.metadata?.name), [first]);
    assert.equal((await cronJob('forbid')).status?.lastScheduleTime, lastSchedule);
    await cluster.kubectl(['patch', 'cronjob/forbid', '-n', 'cron', '--type=merge', '-p', '{"spec":{"suspend":true}}']);
  });

  it('Replace: the running Job is replaced by the next one', async () => {
    await cluster.kubectl(['apply', '-f', '-'], { input: cronYaml('replace', '* * * * *', '  concurrencyPolicy: Replace', 'hold: "yes"') });
    await waitFor(async () => (await jobsOf('replace')).length === 1, { timeoutMs: 30_000, what: 'the first job' });
    const first = (await jobsOf('replace'))[0]!.metadata?.name;
    const second = await advanceToNext(1);
    await waitFor(async () => {
      const names = (await jobsOf('replace')).map((j) => j.metadata?.name);
      return names.length === 1 && names[0] === `replace-${Math.floor(second / MINUTE)}`;
    }, { timeoutMs: 30_000, what: 'the second job to replace the first' });
    const cj = await cronJob('replace');
    assert.deepEqual(cj.status?.active?.map((r) => r.name), [`replace-${Math.floor(second / MINUTE)}`]);
    assert.notEqual(first, `replace-${Math.floor(second / MINUTE)}`);
    await cluster.kubectl(['patch', 'cronjob/replace', '-n', 'cron', '--type=merge', '-p', '{"spec":{"suspend":true}}']);
  });

  it('suspend: nothing is scheduled', async () => {
    await cluster.kubectl(['apply', '-f', '-'], { input: cronYaml('paused', '* * * * *', '  suspend: true') });
    await advanceToNext(1);
    await advanceToNext(1);
    await new Promise((r) => setTimeout(r, 300));
    assert.equal((await jobsOf('paused')).length, 0);
    assert.equal((await cronJob('paused')).status?.lastScheduleTime, undefined);
    // Resumed, the missed activation runs: the controller was there all along.
    await cluster.kubectl(['patch', 'cronjob/paused', '-n', 'cron', '--type=merge', '-p', '{"spec":{"suspend":false}}']);
    await waitFor(async () => (await jobsOf('paused')).length === 1, { timeoutMs: 30_000, what: 'a job once resumed' });
  });
});
