import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decodeProtobufObject, ProtobufDecodeError, supportedProtobufKinds } from './index.js';
import type { ProtobufDecodeErrorReason } from './index.js';
import { loadKubectlFixtures } from './testing/fixtures.js';
import { KUBECTL_CASES } from './testing/kubectl-cases.js';
import { envelope, pb } from './testing/wire-builder.js';

const fixtures = loadKubectlFixtures();

/**
 * What kubectl would send as JSON where it has no client dry-run, written from the Go types'
 * json tags: `audiences`, `expirationSeconds`, `boundObjectRef`, `token`, `allowed`,
 * `resourceRules`, `nonResourceRules` and `incomplete` have no omitempty; `expirationTimestamp`
 * and `creationTimestamp` are zero metav1.Times; `status`, `spec` and `userInfo` are structs.
 */
const meta = { creationTimestamp: null };
const ssar = (spec: Record<string, unknown>): Record<string, unknown> => ({
  kind: 'SelfSubjectAccessReview',
  apiVersion: 'authorization.k8s.io/v1',
  metadata: meta,
  spec,
  status: { allowed: false },
});
const EXPECTED_WITHOUT_DRY_RUN: Record<string, Record<string, unknown>> = {
  token: {
    kind: 'TokenRequest',
    apiVersion: 'authentication.k8s.io/v1',
    metadata: meta,
    spec: { audiences: null, expirationSeconds: null, boundObjectRef: null },
    status: { token: '', expirationTimestamp: null },
  },
  'token bound': {
    kind: 'TokenRequest',
    apiVersion: 'authentication.k8s.io/v1',
    metadata: meta,
    spec: {
      audiences: ['https://example.com', 'second'],
      expirationSeconds: 3600,
      boundObjectRef: {
        kind: 'Secret',
        apiVersion: 'v1',
        name: 's1',
        uid: '0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0',
      },
    },
    status: { token: '', expirationTimestamp: null },
  },
  'can-i resource': ssar({
    resourceAttributes: { namespace: 'default', verb: 'get', resource: 'pods' },
  }),
  'can-i subresource in namespace': ssar({
    resourceAttributes: {
      namespace: 'kube-system',
      verb: 'create',
      group: 'apps',
      resource: 'deployments',
      subresource: 'scale',
    },
  }),
  'can-i named resource': ssar({
    resourceAttributes: { namespace: 'default', verb: 'get', resource: 'pods', name: 'mypod' },
  }),
  'can-i all namespaces': ssar({ resourceAttributes: { verb: 'list', resource: 'secrets' } }),
  'can-i non-resource URL': ssar({ nonResourceAttributes: { path: '/logs', verb: 'get' } }),
  'can-i list': {
    kind: 'SelfSubjectRulesReview',
    apiVersion: 'authorization.k8s.io/v1',
    metadata: meta,
    spec: { namespace: 'default' },
    status: { resourceRules: null, nonResourceRules: null, incomplete: false },
  },
  whoami: {
    kind: 'SelfSubjectReview',
    apiVersion: 'authentication.k8s.io/v1',
    metadata: meta,
    status: { userInfo: {} },
  },
};

describe('decodeProtobufObject on bodies captured from kubectl', () => {
  it('has a fixture for every case, captured as protobuf', () => {
    assert.deepEqual(
      fixtures.cases.map((c) => [c.name, c.args]),
      KUBECTL_CASES.map((c) => [c.name, c.args]),
      'fixtures are stale: run node --import tsx src/apiserver/protobuf/testing/refresh-fixtures.ts',
    );
    for (const c of fixtures.cases)
      assert.equal(c.contentType, 'application/vnd.kubernetes.protobuf', c.name);
  });

  it('covers every command kubectl sends as protobuf', () => {
    const commands = new Set(
      fixtures.cases.map((c) =>
        c.args.slice(0, c.args[1] === 'secret' || c.args[1] === 'service' ? 3 : 2).join(' '),
      ),
    );
    const expected = [
      'create namespace',
      'create configmap',
      'create secret generic',
      'create secret tls',
      'create secret docker-registry',
      'create deployment',
      'create serviceaccount',
      'create job',
      'create cronjob',
      'create service clusterip',
      'create service nodeport',
      'create service loadbalancer',
      'create service externalname',
      'create role',
      'create clusterrole',
      'create rolebinding',
      'create clusterrolebinding',
      'create poddisruptionbudget',
      'create priorityclass',
      'create ingress',
      'create quota',
      'create token',
      'auth can-i',
      'auth whoami',
    ];
    for (const command of expected) assert.ok(commands.has(command), command);
  });

  for (const c of fixtures.cases) {
    it(`kubectl ${c.name}`, () => {
      const want = c.dryRun ?? EXPECTED_WITHOUT_DRY_RUN[c.name];
      assert.ok(want, `no expectation for ${c.name}`);
      assert.deepStrictEqual(decodeProtobufObject(Buffer.from(c.body, 'base64')), want);
    });
  }
});

