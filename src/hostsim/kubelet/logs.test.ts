import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Container, Pod } from 'kubernetes-types/core/v1.js';
import { StatusError } from '../../api/status.js';
import { FakeClock, settle } from '../../client/testing/fake-clock.js';
import { ANNOTATIONS } from '../annotations.js';
import type { PodLogRequest } from '../../api/pod-logs.js';
import { podLogProvider } from './logs.js';

const T0 = Date.UTC(2026, 0, 1, 12);
const at = (s: number): string => `${new Date(T0 + s * 1000).toISOString().slice(0, 19)}Z`;

function pod(containers: Container[], statuses: NonNullable<Pod['status']>['containerStatuses'], annotations: Record<string, string> = {}): Pod {
  return { metadata: { name: 'p', namespace: 'ns', uid: 'u', annotations }, spec: { containers }, status: { containerStatuses: statuses } };
}

const request = (extra: Partial<PodLogRequest> = {}): PodLogRequest => ({ container: 'c', follow: false, previous: false, timestamps: false, ...extra });

async function text(result: Promise<string | AsyncIterable<string>>): Promise<string> {
  const r = await result;
  if (typeof r === 'string') return r;
  let out = '';
  for await (const chunk of r) out += chunk;
  return out;
}

describe('simulated logs', () => {
  const clock = new FakeClock(T0 + 60_000);
  const logs = podLogProvider({ lookup: () => undefined, clock, signal: new AbortController().signal });
  const running = (c: Container[], annotations: Record<string, string> = {}): Pod =>
    pod(c, [{ name: 'c', image: 'x', imageID: '', ready: true, restartCount: 0, state: { running: { startedAt: at(0) } } }], annotations);

  it('says what echo would say', async () => {
    assert.equal(await text(logs(running([{ name: 'c', image: 'busybox', command: ['sh', '-c', "echo 'hello world' && echo second; sleep 10"] }]), request())), 'hello world\nsecond\n');
  });
  it('writes nginx-like startup lines', async () => {
    assert.match(await text(logs(running([{ name: 'c', image: 'nginx:1.27' }]), request())), /\[notice\] 1#1: start worker processes\n/);
  });
  it('uses the log annotation, with tail, timestamps and byte limits', async () => {
    const p = running([{ name: 'c', image: 'x' }], { [ANNOTATIONS.log]: 'a\nb\nc' });
    assert.equal(await text(logs(p, request())), 'a\nb\nc\n');
    assert.equal(await text(logs(p, request({ tailLines: 1 }))), 'c\n');
    assert.equal(await text(logs(p, request({ limitBytes: 3 }))), 'a\nb');
    assert.equal(await text(logs(p, request({ timestamps: true, tailLines: 1 }))), '2026-01-01T12:00:00.000000000Z c\n');
    assert.equal(await text(logs(p, request({ sinceSeconds: 10 }))), '');
  });
  it('tells the previous run of a crashed container', async () => {
    const p = pod([{ name: 'c', image: 'x' }], [
      { name: 'c', image: 'x', imageID: '', ready: false, restartCount: 1, state: { waiting: { reason: 'CrashLoopBackOff' } }, lastState: { terminated: { exitCode: 1, startedAt: at(0), finishedAt: at(1) } } },
    ]);
    assert.match(await text(logs(p, request({ previous: true }))), /exiting with status 1/);
  });
  it('refuses what kubelet refuses', async () => {
    const waiting = pod([{ name: 'c', image: 'x' }], [{ name: 'c', image: 'x', imageID: '', ready: false, restartCount: 0, state: { waiting: { reason: 'ContainerCreating' } } }]);
    await assert.rejects(logs(waiting, request()), (e: unknown) => e instanceof StatusError && e.code === 400 && e.message === 'container "c" in pod "p" is waiting to start: ContainerCreating');
    await assert.rejects(logs(running([{ name: 'c', image: 'x' }]), request({ previous: true })), /previous terminated container "c" in pod "p" not found/);
    await assert.rejects(logs(running([{ name: 'c', image: 'x' }]), request({ container: 'other' })), /container other is not valid for pod p/);
  });
  it('follows until the container ends', async () => {
    const before = running([{ name: 'c', image: 'x', command: ['echo', 'working'] }]);
    const after: Pod = { ...before, status: { containerStatuses: [{ name: 'c', image: 'x', imageID: '', ready: false, restartCount: 0, state: { terminated: { exitCode: 0, startedAt: at(0), finishedAt: at(90) } } }] } };
    let current: Pod = before;
    const following = podLogProvider({ lookup: () => current, clock, signal: new AbortController().signal, pollMs: 1000 });
    const stream = await following(before, request({ follow: true }));
    assert.notEqual(typeof stream, 'string');
    const chunks: string[] = [];
    const reading = (async () => {
      for await (const chunk of stream as AsyncIterable<string>) chunks.push(chunk);
    })();
    await settle();
    assert.deepEqual(chunks, ['working\n']);
    await clock.advance(5000);
    assert.deepEqual(chunks, ['working\n']);
    current = after;
    await clock.advance(1000);
    await reading;
    assert.deepEqual(chunks, ['working\n']);
  });
});
