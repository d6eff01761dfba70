// The HTTP/2 transport through a TCP relay that counts, cuts and freezes connections: all requests
// share one connection, a cut connection fails open streams with a TransportError and the next
// request reconnects, a frozen connection is detected by PING, and an informer rides through both.
import assert from 'node:assert/strict';
import { createServer, connect, type Server, type Socket } from 'node:net';
import { after, before, describe, it } from 'node:test';
import type { ConfigMap } from 'kubernetes-types/core/v1.js';
import { createClient, resources, TransportError, type KubeClient } from '../../src/client/index.js';
import { Informer } from '../../src/runtime/index.js';
import { startTestApiServer, type TestApiServer } from '../support/apiserver.js';
import { waitFor } from '../support/wait.js';

/** Forwards TCP to the API server; can drop every connection or stop forwarding bytes. */
class Relay {
  connections = 0;
  frozen = false;
  private readonly pairs = new Set<[Socket, Socket]>();
  private server: Server | undefined;

  async listen(targetPort: number): Promise<number> {
    this.server = createServer((client) => {
      this.connections++;
      const upstream = connect(targetPort, '127.0.0.1');
      const pair: [Socket, Socket] = [client, upstream];
      this.pairs.add(pair);
      const forward = (from: Socket, to: Socket): void => {
        from.on('data', (chunk: Buffer) => {
          if (!this.frozen) to.write(chunk);
        });
      };
      forward(client, upstream);
      forward(upstream, client);
      const close = (): void => {
        client.destroy();
        upstream.destroy();
        this.pairs.delete(pair);
      };
      client.on('close', close).on('error', close);
      upstream.on('close', close).on('error', close);
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    const address = this.server.address();
    if (address === null || typeof address === 'string') throw new Error('no relay address');
    return address.port;
  }

  /** Cuts every connection, as a network failure or a restarting server would. */
  cut(): void {
    for (const [a, b] of this.pairs) {
      a.destroy();
      b.destroy();
    }
    this.pairs.clear();
  }

  async close(): Promise<void> {
    this.cut();
    await new Promise<void>((resolve) => {
      this.server?.close(() => {
        resolve();
      });
    });
  }
}

let api: TestApiServer;
let relay: Relay;
let url: string;
before(async () => {
  api = await startTestApiServer({ storage: 'memory' });
  relay = new Relay();
  url = `https://127.0.0.1:${await relay.listen(api.port)}`;
});
after(async () => {
  await relay.close();
  await api.stop();
});

const connectClient = (options: { pingIntervalMs?: number; pingTimeoutMs?: number } = {}): KubeClient =>
  createClient({ server: url, caPem: api.caPem, clientCertPem: api.adminCertPem, clientKeyPem: api.adminKeyPem }, { qps: 0, ...options });

describe('HTTP/2 transport', () => {
  it('multiplexes concurrent requests and watches over one connection', async () => {
    const client = connectClient();
    const before = relay.connections;
    const abort = new AbortController();
    const watches = Array.from({ length: 5 }, () => (async () => {
      for await (const _event of client.watch(resources.configMaps, { namespace: 'default', signal: abort.signal })) {
        // Only the stream matters.
      }
    })().catch(() => undefined));
    const results = await Promise.all(Array.from({ length: 100 }, (_, i) => client.get(resources.namespaces, i % 2 === 0 ? 'default' : 'kube-system')));
    assert.equal(results.filter((r) => r !== undefined).length, 100);
    assert.equal(relay.connections - before, 1);
    abort.abort();
    await Promise.all(watches);
    await client.close();
  });

  it('fails open streams on a cut connection and reconnects for the next request', async () => {
    const client = connectClient();
    await client.get(resources.namespaces, 'default');
    const before = relay.connections;
    const watch = (async () => {
      for await (const _event of client.watch(resources.configMaps, { namespace: 'default' })) {
        // Only the stream matters.
      }
    })();
    await new Promise((r) => setTimeout(r, 100));
    relay.cut();
    await assert.rejects(watch, (e) => e instanceof TransportError);
    assert.ok(await client.get(resources.namespaces, 'default'));
    assert.equal(relay.connections - before, 1, 'one new connection');
    await client.close();
  });

  it('detects a connection that stopped answering with PING', async () => {
    const client = connectClient({ pingIntervalMs: 200, pingTimeoutMs: 300 });
    await client.get(resources.namespaces, 'default');
    const watch = (async () => {
      for await (const _event of client.watch(resources.configMaps, { namespace: 'default' })) {
        // Only the stream matters.
      }
    })();
    await new Promise((r) => setTimeout(r, 100));
    relay.frozen = true;
    try {
      await assert.rejects(watch, (e) => e instanceof TransportError);
    } finally {
      relay.frozen = false;
    }
    relay.cut();
    assert.ok(await client.get(resources.namespaces, 'default'));
    await client.close();
  });

  it('keeps an informer complete across cut connections', async () => {
    const client = connectClient();
    const informer = new Informer<ConfigMap>(client, resources.configMaps, { namespace: 'default', backoff: { initialMs: 50, maxMs: 200 } });
    const seen: string[] = [];
    informer.addHandler({
      onAdd: (cm) => seen.push(`add ${cm.metadata?.name ?? ''}`),
      onUpdate: (_old, cm) => seen.push(`update ${cm.metadata?.name ?? ''} ${cm.data?.v ?? ''}`),
      onDelete: (cm) => seen.push(`delete ${cm.metadata?.name ?? ''}`),
    });
    informer.start();
    await informer.waitForSync();
    const admin = createClient({ server: api.url, caPem: api.caPem, clientCertPem: api.adminCertPem, clientKeyPem: api.adminKeyPem });
    const initial = seen.length;
    for (let i = 0; i < 5; i++) {
      await admin.create(resources.configMaps, { metadata: { name: `relay-${i}`, namespace: 'default' }, data: { v: '0' } });
      relay.cut();
      await admin.patch(resources.configMaps, `relay-${i}`, { data: { v: '1' } }, { type: 'merge', namespace: 'default' });
    }
    await admin.delete(resources.configMaps, 'relay-0', { namespace: 'default' });
    await waitFor(() => seen.length - initial >= 11, { what: 'every change' });
    await new Promise((r) => setTimeout(r, 500));
    await informer.stop();
    await admin.close();
    await client.close();
    const mine = seen.slice(initial);
    assert.deepEqual(mine, [
      ...[0, 1, 2, 3, 4].flatMap((i) => [`add relay-${i}`, `update relay-${i} 1`]),
      'delete relay-0',
    ]);
  });
});
