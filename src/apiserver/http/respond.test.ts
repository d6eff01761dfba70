import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { JSON_PIECE_ITEMS, writeJsonInPieces } from './respond.js';

describe('writeJsonInPieces', () => {
  const envelope = { kind: 'ConfigMapList', apiVersion: 'v1', metadata: { resourceVersion: '7' } };
  const item = (i: number): Record<string, unknown> => ({ metadata: { name: `cm-${i}`, labels: { i: String(i) } }, data: { text: 'é"\n\\'.repeat(i % 5) } });
  const server = createServer((req, res) => {
    const count = Number(new URL(req.url ?? '/', 'http://x').searchParams.get('count'));
    const items = Array.from({ length: count }, (_, i) => item(i));
    void writeJsonInPieces(res, 200, envelope, 'items', count, (from, to) => items.slice(from, to));
  });
  let base = '';
  before(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => {
    server.close();
  });

  const counts = [0, 1, JSON_PIECE_ITEMS - 1, JSON_PIECE_ITEMS, JSON_PIECE_ITEMS + 1, 3 * JSON_PIECE_ITEMS, 3 * JSON_PIECE_ITEMS + 17];
  for (const count of counts) {
    it(`${count} items: the same bytes as JSON.stringify`, async () => {
      const res = await fetch(`${base}/?count=${count}`);
      assert.equal(res.status, 200);
      assert.equal(res.headers.get('content-type'), 'application/json');
      assert.equal(res.headers.get('content-length') !== null, count <= JSON_PIECE_ITEMS, 'Content-Length only when written in one piece');
      const want = JSON.stringify({ ...envelope, items: Array.from({ length: count }, (_, i) => item(i)) });
      assert.equal(await res.text(), want);
    });
  }

  it('refuses an envelope whose array is not its last key', async () => {
    const res = { headersSent: false } as unknown as Parameters<typeof writeJsonInPieces>[0];
    await assert.rejects(writeJsonInPieces(res, 200, { items: [], metadata: {} }, 'items', 2 * JSON_PIECE_ITEMS, () => []), /must be the last key/);
  });
});
