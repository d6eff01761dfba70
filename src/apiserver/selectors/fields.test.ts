import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SelectorError } from './errors.js';
import { escapeFieldValue, parseFieldSelector, unescapeFieldValue } from './fields.js';

describe('parseFieldSelector', () => {
  const cases: { input: string; string: string; match: Record<string, string>[]; noMatch: Record<string, string>[] }[] = [
    { input: '', string: '', match: [{}, { a: 'b' }], noMatch: [] },
    { input: 'metadata.name=x', string: 'metadata.name=x', match: [{ 'metadata.name': 'x' }], noMatch: [{ 'metadata.name': 'y' }, {}] },
    { input: 'metadata.name==x', string: 'metadata.name=x', match: [{ 'metadata.name': 'x' }], noMatch: [{}] },
    { input: 'status.phase!=Running', string: 'status.phase!=Running', match: [{}, { 'status.phase': 'Pending' }], noMatch: [{ 'status.phase': 'Running' }] },
    { input: 'spec.nodeName=', string: 'spec.nodeName=', match: [{}, { 'spec.nodeName': '' }], noMatch: [{ 'spec.nodeName': 'n1' }] },
    {
      input: 'b=2,a=1',
      string: 'a=1,b=2',
      match: [{ a: '1', b: '2' }],
      noMatch: [{ a: '1' }, { a: '1', b: '3' }],
    },
    { input: 'a=x\\,y', string: 'a=x\\,y', match: [{ a: 'x,y' }], noMatch: [{ a: 'x' }] },
    { input: 'a=x\\=y\\\\z', string: 'a=x\\=y\\\\z', match: [{ a: 'x=y\\z' }], noMatch: [] },
    { input: 'a=b,,c=d', string: 'a=b,c=d', match: [{ a: 'b', c: 'd' }], noMatch: [] },
    // The field name ends at the first operator; a later '!' belongs to the value.
    { input: 'a=b!c', string: 'a=b!c', match: [{ a: 'b!c' }], noMatch: [{ a: 'b' }] },
  ];
  for (const c of cases) {
    it(JSON.stringify(c.input), () => {
      const sel = parseFieldSelector(c.input);
      assert.equal(sel.toString(), c.string);
      for (const f of c.match) assert.equal(sel.matches(f), true, JSON.stringify(f));
      for (const f of c.noMatch) assert.equal(sel.matches(f), false, JSON.stringify(f));
    });
  }

  it('pins exact matches for the storage fast path', () => {
    const sel = parseFieldSelector('metadata.name=web,status.phase!=Failed');
    assert.equal(sel.requiresExactMatch('metadata.name'), 'web');
    assert.equal(sel.requiresExactMatch('status.phase'), undefined);
  });

  const errors: [string, string][] = [
    ['metadata.name', "invalid selector: 'metadata.name'; can't understand 'metadata.name'"],
    ['a=b,c', "invalid selector: 'a=b,c'; can't understand 'c'"],
    ['a=b\\c', 'invalid field selector: invalid escape sequence: \\c'],
    ['a=b\\', 'invalid field selector: invalid escape sequence: \\'],
    ['a=b=c', 'invalid field selector: unescaped character in value: 61'],
    ['a!==b', 'invalid field selector: unescaped character in value: 61'],
  ];
  for (const [input, message] of errors) {
    it(`rejects ${JSON.stringify(input)}`, () => {
      assert.throws(() => parseFieldSelector(input), (e: unknown) => e instanceof SelectorError && e.message === message);
    });
  }
});

describe('field value escaping', () => {
  const values = ['plain', 'a,b', 'a=b', 'a\\b', '\\,=', ''];
  for (const v of values) {
    it(`round-trips ${JSON.stringify(v)}`, () => {
      assert.equal(unescapeFieldValue(escapeFieldValue(v)), v);
    });
  }
  it('escapes the three special characters', () => {
    assert.equal(escapeFieldValue('a\\b,c=d'), 'a\\\\b\\,c\\=d');
  });
});
