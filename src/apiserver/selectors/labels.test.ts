import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SelectorError } from './errors.js';
import { compileLabelSelector, labelSelectorFromObject, parseLabelSelector, type LabelSelectorObject } from './labels.js';

const KEY_REGEX_MSG =
  "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
const VALUE_REGEX_MSG =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";

describe('parseLabelSelector: accepted syntax', () => {
  const cases: { input: string; string: string; match: Record<string, string>[]; noMatch: (Record<string, string> | undefined)[] }[] = [
    { input: '', string: '', match: [{}, { a: 'b' }], noMatch: [] },
    { input: 'a=b', string: 'a=b', match: [{ a: 'b' }, { a: 'b', c: 'd' }], noMatch: [{ a: 'c' }, {}, undefined] },
    { input: 'a==b', string: 'a==b', match: [{ a: 'b' }], noMatch: [{ a: 'c' }] },
    { input: 'a!=b', string: 'a!=b', match: [{ a: 'c' }, {}], noMatch: [{ a: 'b' }] },
    { input: 'a in (x,y)', string: 'a in (x,y)', match: [{ a: 'x' }, { a: 'y' }], noMatch: [{ a: 'z' }, {}] },
    { input: 'a notin (x)', string: 'a notin (x)', match: [{ a: 'y' }, {}], noMatch: [{ a: 'x' }] },
    { input: 'a', string: 'a', match: [{ a: '' }, { a: 'x' }], noMatch: [{ b: 'x' }, undefined] },
    { input: '!a', string: '!a', match: [{}, { b: 'a' }], noMatch: [{ a: '' }] },
    { input: 'a>1', string: 'a>1', match: [{ a: '2' }, { a: '10' }], noMatch: [{ a: '1' }, { a: 'x' }, {}] },
    { input: 'a<1', string: 'a<1', match: [{ a: '0' }, { a: '-5' }], noMatch: [{ a: '1' }, { a: '1.5' }] },
    { input: 'a=', string: 'a=', match: [{ a: '' }], noMatch: [{ a: 'x' }, {}] },
    { input: '  b = 1 , a = 2  ', string: 'a=2,b=1', match: [{ a: '2', b: '1' }], noMatch: [{ a: '2' }] },
    {
      input: 'x in (foo,,baz),y,z notin ()',
      string: 'x in (,baz,foo),y,z notin ()',
      match: [{ x: 'foo', y: '1' }, { x: '', y: '' }],
      noMatch: [{ x: 'foo', y: '1', z: '' }, { x: 'bar', y: '1' }],
    },
    { input: 'in in (in)', string: 'in in (in)', match: [{ in: 'in' }], noMatch: [{ in: 'notin' }] },
    { input: 'example.com/app=web', string: 'example.com/app=web', match: [{ 'example.com/app': 'web' }], noMatch: [{ app: 'web' }] },
    { input: 'a in (x),a notin (y)', string: 'a in (x),a notin (y)', match: [{ a: 'x' }], noMatch: [{ a: 'y' }] },
  ];
  for (const c of cases) {
    it(JSON.stringify(c.input), () => {
      const sel = parseLabelSelector(c.input);
      assert.equal(sel.toString(), c.string);
      for (const l of c.match) assert.equal(sel.matches(l), true, `should match ${JSON.stringify(l)}`);
      for (const l of c.noMatch) assert.equal(sel.matches(l), false, `should not match ${JSON.stringify(l)}`);
    });
  }

  it('reports the value an equality pins', () => {
    const sel = parseLabelSelector('app=web,tier in (fe),x!=y');
    assert.equal(sel.requiresExactMatch('app'), 'web');
    assert.equal(sel.requiresExactMatch('tier'), 'fe');
    assert.equal(sel.requiresExactMatch('x'), undefined);
    assert.equal(sel.requiresExactMatch('nope'), undefined);
  });
});

