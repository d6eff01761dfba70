import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { goJSONSyntaxError, goUnmarshalObjectError } from './go-json.js';
import { createMessage, gvk, updateMessage } from './testing.js';

const CM = gvk('', 'v1', 'ConfigMap');
const SEC = gvk('', 'v1', 'Secret');
const NS = gvk('', 'v1', 'Namespace');
const SA = gvk('', 'v1', 'ServiceAccount');
const PVC = gvk('', 'v1', 'PersistentVolumeClaim');
const PV = gvk('', 'v1', 'PersistentVolume');
const NODE = gvk('', 'v1', 'Node');
const EV = gvk('', 'v1', 'Event');
const LR = gvk('', 'v1', 'LimitRange');
const RQ = gvk('', 'v1', 'ResourceQuota');

const m = (name = 'o', namespace: string | null = 'd') => (namespace === null ? { name, resourceVersion: '1' } : { name, namespace, resourceVersion: '1' });
const b64 = (s: string): string => Buffer.from(s).toString('base64');
const CONFIG_KEY =
  "a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')";

describe('ConfigMap', () => {
  const table: [string, Record<string, unknown>, string][] = [
    ['ok', { metadata: m(), data: { 'app.properties': 'x' }, binaryData: { b: b64('x') } }, 'OK'],
    ['bad key', { metadata: m(), data: { 'a b': 'x' } }, `ConfigMap "o" is invalid: data[a b]: Invalid value: "a b": ${CONFIG_KEY}`],
    ['bad binary key', { metadata: m(), binaryData: { 'a/b': b64('x') } }, `ConfigMap "o" is invalid: binaryData[a/b]: Invalid value: "a/b": ${CONFIG_KEY}`],
    ['key in both', { metadata: m(), data: { a: 'x' }, binaryData: { a: b64('x') } }, 'ConfigMap "o" is invalid: data[a]: Invalid value: "a": duplicate of key present in binaryData'],
    ['too large', { metadata: m(), data: { a: 'x'.repeat(1024 * 1024 + 1) } }, 'ConfigMap "o" is invalid: []: Too long: may not be more than 1048576 bytes'],
  ];
  for (const [name, obj, want] of table) it(name, () => { assert.equal(createMessage(CM, obj), want); });

  it('immutable data cannot change', () => {
    assert.equal(
      updateMessage(CM, { metadata: m(), immutable: true, data: { a: 'y' } }, { metadata: m(), immutable: true, data: { a: 'x' } }),
      'ConfigMap "o" is invalid: data: Forbidden: field is immutable when `immutable` is set',
    );
  });
  it('immutable cannot be unset', () => {
    assert.equal(
      updateMessage(CM, { metadata: m(), data: { a: 'x' } }, { metadata: m(), immutable: true, data: { a: 'x' } }),
      'ConfigMap "o" is invalid: immutable: Forbidden: field is immutable when `immutable` is set',
    );
  });
  it('mutable data can change', () => { assert.equal(updateMessage(CM, { metadata: m(), data: { a: 'y' } }, { metadata: m(), data: { a: 'x' } }), 'OK'); });
});

describe('Secret', () => {
  const table: [string, Record<string, unknown>, string][] = [
    ['opaque', { metadata: m(), data: { a: b64('x') } }, 'OK'],
    ['stringData counts', { metadata: m(), stringData: { 'a b': 'x' } }, `Secret "o" is invalid: data[a b]: Invalid value: "a b": ${CONFIG_KEY}`],
    ['too large', { metadata: m(), data: { a: Buffer.alloc(1024 * 1024 + 1).toString('base64') } }, 'Secret "o" is invalid: data: Too long: may not be more than 1048576 bytes'],
    ['tls needs both keys', { metadata: m(), type: 'kubernetes.io/tls', data: {} }, 'Secret "o" is invalid: [data[tls.crt]: Required value, data[tls.key]: Required value]'],
    ['tls ok', { metadata: m(), type: 'kubernetes.io/tls', data: { 'tls.crt': b64('c'), 'tls.key': b64('k') } }, 'OK'],
    [
      'service account token needs the annotation',
      { metadata: m(), type: 'kubernetes.io/service-account-token' },
      'Secret "o" is invalid: metadata.annotations[kubernetes.io/service-account.name]: Required value',
    ],
    ['docker config json required', { metadata: m(), type: 'kubernetes.io/dockerconfigjson', data: {} }, 'Secret "o" is invalid: data[.dockerconfigjson]: Required value'],
    [
      'docker config json malformed',
      { metadata: m(), type: 'kubernetes.io/dockerconfigjson', data: { '.dockerconfigjson': b64('nope') } },
      'Secret "o" is invalid: data[.dockerconfigjson]: Invalid value: "<secret contents redacted>": invalid character \'o\' in literal null (expecting \'u\')',
    ],
    ['docker config json ok', { metadata: m(), type: 'kubernetes.io/dockerconfigjson', stringData: { '.dockerconfigjson': '{"auths":{}}' } }, 'OK'],
    ['basic auth', { metadata: m(), type: 'kubernetes.io/basic-auth', data: {} }, 'Secret "o" is invalid: [data[username]: Required value, data[password]: Required value]'],
    ['ssh auth', { metadata: m(), type: 'kubernetes.io/ssh-auth', data: {} }, 'Secret "o" is invalid: data[ssh-privatekey]: Required value'],
  ];
  for (const [name, obj, want] of table) it(name, () => { assert.equal(createMessage(SEC, obj), want); });

  it('type is immutable', () => {
    assert.equal(updateMessage(SEC, { metadata: m(), type: 'foo' }, { metadata: m(), type: 'Opaque' }), 'Secret "o" is invalid: type: Invalid value: "foo": field is immutable');
  });
  it('immutable data', () => {
    assert.equal(
      updateMessage(SEC, { metadata: m(), immutable: true, data: { a: b64('y') } }, { metadata: m(), immutable: true, data: { a: b64('x') } }),
      'Secret "o" is invalid: data: Forbidden: field is immutable when `immutable` is set',
    );
  });
});

