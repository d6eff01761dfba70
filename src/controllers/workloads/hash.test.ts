import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { goJson } from './go-json.js';
import { computePodTemplateHash, controllerRevisionHash, fnv32, fnv32a, safeEncodeString } from './hash.js';

const bytes = (s: string): Buffer => Buffer.from(s, 'utf8');

describe('FNV-32', () => {
  // Reference vectors of the FNV specification (and Go's hash/fnv tests).
  const cases: [string, number, number][] = [
    ['', 0x811c9dc5, 0x811c9dc5],
    ['a', 0x050c5d7e, 0xe40c292c],
    ['ab', 0x70772d38, 0x4d2505ca],
    ['abc', 0x439c2f4b, 0x1a47e90b],
  ];
  for (const [input, fnv1, fnv1a] of cases) {
    it(`"${input}"`, () => {
      assert.equal(fnv32(bytes(input)), fnv1);
      assert.equal(fnv32a(bytes(input)), fnv1a);
    });
  }
});

describe('safeEncodeString', () => {
  it('maps every decimal digit as apimachinery does', () => {
    assert.equal(safeEncodeString('0123456789'), '456789bcdf');
  });
  it('keeps only characters of the safe alphabet', () => {
    assert.match(safeEncodeString('any text at all!'), /^[bcdfghjklmnpqrstvwxz2456789]+$/);
  });
});

describe('computePodTemplateHash', () => {
  const template = { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.25' }] } };
  it('is a safe-encoded decimal FNV-32a', () => {
    assert.match(computePodTemplateHash(template), /^[456789bcdf]{1,10}$/);
  });
  it('does not depend on key order', () => {
    const reordered = { spec: { containers: [{ image: 'nginx:1.25', name: 'nginx' }] }, metadata: { labels: { app: 'web' } } };
    assert.equal(computePodTemplateHash(reordered), computePodTemplateHash(template));
  });
  it('changes with the template and with the collision count', () => {
    const other = { ...template, spec: { containers: [{ name: 'nginx', image: 'nginx:1.26' }] } };
    const hashes = new Set([computePodTemplateHash(template), computePodTemplateHash(other), computePodTemplateHash(template, 0), computePodTemplateHash(template, 1)]);
    assert.equal(hashes.size, 4);
  });
});

describe('controllerRevisionHash', () => {
  it('hashes the raw data then the probe in decimal (history.HashControllerRevision)', () => {
    const raw = goJson({ spec: { template: { $patch: 'replace', metadata: { labels: { app: 'web' } } } } });
    assert.equal(controllerRevisionHash(raw), safeEncodeString(String(fnv32(bytes(raw)))));
    assert.equal(controllerRevisionHash(raw, 7), safeEncodeString(String(fnv32(bytes(`${raw}7`)))));
  });
});

describe('goJson', () => {
  const cases: [unknown, string][] = [
    [{ b: 1, a: [true, null, 'x'] }, '{"a":[true,null,"x"],"b":1}'],
    [{ Z: 1, a: 2, $patch: 'replace' }, '{"$patch":"replace","Z":1,"a":2}'],
    ['<a href="x">&amp;</a>', '"\\u003ca href=\\"x\\"\\u003e\\u0026amp;\\u003c/a\\u003e"'],
    ['tab\there\nline\u2028\u0001', '"tab\\there\\nline\\u2028\\u0001"'],
    [{ skip: undefined, n: 1.5, big: 1e21 }, '{"big":1e+21,"n":1.5}'],
  ];
  for (const [value, expected] of cases) {
    it(expected, () => {
      assert.equal(goJson(value), expected);
    });
  }
});
