import assert from 'node:assert/strict';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TLSSocket } from 'node:tls';
import { describe, it } from 'node:test';
import { TransportError } from './errors.js';
import { inProcessTransport, type RequestHandler } from './in-process-transport.js';
import { settle } from './testing/fake-clock.js';

async function readAll(body: AsyncIterable<Buffer>): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of body) chunks.push(c);
  return Buffer.concat(chunks).toString('utf8');
}

const echo: RequestHandler = (req: IncomingMessage, res: ServerResponse) => {
  void (async () => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const socket = req.socket as TLSSocket;
    const cert = socket.getPeerCertificate();
    res.statusCode = 201;
    res.setHeader('Content-Type', 'application/json');
    res.end(JSON.stringify({ method: req.method, url: req.url, type: req.headers['content-type'], body: Buffer.concat(chunks).toString(), authorized: socket.authorized, subject: cert.subject }));
  })();
};

describe('inProcessTransport', () => {
  it('hands the handler a request with method, url, headers, body and the user as a verified certificate', async () => {
    const transport = inProcessTransport(echo, { user: { name: 'alice', groups: ['devs', 'ops'] } });
    const res = await transport.request({ method: 'POST', path: '/api/v1/x?y=1', headers: { 'content-type': 'application/json' }, body: Buffer.from('{"a":1}') });
    assert.equal(res.status, 201);
    assert.equal(res.headers['content-type'], 'application/json');
    assert.deepEqual(JSON.parse(await readAll(res.body)), {
      method: 'POST',
      url: '/api/v1/x?y=1',
      type: 'application/json',
      body: '{"a":1}',
      authorized: true,
      subject: { CN: 'alice', O: ['devs', 'ops'] },
    });
  });

  it('presents no identity without a user', async () => {
    const res = await inProcessTransport(echo).request({ method: 'GET', path: '/', headers: {} });
    const body = JSON.parse(await readAll(res.body)) as { authorized: boolean; subject?: unknown };
    assert.equal(body.authorized, false);
    assert.equal(body.subject, undefined);
  });

  it('streams with backpressure and tells the handler when the client goes away', async () => {
    let closed = false;
    let written = 0;
    let blocked = false;
    const streaming: RequestHandler = (_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.on('close', () => (closed = true));
      const pump = (): void => {
        while (!closed) {
          written++;
          if (!res.write(`${JSON.stringify({ n: written, pad: 'x'.repeat(1000) })}\n`)) {
            blocked = true;
            res.once('drain', pump);
            return;
          }
        }
      };
      pump();
    };
    const abort = new AbortController();
    const res = await inProcessTransport(streaming).request({ method: 'GET', path: '/watch', headers: {}, signal: abort.signal });
    await settle();
    assert.ok(blocked, 'the handler was held back while nobody read');
    const before = written;
    const iterator = res.body[Symbol.asyncIterator]();
    await iterator.next();
    await settle();
    assert.ok(written > before, 'reading let the handler continue');
    abort.abort();
    await assert.rejects(iterator.next(), (e) => e instanceof Error && e.name === 'AbortError');
    await settle();
    assert.equal(closed, true);
  });

  it('reports a response cut off by the handler', async () => {
    const res = await inProcessTransport((_req, res) => {
      res.writeHead(200);
      res.write('{"partial":');
      setImmediate(() => res.destroy());
    }).request({ method: 'GET', path: '/', headers: {} });
    await assert.rejects(readAll(res.body), (e) => e instanceof TransportError);
  });

  it('turns a handler that throws or never answers into a TransportError', async () => {
    await assert.rejects(
      inProcessTransport(() => {
        throw new Error('boom');
      }).request({ method: 'GET', path: '/', headers: {} }),
      (e) => e instanceof TransportError && e.code === 'HandlerError',
    );
    await assert.rejects(
      inProcessTransport((_req, res) => {
        res.destroy();
      }).request({ method: 'GET', path: '/', headers: {} }),
      (e) => e instanceof TransportError,
    );
  });

  it('closes open responses when the transport closes', async () => {
    let closed = false;
    const transport = inProcessTransport((_req, res) => {
      res.writeHead(200);
      res.on('close', () => (closed = true));
    });
    await transport.request({ method: 'GET', path: '/', headers: {} });
    await transport.close();
    await settle();
    assert.equal(closed, true);
    await assert.rejects(transport.request({ method: 'GET', path: '/', headers: {} }), (e) => e instanceof TransportError && e.notSent);
  });
});