describe('Go JSON errors', () => {
  const table: [string, string | undefined][] = [
    ['{}', undefined],
    ['{"a":[1,2.5e3,true,null,"x\\u00e9"]}', undefined],
    ['', 'unexpected end of JSON input'],
    ['{', 'unexpected end of JSON input'],
    ['nope', "invalid character 'o' in literal null (expecting 'u')"],
    ['x', "invalid character 'x' looking for beginning of value"],
    ['{a:1}', "invalid character 'a' looking for beginning of object key string"],
    ['{"a" 1}', "invalid character '1' after object key"],
    ['{"a":1 "b"}', 'invalid character \'"\' after object key:value pair'],
    ['[1 2]', "invalid character '2' after array element"],
    ['{} x', "invalid character 'x' after top-level value"],
    ['"\\q"', "invalid character 'q' in string escape code"],
    ['1.', 'unexpected end of JSON input'],
    ['1.x', "invalid character 'x' after decimal point in numeric literal"],
    ['-x', "invalid character 'x' in numeric literal"],
    ['1ex', "invalid character 'x' in exponent of numeric literal"],
    ['"a\nb"', "invalid character '\\n' in string literal"],
  ];
  for (const [input, want] of table) it(JSON.stringify(input), () => { assert.equal(goJSONSyntaxError(Buffer.from(input)), want); });
  it('type mismatches', () => {
    assert.equal(goUnmarshalObjectError(Buffer.from('[]')), 'json: cannot unmarshal array into Go value of type map[string]interface {}');
    assert.equal(goUnmarshalObjectError(Buffer.from('null')), undefined);
  });
});

describe('Namespace and ServiceAccount', () => {
  it('namespace ok', () => { assert.equal(createMessage(NS, { metadata: m('team-a', null) }), 'OK'); });
  it('namespace names are DNS labels', () => {
    assert.equal(
      createMessage(NS, { metadata: m('Bad_NS', null) }),
      `Namespace "Bad_NS" is invalid: metadata.name: Invalid value: "Bad_NS": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')`,
    );
  });
  it('namespace finalizers', () => {
    assert.equal(
      createMessage(NS, { metadata: m('ns', null), spec: { finalizers: ['foo'] } }),
      'Namespace "ns" is invalid: spec.finalizers: Invalid value: "foo": name is neither a standard finalizer name nor is it fully qualified',
    );
  });
  it('service account ok', () => { assert.equal(createMessage(SA, { metadata: m() }), 'OK'); });
});

