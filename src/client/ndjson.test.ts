import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { StatusError } from '../api/status.js';
import { lines, parseWatchEvent, WatchProtocolError } from './ndjson.js';

async function collect(chunks: (string | Buffer)[]): Promise<string[]> {
  async function* source(): AsyncGenerator<Buffer> {
    for (const c of chunks) {
      await Promise.resolve();
      yield typeof c === 'string' ? Buffer.from(c) : c;
    }
  }
  const out: string[] = [];
  for await (const line of lines(source())) out.push(line);
  return out;
}

describe('lines', () => {
  const euro = Buffer.from('{"x":"€"}\n');
  const cases: [string, (string | Buffer)[], string[]][] = [
    ['one line per chunk', ['a\n', 'b\n'], ['a', 'b']],
    ['several lines in a chunk', ['a\nb\nc\n'], ['a', 'b', 'c']],
    ['a line across chunks', ['{"a"', ':1}\n{"b":2', '}\n'], ['{"a":1}', '{"b":2}']],
    ['a last line without newline', ['a\nb'], ['a', 'b']],
    ['a trailing blank remainder is dropped', ['a\n  '], ['a']],
    ['empty lines are kept for the caller to skip', ['a\n\nb\n'], ['a', '', 'b']],
    ['a multi-byte character split between chunks', [euro.subarray(0, 7), euro.subarray(7)], ['{"x":"€"}']],
    ['nothing', [], []],
  ];
  for (const [name, chunks, want] of cases) {
    it(name, async () => {
      assert.deepEqual(await collect(chunks), want);
    });
  }
});

describe('parseWatchEvent', () => {
  it('parses object events', () => {
    for (const type of ['ADDED', 'MODIFIED', 'DELETED', 'BOOKMARK'] as const) {
      const event = parseWatchEvent(JSON.stringify({ type, object: { kind: 'Pod', metadata: { name: 'p', resourceVersion: '7' } } }));
      assert.equal(event.type, type);
      assert.equal(event.object.metadata?.resourceVersion, '7');
    }
  });

  it('turns an ERROR event into a StatusError', () => {
    const event = parseWatchEvent(JSON.stringify({ type: 'ERROR', object: { kind: 'Status', apiVersion: 'v1', status: 'Failure', code: 410, reason: 'Expired', message: 'too old resource version: 1 (5)' } }));
    assert.equal(event.type, 'ERROR');
    assert.ok(event.error instanceof StatusError);
    assert.equal(event.error.code, 410);
    assert.equal(event.error.reason, 'Expired');
  });

  for (const [name, line] of [
    ['not JSON', '{"type":'],
    ['no object', '{"type":"ADDED"}'],
    ['unknown type', '{"type":"CHANGED","object":{}}'],
    ['not an object', '[1]'],
  ] as const) {
    it(`rejects ${name}`, () => {
      assert.throws(() => parseWatchEvent(line), WatchProtocolError);
    });
  }
});
