import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  aggregateMessage,
  duplicate,
  errorBody,
  errorString,
  fieldError,
  forbidden,
  goValue,
  internalError,
  invalid,
  InvalidError,
  invalidMessage,
  invalidStatus,
  notFound,
  notSupported,
  OMIT_VALUE,
  qualifiedKind,
  required,
  statusCauses,
  tooLong,
  tooMany,
  type FieldError,
} from './errors.js';
import { goQuote, goStringMap, goStringSlice, renderGoValue } from './go-format.js';

describe('field error rendering', () => {
  const cases: [string, FieldError, string][] = [
    ['required', required('spec.containers[0].image'), 'spec.containers[0].image: Required value'],
    ['required with detail', required('spec.ports', 'at least one'), 'spec.ports: Required value: at least one'],
    ['invalid string', invalid('metadata.name', 'A', 'bad'), 'metadata.name: Invalid value: "A": bad'],
    ['invalid number', invalid('spec.replicas', -1, 'must be greater than or equal to 0'), 'spec.replicas: Invalid value: -1: must be greater than or equal to 0'],
    ['invalid bool', invalid('x', true, 'no'), 'x: Invalid value: true: no'],
    ['invalid nil', invalid('x', null, 'no'), 'x: Invalid value: "null": no'],
    ['invalid omitted value', invalid('x', OMIT_VALUE, 'secret'), 'x: Invalid value: secret'],
    ['invalid Go literal', invalid('x', goValue('map[string]string{"a":"b"}'), 'd'), 'x: Invalid value: map[string]string{"a":"b"}: d'],
    ['duplicate', duplicate('spec.containers[1].name', 'c'), 'spec.containers[1].name: Duplicate value: "c"'],
    ['not found', notFound('spec.containers[0].volumeMounts[0].name', 'v'), 'spec.containers[0].volumeMounts[0].name: Not found: "v"'],
    [
      'not supported',
      notSupported('spec.restartPolicy', 'X', ['Always', 'Never']),
      'spec.restartPolicy: Unsupported value: "X": supported values: "Always", "Never"',
    ],
    ['not supported without list', notSupported('x', 'X', []), 'x: Unsupported value: "X"'],
    ['forbidden', forbidden('metadata.namespace', 'not allowed on this type'), 'metadata.namespace: Forbidden: not allowed on this type'],
    ['too long', tooLong('metadata.annotations', 262144), 'metadata.annotations: Too long: may not be more than 262144 bytes'],
    ['too long, no limit', tooLong('x', -1), 'x: Too long: value is too long'],
    ['too many', tooMany('x', 5, 4), 'x: Too many: 5: must have at most 4 items'],
    ['too many, unknown count', tooMany('x', -1, 4), 'x: Too many: must have at most 4 items'],
    ['internal', internalError('x', 'boom'), 'x: Internal error: boom'],
  ];
  for (const [name, err, want] of cases) {
    it(name, () => {
      assert.equal(errorString(err), want);
      assert.equal(err.message, errorBody(err));
      assert.equal(`${err.field}: ${err.message}`, want);
    });
  }

  it('fieldError builds any type', () => {
    assert.equal(errorString(fieldError('FieldValueDuplicate', 'spec.taints[1]', 'taints must be unique', 'k')), 'spec.taints[1]: Duplicate value: "k": taints must be unique');
  });
});

describe('aggregate and Status', () => {
  const a = required('spec.containers[0].image');
  const b = invalid('metadata.name', 'A_B', 'bad');

  it('single error has no brackets', () => {
    assert.equal(aggregateMessage([a]), 'spec.containers[0].image: Required value');
    assert.equal(invalidMessage({ group: '', kind: 'Pod' }, 'x', [a]), 'Pod "x" is invalid: spec.containers[0].image: Required value');
  });

  it('several errors are bracketed and duplicates dropped', () => {
    assert.equal(aggregateMessage([a, b, a]), '[spec.containers[0].image: Required value, metadata.name: Invalid value: "A_B": bad]');
  });

  it('no errors', () => {
    assert.equal(aggregateMessage([]), '');
    assert.equal(invalidMessage({ group: '', kind: 'Pod' }, 'x', []), 'Pod "x" is invalid');
  });

  it('qualifies kinds outside the core group', () => {
    assert.equal(qualifiedKind({ group: 'apps', kind: 'Deployment' }), 'Deployment.apps');
    assert.equal(invalidMessage({ group: 'apps', kind: 'Deployment' }, 'd', [a]), 'Deployment.apps "d" is invalid: spec.containers[0].image: Required value');
  });

  it('causes carry reason, body and field (omitted when empty)', () => {
    assert.deepEqual(statusCauses([a, tooLong('', 10)]), [
      { reason: 'FieldValueRequired', message: 'Required value', field: 'spec.containers[0].image' },
      { reason: 'FieldValueTooLong', message: 'Too long: may not be more than 10 bytes' },
    ]);
  });

  it('builds the 422 Status', () => {
    assert.deepEqual(invalidStatus({ group: 'apps', kind: 'Deployment' }, 'd', [a]), {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: 'Deployment.apps "d" is invalid: spec.containers[0].image: Required value',
      reason: 'Invalid',
      details: { name: 'd', group: 'apps', kind: 'Deployment', causes: [{ reason: 'FieldValueRequired', message: 'Required value', field: 'spec.containers[0].image' }] },
      code: 422,
    });
    const core = invalidStatus({ group: '', kind: 'Pod' }, '', [a]);
    assert.deepEqual(core.details, { kind: 'Pod', causes: [{ reason: 'FieldValueRequired', message: 'Required value', field: 'spec.containers[0].image' }] });
  });

  it('InvalidError carries the Status', () => {
    const e = new InvalidError({ group: '', kind: 'Pod' }, 'x', [a]);
    assert.ok(e instanceof Error);
    assert.equal(e.message, 'Pod "x" is invalid: spec.containers[0].image: Required value');
    assert.equal(e.toStatus().code, 422);
    assert.equal(e.code, 422);
  });
});

describe('Go value rendering', () => {
  const cases: [unknown, string][] = [
    ['plain', '"plain"'],
    ['quote"and\\slash', '"quote\\"and\\\\slash"'],
    ['tab\tnl\n', '"tab\\tnl\\n"'],
    ['\u0001', '"\\x01"'],
    ['é', '"é"'],
    [42, '42'],
    [1.5, '1.5'],
    [false, 'false'],
  ];
  for (const [v, want] of cases) it(`renders ${JSON.stringify(v)}`, () => { assert.equal(renderGoValue(v), want); });

  it('quotes like strconv.Quote', () => { assert.equal(goQuote('a"b'), '"a\\"b"'); });
  it('renders string maps sorted', () => {
    assert.equal(goStringMap({ b: '2', a: '1' }), 'map[string]string{"a":"1", "b":"2"}');
    assert.equal(goStringMap(undefined), 'map[string]string(nil)');
  });
  it('renders string slices', () => {
    assert.equal(goStringSlice(['a', 'b']), '[]string{"a", "b"}');
    assert.equal(goStringSlice(undefined), '[]string(nil)');
  });
});
