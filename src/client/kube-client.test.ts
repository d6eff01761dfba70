import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { StatusError } from '../api/status.js';
import type { Credentials } from './credentials.js';
import { TransportError } from './errors.js';
import { KubeClient } from './kube-client.js';
import { resources } from './resources.js';
import { FakeClock, settle } from './testing/fake-clock.js';
import type { Transport, TransportRequest, TransportResponse } from './transport.js';

interface Reply {
  readonly status: number;
  readonly body?: unknown;
  readonly headers?: Record<string, string>;
}

/** Answers requests from a script and records them. */
class ScriptedTransport implements Transport {
  readonly requests: TransportRequest[] = [];
  constructor(private readonly replies: (Reply | ((req: TransportRequest) => Promise<TransportResponse>))[]) {}
  request(req: TransportRequest): Promise<TransportResponse> {
    this.requests.push(req);
    const reply = this.replies.shift();
    if (!reply) return Promise.reject(new Error(`unexpected request ${req.method} ${req.path}`));
    if (typeof reply === 'function') return reply(req);
    const text = typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body ?? {});
    return Promise.resolve({
      status: reply.status,
      headers: reply.headers ?? { 'content-type': 'application/json' },
      body: (async function* () {
        yield await Promise.resolve(Buffer.from(text));
      })(),
      cancel: () => undefined,
    });
  }
  close(): Promise<void> {
    return Promise.resolve();
  }
}

const status = (code: number, reason: string, message: string): Record<string, unknown> => ({ kind: 'Status', apiVersion: 'v1', status: 'Failure', code, reason, message });

