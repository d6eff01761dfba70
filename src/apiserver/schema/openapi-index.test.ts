import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { documentHash, openApiV3Index } from './openapi-index.js';

describe('openApiV3Index', () => {
  const a = { openapi: '3.0.0', paths: { '/api/v1/': {} } };
  const b = { openapi: '3.0.0', paths: { '/apis/apps/v1/': {} } };

  it('points at each document by path and hash', () => {
    const index = openApiV3Index(new Map<string, object>([['apis/apps/v1', b], ['api/v1', a]]));
    assert.deepEqual(Object.keys(index.paths), ['api/v1', 'apis/apps/v1']);
    assert.equal(index.paths['api/v1']?.serverRelativeURL, `/openapi/v3/api/v1?hash=${documentHash(a)}`);
    assert.match(documentHash(a), /^[0-9A-F]{128}$/);
  });

  const changes: [string, object, object][] = [
    ['a changed value', { x: 1 }, { x: 2 }],
    ['an added path', { paths: {} }, { paths: { '/a': {} } }],
    ['a changed schema description', { s: { description: 'a' } }, { s: { description: 'b' } }],
  ];
  for (const [what, before, after] of changes) {
    it(`changes the hash on ${what}`, () => {
      const h1 = openApiV3Index(new Map([['api/v1', before]])).paths['api/v1']?.serverRelativeURL;
      const h2 = openApiV3Index(new Map([['api/v1', after]])).paths['api/v1']?.serverRelativeURL;
      assert.notEqual(h1, h2);
    });
  }

  it('keeps the hash for identical content', () => {
    assert.equal(documentHash({ x: [1, { y: 'z' }] }), documentHash({ x: [1, { y: 'z' }] }));
  });
});
