// Pods on the embedded host, driven with the real kubectl: scheduling, the simulated kubelet's
// status, the behaviour annotations, logs and graceful deletion.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Pod } from 'kubernetes-types/core/v1.js';
import { resources } from '../../src/client/index.js';
import { ANNOTATIONS } from '../../src/hostsim/index.js';
import { startEmbeddedHost, type EmbeddedHost } from '../support/host.js';
import { waitFor } from '../support/wait.js';

const rows = (table: string): string[][] => table.trim().split('\n').slice(1).map((l) => l.trim().split(/\s{2,}/));

function podJson(name: string, namespace: string, spec: Record<string, unknown> = {}, annotations: Record<string, string> = {}, labels: Record<string, string> = {}): string {
  return JSON.stringify({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace, annotations, labels },
    spec: { containers: [{ name: 'app', image: 'nginx:1.27', ports: [{ containerPort: 80 }] }], ...spec },
  });
}

describe('hostsim pods', () => {
  let host: EmbeddedHost;
  const get = (ns: string, name: string): Promise<Pod | undefined> => host.client.get(resources.pods, name, { namespace: ns });
  const until = (ns: string, name: string, what: string, check: (p: Pod) => boolean, timeoutMs = 60_000): Promise<void> =>
    waitFor(async () => {
      const p = await get(ns, name);
      return p !== undefined && check(p);
    }, { timeoutMs, what: `${ns}/${name}: ${what}` });
  const running = (ns: string, name: string): Promise<void> => until(ns, name, 'Running', (p) => p.status?.phase === 'Running');

  before(async () => {
    host = await startEmbeddedHost({ storage: 'sqlite', controllers: false });
    for (const ns of ['spread', 'sched', 'life', 'logs', 'del']) await host.kubectlOk(['create', 'namespace', ns]);
  });
  after(async () => {
    await host.stop();
  });

  it('schedules pods over the nodes and runs them with addresses from the node subnets', async () => {
    for (const name of ['a', 'b', 'c']) await host.kubectlOk(['apply', '-f', '-'], podJson(name, 'spread', {}, {}, { app: 'spread' }));
    for (const name of ['a', 'b', 'c']) await running('spread', name);
    const table = rows(await host.kubectlOk(['get', 'pods', '-n', 'spread', '-o', 'wide']));
    assert.equal(table.length, 3);
    const nodes = new Set<string>();
    const ips = new Set<string>();
    for (const [name, ready, status, restarts, , ip, node] of table) {
      assert.ok(name && ip && node);
      assert.equal(ready, '1/1');
      assert.equal(status, 'Running');
      assert.equal(restarts, '0');
      const index = Number(node.replace('vcluster-ts-node-', '')) - 1;
      assert.ok(ip.startsWith(`10.244.${index}.`), `${ip} is in the subnet of ${node}`);
      nodes.add(node);
      ips.add(ip);
    }
    assert.equal(nodes.size, 3, 'one pod per node');
    assert.equal(ips.size, 3);
    const pod = await get('spread', 'a');
    assert.deepEqual(pod?.status?.conditions?.map((c) => `${c.type}=${c.status}`), ['PodReadyToStartContainers=True', 'Initialized=True', 'Ready=True', 'ContainersReady=True', 'PodScheduled=True']);
    const cs = pod.status.containerStatuses?.[0];
    assert.equal(cs?.ready, true);
    assert.equal(cs.started, true);
    assert.equal(cs.restartCount, 0);
    assert.equal(cs.image, 'docker.io/library/nginx:1.27');
    assert.match(cs.imageID, /^docker\.io\/library\/nginx@sha256:[0-9a-f]{64}$/);
    assert.match(cs.containerID ?? '', /^containerd:\/\/[0-9a-f]{64}$/);
    assert.ok(cs.state?.running?.startedAt);
    assert.ok(pod.status.startTime);
    assert.match(pod.status.hostIP ?? '', /^172\.18\.0\.[234]$/);
    const managers = (pod.metadata?.managedFields ?? []).map((e) => `${e.manager ?? ''}${e.subresource ? `/${e.subresource}` : ''}`).sort();
    assert.deepEqual(managers, ['kubectl-client-side-apply', 'kubelet/status'], 'the status is written under the kubelet\'s name');
    const events = await host.kubectlOk(['get', 'events', '-n', 'spread', '--field-selector', 'involvedObject.name=a']);
    for (const reason of ['Scheduled', 'Pulled', 'Created', 'Started']) assert.ok(events.includes(reason), `event ${reason}`);
    assert.match(events, /Successfully assigned spread\/a to vcluster-ts-node-\d/);
  });

  it('keeps a pod with an unsatisfiable nodeSelector Pending with FailedScheduling, and schedules it when a node matches', async () => {
    await host.kubectlOk(['apply', '-f', '-'], podJson('picky', 'sched', { nodeSelector: { disktype: 'ssd' } }));
    const message = "0/3 nodes are available: 3 node(s) didn't match Pod's node affinity/selector. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.";
    await until('sched', 'picky', 'unschedulable', (p) => p.status?.conditions?.some((c) => c.type === 'PodScheduled' && c.status === 'False' && c.reason === 'Unschedulable' && c.message === message) === true);
    await waitFor(async () => (await host.kubectlOk(['get', 'events', '-n', 'sched', '--field-selector', 'involvedObject.name=picky,reason=FailedScheduling'])).includes(message), { timeoutMs: 30_000, what: 'the FailedScheduling event' });
    const described = await host.kubectlOk(['describe', 'pod', 'picky', '-n', 'sched']);
    assert.match(described, /Status:\s+Pending/);
    assert.match(described, /Warning\s+FailedScheduling\s+.*default-scheduler\s+0\/3 nodes are available: 3 node\(s\) didn't match Pod's node affinity\/selector\./);
    assert.equal((await get('sched', 'picky'))?.spec?.nodeName, undefined);
    await host.kubectlOk(['label', 'node', 'vcluster-ts-node-2', 'disktype=ssd']);
    try {
      await running('sched', 'picky');
      assert.equal((await get('sched', 'picky'))?.spec?.nodeName, 'vcluster-ts-node-2');
    } finally {
      await host.kubectlOk(['label', 'node', 'vcluster-ts-node-2', 'disktype-']);
    }
  });

  it('honours required node affinity, DaemonSet style', async () => {
    const affinity = { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['vcluster-ts-node-3'] }] }] } } };
    await host.kubectlOk(['apply', '-f', '-'], podJson('pinned', 'sched', { affinity }));
    await running('sched', 'pinned');
    assert.equal((await get('sched', 'pinned'))?.spec?.nodeName, 'vcluster-ts-node-3');
  });

  it('refuses requests larger than any node, then counts what bound pods request', async () => {
    const big = (name: string, cpu: string): string => podJson(name, 'sched', { containers: [{ name: 'app', image: 'busybox:1.36', command: ['sleep', '3600'], resources: { requests: { cpu } } }] });
    await host.kubectlOk(['apply', '-f', '-'], big('huge', '9'));
    await until('sched', 'huge', 'unschedulable', (p) => p.status?.conditions?.some((c) => c.message === '0/3 nodes are available: 3 Insufficient cpu. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.') === true);
    for (const name of ['six-1', 'six-2', 'six-3']) await host.kubectlOk(['apply', '-f', '-'], big(name, '6'));
    for (const name of ['six-1', 'six-2', 'six-3']) await running('sched', name);
    await host.kubectlOk(['apply', '-f', '-'], big('six-4', '6'));
    await until('sched', 'six-4', 'unschedulable', (p) => p.status?.conditions?.some((c) => c.reason === 'Unschedulable' && c.message?.startsWith('0/3 nodes are available: 3 Insufficient cpu.') === true) === true);
    await host.kubectlOk(['delete', 'pod', 'six-1', '-n', 'sched', '--wait']);
    await running('sched', 'six-4');
    for (const name of ['huge', 'six-2', 'six-3', 'six-4']) await host.kubectlOk(['delete', 'pod', name, '-n', 'sched', '--wait=false']);
  });

  it('completes run-to-completion pods', async () => {
    await host.kubectlOk(['run', 'once', '-n', 'life', '--restart=Never', '--image=busybox:1.36', '--', 'sh', '-c', 'echo finished the work']);
    await until('life', 'once', 'Succeeded', (p) => p.status?.phase === 'Succeeded');
    const pod = await get('life', 'once');
    const terminated = pod?.status?.containerStatuses?.[0]?.state?.terminated;
    assert.equal(terminated?.exitCode, 0);
    assert.equal(terminated.reason, 'Completed');
    assert.ok(pod?.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'False' && c.reason === 'PodCompleted'));
    assert.equal(rows(await host.kubectlOk(['get', 'pod', 'once', '-n', 'life']))[0]?.[2], 'Completed');
    assert.equal(await host.kubectlOk(['logs', 'once', '-n', 'life']), 'finished the work\n');
  });

  it('runs pods owned by a Job to completion', async () => {
    const job = await host.client.create(resources.jobs, {
      metadata: { name: 'batch', namespace: 'life' },
      spec: { template: { spec: { restartPolicy: 'Never', containers: [{ name: 'work', image: 'busybox:1.36' }] } } },
    });
    await host.client.create(resources.pods, {
      metadata: { name: 'batch-worker', namespace: 'life', labels: { 'batch.kubernetes.io/job-name': 'batch' }, ownerReferences: [{ apiVersion: 'batch/v1', kind: 'Job', name: 'batch', uid: job.metadata?.uid ?? '', controller: true }] },
      spec: { restartPolicy: 'Never', containers: [{ name: 'work', image: 'busybox:1.36' }] },
    });
    await until('life', 'batch-worker', 'Succeeded', (p) => p.status?.phase === 'Succeeded');
  });

  it('simulates a crash loop', async () => {
    await host.kubectlOk(['apply', '-f', '-'], podJson('crashy', 'life', {}, { [ANNOTATIONS.crash]: 'true' }));
    await until('life', 'crashy', 'restarted twice and backing off', (p) => {
      const cs = p.status?.containerStatuses?.[0];
      return (cs?.restartCount ?? 0) >= 2 && cs?.state?.waiting?.reason === 'CrashLoopBackOff';
    }, 120_000);
    const row = rows(await host.kubectlOk(['get', 'pod', 'crashy', '-n', 'life']))[0];
    assert.equal(row?.[2], 'CrashLoopBackOff');
    const pod = await get('life', 'crashy');
    assert.equal(pod?.status?.phase, 'Running');
    assert.equal(pod.status.containerStatuses?.[0]?.lastState?.terminated?.exitCode, 1);
    assert.equal(pod.status.containerStatuses[0].lastState.terminated.reason, 'Error');
    assert.match(pod.status.containerStatuses[0].state?.waiting?.message ?? '', /^back-off (10|20)s restarting failed container=app pod=crashy_life\(/);
    assert.match(await host.kubectlOk(['logs', 'crashy', '-n', 'life', '--previous']), /exiting with status 1/);
    await waitFor(async () => (await host.kubectlOk(['get', 'events', '-n', 'life', '--field-selector', 'involvedObject.name=crashy,reason=BackOff'])).includes('Back-off restarting failed container app in pod crashy_life'), { timeoutMs: 30_000, what: 'the BackOff event' });
  });

  it('simulates a failure', async () => {
    await host.kubectlOk(['apply', '-f', '-'], podJson('doomed', 'life', { restartPolicy: 'Never' }, { [ANNOTATIONS.fail]: 'true' }));
    await until('life', 'doomed', 'Failed', (p) => p.status?.phase === 'Failed');
    const terminated = (await get('life', 'doomed'))?.status?.containerStatuses?.[0]?.state?.terminated;
    assert.equal(terminated?.exitCode, 1);
    assert.equal(terminated.reason, 'Error');
    assert.equal(rows(await host.kubectlOk(['get', 'pod', 'doomed', '-n', 'life']))[0]?.[2], 'Error');
  });

  it('simulates a slow start', async () => {
    await host.kubectlOk(['apply', '-f', '-'], podJson('slow', 'life', {}, { [ANNOTATIONS.startDelaySeconds]: '8' }));
    let sawCreating = false;
    await until('life', 'slow', 'Running after ContainerCreating', (p) => {
      if (p.status?.containerStatuses?.[0]?.state?.waiting?.reason === 'ContainerCreating' && p.status.phase === 'Pending' && p.status.podIP !== undefined) sawCreating = true;
      return p.status?.phase === 'Running';
    });
    assert.ok(sawCreating, 'the pod was ContainerCreating first');
  });

  it('runs init containers first', async () => {
    await host.kubectlOk(['apply', '-f', '-'], podJson('initd', 'life', { initContainers: [{ name: 'migrate', image: 'busybox:1.36' }] }, { [ANNOTATIONS.initSeconds]: '4' }));
    let sawInit = false;
    await until('life', 'initd', 'Running after Init', (p) => {
      if (p.status?.initContainerStatuses?.[0]?.state?.running && p.status.phase === 'Pending') sawInit = true;
      return p.status?.phase === 'Running';
    });
    assert.ok(sawInit);
    const pod = await get('life', 'initd');
    assert.equal(pod?.status?.initContainerStatuses?.[0]?.state?.terminated?.reason, 'Completed');
  });

  it('honours readiness gates', async () => {
    await host.kubectlOk(['apply', '-f', '-'], podJson('gated', 'life', { readinessGates: [{ conditionType: 'example.com/load-balancer' }] }));
    await until('life', 'gated', 'Running but not Ready', (p) => p.status?.phase === 'Running' && p.status.conditions?.some((c) => c.type === 'Ready' && c.status === 'False' && c.reason === 'ReadinessGatesNotReady') === true);
    assert.equal(rows(await host.kubectlOk(['get', 'pod', 'gated', '-n', 'life', '-o', 'wide']))[0]?.[8], '0/1');
    await host.client.patch(resources.pods, 'gated', { status: { conditions: [{ type: 'example.com/load-balancer', status: 'True' }] } }, { type: 'strategic', subresource: 'status', namespace: 'life' });
    await until('life', 'gated', 'Ready', (p) => p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') === true);
  });

  it('serves plausible logs', async () => {
    await host.kubectlOk(['apply', '-f', '-'], podJson('web', 'logs'));
    await host.kubectlOk(['run', 'talker', '-n', 'logs', '--image=busybox:1.36', '--', 'sh', '-c', 'echo hello from hostsim; sleep 3600']);
    await host.kubectlOk(['apply', '-f', '-'], podJson('custom', 'logs', { containers: [{ name: 'a', image: 'x' }, { name: 'b', image: 'y' }] }, { [ANNOTATIONS.log]: 'line one\nline two\nline three' }));
    for (const name of ['web', 'talker', 'custom']) await running('logs', name);
    assert.match(await host.kubectlOk(['logs', 'web', '-n', 'logs']), /Configuration complete; ready for start up/);
    assert.equal(await host.kubectlOk(['logs', 'talker', '-n', 'logs']), 'hello from hostsim\n');
    assert.equal(await host.kubectlOk(['logs', 'custom', '-n', 'logs', '-c', 'b', '--tail=2']), 'line two\nline three\n');
    assert.match(await host.kubectlOk(['logs', 'custom', '-n', 'logs', '-c', 'a', '--timestamps']), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z line one\n/);
    const defaulted = await host.kubectl(['logs', 'custom', '-n', 'logs']);
    assert.equal(defaulted.code, 0);
    assert.match(defaulted.stderr, /Defaulted container "a" out of: a, b/);
    assert.equal(defaulted.stdout, 'line one\nline two\nline three\n');
    const previous = await host.kubectl(['logs', 'web', '-n', 'logs', '--previous']);
    assert.notEqual(previous.code, 0);
    assert.match(previous.stderr, /previous terminated container "app" in pod "web" not found/);
  });

  it('follows a log until the container ends', async () => {
    await host.kubectlOk(['apply', '-f', '-'], podJson('short', 'logs', { restartPolicy: 'Never', containers: [{ name: 'app', image: 'busybox:1.36', command: ['sh', '-c', 'echo working'] }] }, { [ANNOTATIONS.runSeconds]: '4' }));
    await running('logs', 'short');
    const followed = await host.kubectl(['logs', '-f', 'short', '-n', 'logs']);
    assert.equal(followed.code, 0, followed.stderr);
    assert.equal(followed.stdout, 'working\n');
    assert.equal((await get('logs', 'short'))?.status?.phase, 'Succeeded');
  });

  it('deletes gracefully: containers stop, then the kubelet removes the pod', async () => {
    await host.kubectlOk(['apply', '-f', '-'], podJson('leaving', 'del', { terminationGracePeriodSeconds: 30 }, { [ANNOTATIONS.terminationSeconds]: '2' }));
    await running('del', 'leaving');
    const uid = (await get('del', 'leaving'))?.metadata?.uid;
    await host.kubectlOk(['delete', 'pod', 'leaving', '-n', 'del', '--wait', '--timeout=60s']);
    assert.equal(await get('del', 'leaving'), undefined);
    await waitFor(async () => (await host.kubectlOk(['get', 'events', '-n', 'del', '--field-selector', `involvedObject.uid=${uid ?? ''},reason=Killing`])).includes('Stopping container app'), { timeoutMs: 30_000, what: 'the Killing event' });
  });

  it('kills what outlives its grace period', async () => {
    await host.kubectlOk(['apply', '-f', '-'], podJson('stubborn', 'del', { terminationGracePeriodSeconds: 2 }, { [ANNOTATIONS.terminationSeconds]: '600' }));
    await running('del', 'stubborn');
    await host.kubectlOk(['delete', 'pod', 'stubborn', '-n', 'del', '--wait', '--timeout=60s']);
    assert.equal(await get('del', 'stubborn'), undefined);
  });

  it('deletes a pending pod at once', async () => {
    await host.kubectlOk(['apply', '-f', '-'], podJson('never', 'del', { nodeSelector: { nowhere: 'true' } }));
    await host.kubectlOk(['delete', 'pod', 'never', '-n', 'del', '--wait', '--timeout=60s']);
    assert.equal(await get('del', 'never'), undefined);
  });
});