describe('KubeClient', () => {
  it('builds paths, query and headers', async () => {
    const transport = new ScriptedTransport([{ status: 200, body: { kind: 'ConfigMapList', apiVersion: 'v1', metadata: { resourceVersion: '5' }, items: [{ metadata: { name: 'a' } }] } }]);
    const client = new KubeClient({ transport, userAgent: 'test/1', clock: new FakeClock() });
    const list = await client.list(resources.configMaps, { namespace: 'ns', labelSelector: 'a=b', limit: 10 });
    assert.equal(transport.requests[0]?.path, '/api/v1/namespaces/ns/configmaps?labelSelector=a%3Db&limit=10');
    assert.equal(transport.requests[0].headers['user-agent'], 'test/1');
    assert.equal(transport.requests[0].headers.accept, 'application/json');
    assert.deepEqual(list.items[0], { metadata: { name: 'a' }, apiVersion: 'v1', kind: 'ConfigMap' });
  });

  it('sends patch content types, field managers and delete options', async () => {
    const transport = new ScriptedTransport([{ status: 200, body: {} }, { status: 200, body: {} }, { status: 200, body: { kind: 'Status', status: 'Success' } }]);
    const client = new KubeClient({ transport, clock: new FakeClock() });
    await client.patch(resources.deployments, 'web', { spec: {} }, { type: 'strategic', namespace: 'ns' });
    await client.apply(resources.deployments, { metadata: { name: 'web', namespace: 'ns' } }, { fieldManager: 'me', force: true });
    const deleted = await client.delete(resources.pods, 'p', { namespace: 'ns', gracePeriodSeconds: 0, propagationPolicy: 'Foreground', preconditions: { uid: 'u' } });
    assert.equal(transport.requests[0]?.headers['content-type'], 'application/strategic-merge-patch+json');
    assert.equal(transport.requests[1]?.headers['content-type'], 'application/apply-patch+yaml');
    assert.equal(transport.requests[1].path, '/apis/apps/v1/namespaces/ns/deployments/web?fieldManager=me&force=true');
    assert.deepEqual(JSON.parse(transport.requests[2]?.body?.toString() ?? ''), { kind: 'DeleteOptions', apiVersion: 'v1', gracePeriodSeconds: 0, propagationPolicy: 'Foreground', preconditions: { uid: 'u' } });
    assert.equal(deleted, undefined, 'a Status answer means the object is gone');
  });

  it('turns a Status answer into a StatusError, and text answers too', async () => {
    const transport = new ScriptedTransport([
      { status: 422, body: status(422, 'Invalid', 'ConfigMap "x" is invalid') },
      { status: 502, body: 'Bad Gateway', headers: { 'content-type': 'text/plain' } },
      { status: 404, body: status(404, 'NotFound', 'configmaps "x" not found') },
    ]);
    const client = new KubeClient({ transport, clock: new FakeClock() });
    await assert.rejects(client.create(resources.configMaps, { metadata: { name: 'x', namespace: 'n' } }), (e) => e instanceof StatusError && e.code === 422 && e.reason === 'Invalid' && e.message === 'ConfigMap "x" is invalid');
    await assert.rejects(client.create(resources.configMaps, { metadata: { name: 'x', namespace: 'n' } }), (e) => e instanceof StatusError && e.code === 502 && e.reason === 'InternalError' && /Bad Gateway/.test(e.message));
    assert.equal(await client.get(resources.configMaps, 'x', { namespace: 'n' }), undefined);
  });

  it('retries 429 and 503 after Retry-After, on the clock', async () => {
    const clock = new FakeClock();
    const transport = new ScriptedTransport([
      { status: 429, body: status(429, 'TooManyRequests', 'slow down'), headers: { 'retry-after': '2' } },
      { status: 503, body: status(503, 'ServiceUnavailable', 'starting'), headers: { 'retry-after': '1' } },
      { status: 200, body: { metadata: { name: 'x' } } },
    ]);
    const client = new KubeClient({ transport, clock });
    const pending = client.get(resources.namespaces, 'x');
    await settle();
    assert.equal(transport.requests.length, 1);
    await clock.advance(2000);
    assert.equal(transport.requests.length, 2);
    await clock.advance(1000);
    assert.equal((await pending)?.metadata?.name, 'x');
  });

  it('does not retry without Retry-After, nor past maxRetries', async () => {
    const clock = new FakeClock();
    const transport = new ScriptedTransport([
      { status: 500, body: status(500, 'InternalError', 'boom') },
      { status: 429, body: status(429, 'TooManyRequests', 'no'), headers: { 'retry-after': '1' } },
      { status: 429, body: status(429, 'TooManyRequests', 'no'), headers: { 'retry-after': '1' } },
    ]);
    const client = new KubeClient({ transport, clock, maxRetries: 1 });
    await assert.rejects(client.get(resources.namespaces, 'x'), (e) => e instanceof StatusError && e.code === 500);
    const pending = assert.rejects(client.get(resources.namespaces, 'x'), (e) => e instanceof StatusError && e.code === 429);
    await clock.advance(1000);
    await pending;
  });

  it('asks for fresh credentials once after a 401', async () => {
    const asked: boolean[] = [];
    const credentials: Credentials = {
      headers: (refresh) => {
        asked.push(refresh);
        return Promise.resolve({ Authorization: `Bearer ${refresh ? 'new' : 'old'}` });
      },
    };
    const transport = new ScriptedTransport([{ status: 401, body: status(401, 'Unauthorized', 'Unauthorized') }, { status: 200, body: { metadata: { name: 'x' } } }]);
    const client = new KubeClient({ transport, credentials, clock: new FakeClock() });
    assert.ok(await client.get(resources.namespaces, 'x'));
    assert.deepEqual(asked, [false, true]);
    assert.deepEqual(transport.requests.map((r) => r.headers.authorization), ['Bearer old', 'Bearer new']);
  });

  it('times a request out with a TransportError', async () => {
    const clock = new FakeClock();
    const hanging = (req: TransportRequest): Promise<TransportResponse> =>
      new Promise((_resolve, reject) => {
        req.signal?.addEventListener('abort', () => {
          reject(req.signal?.reason as Error);
        });
      });
    const client = new KubeClient({ transport: new ScriptedTransport([hanging]), clock, timeoutMs: 5000 });
    const pending = assert.rejects(client.get(resources.namespaces, 'x'), (e) => e instanceof TransportError && e.code === 'Timeout');
    await clock.advance(5000);
    await pending;
  });

  it('waits for the rate limiter', async () => {
    const clock = new FakeClock();
    const transport = new ScriptedTransport(Array.from({ length: 3 }, () => ({ status: 200, body: {} })));
    const client = new KubeClient({ transport, clock, qps: 1, burst: 1 });
    const all = Promise.all([client.get(resources.namespaces, 'a'), client.get(resources.namespaces, 'b'), client.get(resources.namespaces, 'c')]);
    await settle();
    assert.equal(transport.requests.length, 1);
    await clock.advance(1000);
    assert.equal(transport.requests.length, 2);
    await clock.advance(1000);
    await all;
    assert.equal(transport.requests.length, 3);
  });

  it('parses a watch stream, skipping blank lines, and stops when the caller stops', async () => {
    let cancelled = false;
    const stream = (): Promise<TransportResponse> =>
      Promise.resolve({
        status: 200,
        headers: {},
        body: (async function* () {
          yield await Promise.resolve(Buffer.from('{"type":"ADDED","object":{"metadata":{"name":"a","resourceVersion":"2"}}}\n\n{"type":"BOOKMARK",'));
          yield Buffer.from('"object":{"metadata":{"resourceVersion":"3"}}}\n{"type":"DELETED","object":{"metadata":{"name":"a"}}}\n');
          yield Buffer.from('{"type":"ADDED","object":{"metadata":{"name":"never-read"}}}\n');
        })(),
        cancel: () => {
          cancelled = true;
        },
      });
    const transport = new ScriptedTransport([stream]);
    const client = new KubeClient({ transport, clock: new FakeClock() });
    const seen: string[] = [];
    for await (const event of client.watch(resources.configMaps, { namespace: 'n', resourceVersion: '1', allowWatchBookmarks: true })) {
      seen.push(`${event.type} ${event.type === 'ERROR' ? '' : (event.object.metadata?.resourceVersion ?? event.object.metadata?.name ?? '')}`);
      if (event.type === 'DELETED') break;
    }
    assert.deepEqual(seen, ['ADDED 2', 'BOOKMARK 3', 'DELETED a']);
    assert.equal(transport.requests[0]?.path, '/api/v1/namespaces/n/configmaps?watch=true&resourceVersion=1&allowWatchBookmarks=true');
    assert.ok(cancelled);
  });
});