describe('PersistentVolumeClaim', () => {
  const spec = (extra: Record<string, unknown>) => ({ accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, ...extra });
  const table: [string, Record<string, unknown>, string][] = [
    ['ok', { metadata: m(), spec: spec({}) }, 'OK'],
    ['empty spec', { metadata: m(), spec: {} }, 'PersistentVolumeClaim "o" is invalid: [spec.accessModes: Required value: at least 1 access mode is required, spec.resources[storage]: Required value]'],
    [
      'bad access mode',
      { metadata: m(), spec: spec({ accessModes: ['ReadWriteSometimes'] }) },
      'PersistentVolumeClaim "o" is invalid: spec.accessModes: Unsupported value: "ReadWriteSometimes": supported values: "ReadOnlyMany", "ReadWriteMany", "ReadWriteOnce", "ReadWriteOncePod"',
    ],
    ['zero storage', { metadata: m(), spec: spec({ resources: { requests: { storage: '0' } } }) }, 'PersistentVolumeClaim "o" is invalid: spec.resources[storage]: Invalid value: "0": must be greater than zero'],
    [
      'ReadWriteOncePod alone',
      { metadata: m(), spec: spec({ accessModes: ['ReadWriteOncePod', 'ReadWriteOnce'] }) },
      'PersistentVolumeClaim "o" is invalid: spec.accessModes: Forbidden: may not use ReadWriteOncePod with other access modes',
    ],
  ];
  for (const [name, obj, want] of table) it(name, () => { assert.equal(createMessage(PVC, obj), want); });

  const bound = (extra: Record<string, unknown>) => ({ metadata: m(), spec: spec({ volumeName: 'pv1', ...extra }), status: { phase: 'Bound', capacity: { storage: '1Gi' } } });
  it('spec is immutable except requests', () => {
    const msg = updateMessage(PVC, bound({ accessModes: ['ReadWriteMany'] }), bound({}));
    assert.ok(msg.startsWith('PersistentVolumeClaim "o" is invalid: spec: Forbidden: spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims'), msg);
  });
  it('may grow', () => { assert.equal(updateMessage(PVC, bound({ resources: { requests: { storage: '2Gi' } } }), bound({})), 'OK'); });
  it('may not shrink below capacity', () => {
    assert.equal(
      updateMessage(PVC, bound({ resources: { requests: { storage: '500Mi' } } }), bound({})),
      'PersistentVolumeClaim "o" is invalid: spec.resources.requests.storage: Forbidden: field can not be less than status.capacity',
    );
  });
});

describe('PersistentVolume, Node, Event, LimitRange, ResourceQuota', () => {
  it('pv ok', () => { assert.equal(createMessage(PV, { metadata: m('pv', null), spec: { capacity: { storage: '1Gi' }, accessModes: ['ReadWriteOnce'], hostPath: { path: '/x' } } }), 'OK'); });
  it('pv needs a source', () => {
    assert.equal(
      createMessage(PV, { metadata: m('pv', null), spec: { capacity: { storage: '1Gi' }, accessModes: ['ReadWriteOnce'] } }),
      'PersistentVolume "pv" is invalid: spec: Required value: must specify a volume type',
    );
  });
  it('node ok', () => { assert.equal(createMessage(NODE, { metadata: m('n1', null) }), 'OK'); });
  it('node taints are reported under metadata', () => {
    assert.equal(
      createMessage(NODE, { metadata: m('n1', null), spec: { taints: [{ key: 'a', effect: 'Bogus' }] } }),
      'Node "n1" is invalid: metadata.taints[0].effect: Unsupported value: "Bogus": supported values: "NoSchedule", "PreferNoSchedule", "NoExecute"',
    );
  });
  it('node podCIDR converts to podCIDRs', () => {
    assert.equal(
      createMessage(NODE, { metadata: m('n1', null), spec: { podCIDR: 'x' } }),
      'Node "n1" is invalid: spec.podCIDRs[0]: Invalid value: "x": must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)',
    );
  });
  it('event ok', () => {
    assert.equal(createMessage(EV, { metadata: m('e'), involvedObject: { kind: 'Pod', namespace: 'd', name: 'p' }, reason: 'R', message: 'x', type: 'Normal', source: { component: 'c' } }), 'OK');
  });
  it('event namespace must match', () => {
    assert.equal(
      createMessage(EV, { metadata: m('e'), involvedObject: { kind: 'Pod', namespace: 'other', name: 'p' } }),
      'Event "e" is invalid: involvedObject.namespace: Invalid value: "other": does not match event.namespace',
    );
  });
  it('limit range min above max', () => {
    assert.equal(
      createMessage(LR, { metadata: m(), spec: { limits: [{ type: 'Container', max: { cpu: '1' }, min: { cpu: '2' } }] } }),
      'LimitRange "o" is invalid: [spec.limits[0].min[cpu]: Invalid value: "2": min value 2 is greater than max value 1, spec.limits[0].defaultRequest[cpu]: Invalid value: "1": min value 2 is greater than default request value 1, spec.limits[0].default[cpu]: Invalid value: "2": min value 2 is greater than default value 1]',
    );
  });
  it('quota values non-negative', () => {
    assert.equal(createMessage(RQ, { metadata: m(), spec: { hard: { pods: '-1' } } }), 'ResourceQuota "o" is invalid: spec.hard[pods]: Invalid value: "-1": must be greater than or equal to 0');
  });
  it('quota resource names', () => {
    assert.equal(
      createMessage(RQ, { metadata: m(), spec: { hard: { foo: '1' } } }),
      'ResourceQuota "o" is invalid: [spec.hard[foo]: Invalid value: "foo": must be a standard resource type or fully qualified, spec.hard[foo]: Invalid value: "foo": must be a standard resource for quota]',
    );
  });
});