describe('decodeProtobufObject refuses bad bodies with a ProtobufDecodeError', () => {
  const namespace = pb([[1, [[1, 'foo']]]]);
  const cases: {
    name: string;
    body: Uint8Array;
    reason: ProtobufDecodeErrorReason;
    status: 400 | 415;
    message?: RegExp;
  }[] = [
    { name: 'empty body', body: new Uint8Array(0), reason: 'BadMagic', status: 400 },
    {
      name: 'JSON body',
      body: Buffer.from('{"kind":"Namespace"}'),
      reason: 'BadMagic',
      status: 400,
    },
    {
      name: 'magic only',
      body: Buffer.from('k8s\0'),
      reason: 'Malformed',
      status: 400,
      message: /no kind/,
    },
    { name: 'almost magic', body: Buffer.from('k8s\x01\x0a\x00'), reason: 'BadMagic', status: 400 },
    {
      name: 'missing apiVersion',
      body: Buffer.concat([Buffer.from('k8s\0'), pb([[1, [[2, 'Namespace']]]])]),
      reason: 'Malformed',
      status: 400,
      message: /apiVersion/,
    },
    {
      name: 'unknown kind',
      body: envelope('v1', 'Pod', namespace),
      reason: 'UnsupportedKind',
      status: 415,
      message: /Pod in v1/,
    },
    {
      name: 'unknown group version',
      body: envelope('example.com/v1', 'Namespace', namespace),
      reason: 'UnsupportedKind',
      status: 415,
    },
    {
      name: 'gzip content encoding',
      body: envelope('v1', 'Namespace', namespace, [[3, 'gzip']]),
      reason: 'UnsupportedEncoding',
      status: 415,
    },
    {
      name: 'JSON content type',
      body: envelope('v1', 'Namespace', namespace, [[4, 'application/json']]),
      reason: 'UnsupportedEncoding',
      status: 415,
    },
    {
      name: 'truncated envelope',
      body: envelope('v1', 'Namespace', namespace).subarray(0, 12),
      reason: 'Malformed',
      status: 400,
    },
    {
      name: 'raw object truncated',
      body: envelope('v1', 'Namespace', namespace.subarray(0, namespace.length - 1)),
      reason: 'Malformed',
      status: 400,
      message: /^metadata/,
    },
    {
      name: 'garbage after magic',
      body: Buffer.from('k8s\0\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff', 'latin1'),
      reason: 'Malformed',
      status: 400,
    },
    {
      name: 'string where a message belongs',
      body: envelope('v1', 'Namespace', pb([[1, { varint: 3 }]])),
      reason: 'Malformed',
      status: 400,
      message: /metadata: wrong wire type 0/,
    },
    {
      name: 'invalid quantity',
      body: envelope(
        'v1',
        'ResourceQuota',
        pb([
          [
            2,
            [
              [
                1,
                [
                  [1, 'cpu'],
                  [2, [[1, 'lots']]],
                ],
              ],
            ],
          ],
        ]),
      ),
      reason: 'InvalidValue',
      status: 400,
      message: /^spec\.hard\[cpu\]: quantity "lots"/,
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      assert.throws(
        () => decodeProtobufObject(c.body),
        (e: unknown) => {
          assert.ok(e instanceof ProtobufDecodeError, String(e));
          assert.equal(e.reason, c.reason, e.message);
          assert.equal(e.httpStatus, c.status);
          if (c.message) assert.match(e.message, c.message);
          return true;
        },
      );
    });
  }

  it('never fails otherwise on truncated or corrupted kubectl bodies', () => {
    let random = 42;
    const next = (n: number): number => {
      random = (random * 1103515245 + 12345) % 2 ** 31;
      return random % n;
    };
    let decoded = 0;
    let refused = 0;
    const attempt = (body: Uint8Array): void => {
      try {
        decodeProtobufObject(body);
        decoded++;
      } catch (e) {
        assert.ok(
          e instanceof ProtobufDecodeError,
          `${String(e)} for ${Buffer.from(body).toString('hex')}`,
        );
        // The decoder classifies its own failures; the catch-all in index.ts is only a safety net.
        assert.doesNotMatch(
          e.message,
          /cannot decode protobuf body/,
          Buffer.from(body).toString('hex'),
        );
        refused++;
      }
    };
    for (const c of fixtures.cases) {
      const body = Buffer.from(c.body, 'base64');
      for (let len = 0; len < body.length; len++) attempt(body.subarray(0, len));
      for (let i = 0; i < 200; i++) {
        const copy = Buffer.from(body);
        for (let flips = 1 + next(3); flips > 0; flips--)
          copy[4 + next(copy.length - 4)] = next(256);
        attempt(copy);
      }
    }
    assert.ok(refused > 0 && decoded > 0, `refused ${refused}, decoded ${decoded}`);
  });
});

describe('supportedProtobufKinds', () => {
  it('lists apiVersion/kind of every kind kubectl sends as protobuf', () => {
    const kinds = supportedProtobufKinds();
    for (const c of fixtures.cases) {
      const obj = decodeProtobufObject(Buffer.from(c.body, 'base64'));
      assert.ok(kinds.includes(`${String(obj.apiVersion)}/${String(obj.kind)}`), String(obj.kind));
    }
    assert.ok(kinds.includes('v1/Namespace'));
    assert.ok(kinds.includes('apps/v1/Deployment'));
    assert.ok(kinds.includes('coordination.k8s.io/v1/Lease'));
    assert.equal(new Set(kinds).size, kinds.length);
  });

  it('decodes an empty message of every listed kind', () => {
    for (const key of supportedProtobufKinds()) {
      const slash = key.lastIndexOf('/');
      const obj = decodeProtobufObject(
        envelope(key.slice(0, slash), key.slice(slash + 1), new Uint8Array(0)),
      );
      assert.equal(obj.kind, key.slice(slash + 1));
      assert.deepEqual(obj.metadata, { creationTimestamp: null }, key);
    }
  });
});
