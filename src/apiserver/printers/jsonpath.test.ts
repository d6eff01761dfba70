import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { JsonPathError, findResults, parseJsonPath } from './jsonpath.js';

const obj = {
  metadata: {
    name: 'db',
    labels: { app: 'postgres', 'app.kubernetes.io/name': 'pg' },
    annotations: { 'example.com/owner': 'team-a' },
  },
  spec: { replicas: 3, paused: false, ratio: 0.5, ports: [{ name: 'pg', port: 5432 }, { name: 'metrics', port: 9187 }, { port: 8080 }] },
  status: {
    replicas: 2,
    conditions: [
      { type: 'Ready', status: 'False', reason: 'Scaling' },
      { type: 'Available', status: 'True' },
      { type: 'Ready', status: 'Unknown' },
    ],
    nothing: null,
  },
};

const find = (path: string): unknown[] => findResults(parseJsonPath(path), obj);

describe('jsonpath evaluation', () => {
  const cases: [path: string, want: unknown[]][] = [
    ['.spec.replicas', [3]],
    ['.metadata.labels.app', ['postgres']],
    ['.metadata.labels.app\\.kubernetes\\.io/name', ['pg']],
    ['.metadata.annotations.example\\.com/owner', ['team-a']],
    [".metadata['name']", ['db']],
    ['.spec.ports[0].port', [5432]],
    ['.spec.ports[-1].port', [8080]],
    ['.spec.ports[1:].port', [9187, 8080]],
    ['.spec.ports[0:3:2].port', [5432, 8080]],
    ['.spec.ports[*].port', [5432, 9187, 8080]],
    ['.spec.ports[0,2].port', [5432, 8080]],
    ['.spec.ports[*].name', ['pg', 'metrics']],
    ['.status.conditions[?(@.type=="Ready")].status', ['False', 'Unknown']],
    [".status.conditions[?(@.type == 'Available')].status", ['True']],
    ['.status.conditions[?(@.type!="Ready")].type', ['Available']],
    ['.status.conditions[?(@.reason)].reason', ['Scaling']],
    ['.spec.ports[?(@.port>9000)].name', ['metrics']],
    ['.spec.ports[?(@.port<=5432)].name', ['pg']],
    ['.metadata.labels.*', ['postgres', 'pg']],
    ['..port', [5432, 9187, 8080]],
    ['.status.missing', []],
    ['.status.missing.deeper', []],
    ['.status.nothing', [null]],
    ['.metadata.name.length', []],
    ['.spec.ports[5:5]', []],
  ];
  for (const [path, want] of cases) {
    it(path, () => { assert.deepEqual(find(path), want); });
  }
});

describe('jsonpath errors', () => {
  it('rejects malformed paths', () => {
    for (const path of ['.spec[', '.spec[x]', '.spec.{', '.spec....a', '.a[?(@.x=="y"', '.a[1:2:x]', '.a foo']) {
      assert.throws(() => parseJsonPath(path), JsonPathError, path);
    }
  });
  it('fails evaluation on out-of-range indexes and bad filters', () => {
    assert.throws(() => find('.spec.ports[7].port'), JsonPathError);
    assert.throws(() => find('.spec.replicas[0]'), JsonPathError);
    assert.throws(() => find('.spec[?(@.a)]'), JsonPathError);
    assert.throws(() => find('.spec.ports[?(@.port=="5432")]'), JsonPathError);
  });
});