describe('parseLabelSelector: kube error messages', () => {
  const cases: [string, string][] = [
    ['a b', "unable to parse requirement: found 'b', expected: in, notin, =, ==, !=, gt, lt"],
    ['a!', "unable to parse requirement: found '!', expected: in, notin, =, ==, !=, gt, lt"],
    ['a in', "unable to parse requirement: found '' expected: '('"],
    ['a in (b', "unable to parse requirement: found '', expected: ',' or ')'"],
    ['a in (b c)', "unable to parse requirement: found 'c', expected: ',' or ')'"],
    ['a in (=)', "unable to parse requirement: found '=', expected: ',', ')' or identifier"],
    ['a in (b,=)', "unable to parse requirement: found '=', expected: ',', or identifier"],
    ['a=(b)', "unable to parse requirement: found '(', expected: identifier"],
    ['!(a', "unable to parse requirement: found '(', expected: identifier"],
    ['!=a', "found '!=', expected: !, identifier, or 'end of string'"],
    ['a=b,', "found '', expected: identifier after ','"],
    [',a', "found ',', expected: !, identifier, or 'end of string'"],
    ['a=b c', "found 'c', expected: ',' or 'end of string'"],
    ['!a=b', "found '=', expected: ',' or 'end of string'"],
    ['a=b=c', "found '=', expected: ',' or 'end of string'"],
    ['-a=b', `unable to parse requirement: <nil>: Invalid value: "-a": ${KEY_REGEX_MSG}`],
    ['a=b@c', `unable to parse requirement: values[0][a]: Invalid value: "b@c": ${VALUE_REGEX_MSG}`],
    ['a>b', `unable to parse requirement: values[0]: Invalid value: "b": for 'Gt', 'Lt' operators, the value must be an integer`],
    [
      `a=${'x'.repeat(64)}`,
      `unable to parse requirement: values[0][a]: Invalid value: "${'x'.repeat(64)}": must be no more than 63 characters`,
    ],
    [
      `a=-${'x'.repeat(64)}`,
      `unable to parse requirement: values[0][a]: Invalid value: "-${'x'.repeat(64)}": must be no more than 63 characters; ${VALUE_REGEX_MSG}`,
    ],
  ];
  for (const [input, message] of cases) {
    it(JSON.stringify(input), () => {
      assert.throws(
        () => parseLabelSelector(input),
        (e: unknown) => e instanceof SelectorError && e.message === message,
      );
    });
  }
});

describe('labelSelectorFromObject', () => {
  it('a nil selector selects nothing, an empty one everything', () => {
    assert.equal(labelSelectorFromObject(undefined).matches({ a: 'b' }), false);
    assert.equal(labelSelectorFromObject(null).matchesNothing, true);
    assert.equal(labelSelectorFromObject({}).matches({}), true);
    assert.equal(labelSelectorFromObject({ matchLabels: {}, matchExpressions: [] }).empty, true);
  });

  const cases: { sel: LabelSelectorObject; match: Record<string, string>[]; noMatch: Record<string, string>[] }[] = [
    { sel: { matchLabels: { app: 'web' } }, match: [{ app: 'web', x: 'y' }], noMatch: [{ app: 'db' }, {}] },
    { sel: { matchExpressions: [{ key: 'tier', operator: 'In', values: ['fe', 'be'] }] }, match: [{ tier: 'be' }], noMatch: [{}] },
    { sel: { matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['fe'] }] }, match: [{}, { tier: 'be' }], noMatch: [{ tier: 'fe' }] },
    { sel: { matchExpressions: [{ key: 'tier', operator: 'Exists' }] }, match: [{ tier: '' }], noMatch: [{}] },
    { sel: { matchExpressions: [{ key: 'tier', operator: 'DoesNotExist' }] }, match: [{}], noMatch: [{ tier: 'x' }] },
    {
      sel: { matchLabels: { app: 'web' }, matchExpressions: [{ key: 'env', operator: 'NotIn', values: ['prod'] }] },
      match: [{ app: 'web', env: 'dev' }],
      noMatch: [{ app: 'web', env: 'prod' }],
    },
  ];
  for (const c of cases) {
    it(JSON.stringify(c.sel), () => {
      const m = compileLabelSelector(c.sel);
      for (const l of c.match) assert.equal(m(l), true, JSON.stringify(l));
      for (const l of c.noMatch) assert.equal(m(l), false, JSON.stringify(l));
    });
  }

  const errors: [LabelSelectorObject, string][] = [
    [{ matchExpressions: [{ key: 'a', operator: 'Foo' }] }, '"Foo" is not a valid label selector operator'],
    [{ matchExpressions: [{ key: 'a', operator: 'In', values: [] }] }, "values: Invalid value: []string{}: for 'in', 'notin' operators, values set can't be empty"],
    [
      { matchExpressions: [{ key: 'a', operator: 'Exists', values: ['x'] }] },
      'values: Invalid value: []string{"x"}: values set must be empty for exists and does not exist',
    ],
    [{ matchLabels: { '-a': 'b' } }, `key: Invalid value: "-a": ${KEY_REGEX_MSG}`],
  ];
  for (const [sel, message] of errors) {
    it(`rejects ${JSON.stringify(sel)}`, () => {
      assert.throws(() => labelSelectorFromObject(sel), (e: unknown) => e instanceof SelectorError && e.message === message);
    });
  }
});

describe('compileLabelSelector', () => {
  it('treats an absent or empty query selector as everything', () => {
    assert.equal(compileLabelSelector(undefined)({ a: 'b' }), true);
    assert.equal(compileLabelSelector('')(undefined), true);
  });
  it('compiles the string form', () => {
    const m = compileLabelSelector('app in (web,api),!canary');
    assert.equal(m({ app: 'api' }), true);
    assert.equal(m({ app: 'api', canary: 'true' }), false);
  });
});
