// Malformed and hostile requests get the right Kubernetes Status, and the server keeps serving.
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { rawRequest, startTestApiServer, type TestApiServer } from '../support/apiserver.js';

let api: TestApiServer;
before(async () => {
  api = await startTestApiServer({ storage: 'sqlite' });
});
after(async () => {
  await api.stop();
});

const CM = '/api/v1/namespaces/default/configmaps';
const JSON_CT = 'application/json';

interface Case {
  readonly name: string;
  readonly method: string;
  readonly path: string;
  readonly body?: string | Buffer;
  readonly contentType?: string;
  readonly anonymous?: boolean;
  readonly token?: string;
  readonly code: number;
  readonly reason: string;
  readonly message: RegExp;
}

const cases: Case[] = [
  { name: 'anonymous request', method: 'GET', path: CM, anonymous: true, code: 401, reason: 'Unauthorized', message: /Unauthorized/ },
  { name: 'unknown bearer token', method: 'GET', path: CM, token: 'not-a-token', code: 401, reason: 'Unauthorized', message: /Unauthorized/ },
  { name: 'anonymous write', method: 'POST', path: CM, anonymous: true, body: '{"metadata":{"name":"x"}}', contentType: JSON_CT, code: 401, reason: 'Unauthorized', message: /Unauthorized/ },
  { name: 'malformed JSON', method: 'POST', path: CM, body: '{"metadata": {"name": "x"', contentType: JSON_CT, code: 400, reason: 'BadRequest', message: /json parse error/ },
  { name: 'JSON that is not an object', method: 'POST', path: CM, body: '[1,2,3]', contentType: JSON_CT, code: 400, reason: 'BadRequest', message: /not a JSON object/ },
  { name: 'malformed YAML', method: 'POST', path: CM, body: 'metadata:\n  name: [x\n', contentType: 'application/yaml', code: 400, reason: 'BadRequest', message: /error converting YAML to JSON/ },
  { name: 'protobuf with a bad magic number', method: 'POST', path: CM, body: Buffer.from('not protobuf at all'), contentType: 'application/vnd.kubernetes.protobuf', code: 400, reason: 'BadRequest', message: /magic|protobuf/i },
  { name: 'truncated protobuf', method: 'POST', path: CM, body: Buffer.from([0x6b, 0x38, 0x73, 0x00, 0x0a, 0x0f, 0x0a]), contentType: 'application/vnd.kubernetes.protobuf', code: 400, reason: 'BadRequest', message: /protobuf|truncat/i },
  { name: 'unsupported content type', method: 'POST', path: CM, body: 'name=x', contentType: 'text/plain', code: 415, reason: 'UnsupportedMediaType', message: /unknown format/ },
  { name: 'invalid name', method: 'POST', path: CM, body: '{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"Not_Valid"}}', contentType: JSON_CT, code: 422, reason: 'Invalid', message: /ConfigMap "Not_Valid" is invalid: metadata\.name/ },
  { name: 'missing name', method: 'POST', path: CM, body: '{"apiVersion":"v1","kind":"ConfigMap","metadata":{}}', contentType: JSON_CT, code: 422, reason: 'Invalid', message: /name or generateName is required/ },
  { name: 'unknown field with Strict validation', method: 'POST', path: `${CM}?fieldValidation=Strict`, body: '{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"strict"},"bogus":1}', contentType: JSON_CT, code: 400, reason: 'BadRequest', message: /strict decoding error: unknown field "bogus"/ },
  { name: 'wrong kind for the endpoint', method: 'POST', path: CM, body: '{"apiVersion":"v1","kind":"Secret","metadata":{"name":"k"}}', contentType: JSON_CT, code: 400, reason: 'BadRequest', message: /does not match the expected kind/ },
  { name: 'namespace mismatch', method: 'POST', path: CM, body: '{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"m","namespace":"other"}}', contentType: JSON_CT, code: 400, reason: 'BadRequest', message: /does not match the namespace/ },
  { name: 'oversized body', method: 'POST', path: CM, body: `{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"big"},"data":{"x":"${'y'.repeat(3 * 1024 * 1024)}"}}`, contentType: JSON_CT, code: 413, reason: 'RequestEntityTooLarge', message: /too large/ },
  { name: 'patch of a missing object', method: 'PATCH', path: `${CM}/missing`, body: '{"data":{"a":"b"}}', contentType: 'application/merge-patch+json', code: 404, reason: 'NotFound', message: /configmaps "missing" not found/ },
  { name: 'patch with an unsupported patch type', method: 'PATCH', path: `${CM}/missing`, body: '{}', contentType: 'application/json', code: 415, reason: 'UnsupportedMediaType', message: /unknown format/ },
  { name: 'malformed JSON patch', method: 'PATCH', path: `${CM}/missing`, body: '{"op":"add"}', contentType: 'application/json-patch+json', code: 400, reason: 'BadRequest', message: /json patch/i },
  { name: 'object in a missing namespace', method: 'POST', path: '/api/v1/namespaces/nowhere/configmaps', body: '{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"x"}}', contentType: JSON_CT, code: 404, reason: 'NotFound', message: /namespaces "nowhere" not found/ },
  { name: 'unknown resource', method: 'GET', path: '/api/v1/namespaces/default/widgets', code: 404, reason: 'NotFound', message: /could not find the requested resource/ },
  { name: 'method not allowed on a collection', method: 'PUT', path: CM, body: '{}', contentType: JSON_CT, code: 405, reason: 'MethodNotAllowed', message: /does not allow this method/ },
  { name: 'bad label selector', method: 'GET', path: `${CM}?labelSelector=${encodeURIComponent('a in (b')}`, code: 400, reason: 'BadRequest', message: /unable to parse requirement|found/ },
  { name: 'bad continue token', method: 'GET', path: `${CM}?limit=1&continue=garbage`, code: 400, reason: 'BadRequest', message: /continue/ },
];

for (const c of cases) {
  it(`answers ${c.code} ${c.reason}: ${c.name}`, async () => {
    const res = await rawRequest(api, c.method, c.path, {
      ...(c.body !== undefined ? { body: c.body } : {}),
      ...(c.contentType ? { contentType: c.contentType } : {}),
      ...(c.anonymous ? { anonymous: true } : {}),
      ...(c.token ? { token: c.token } : {}),
    });
    assert.equal(res.status, c.code, res.text);
    const status = res.json();
    assert.equal(status.kind, 'Status');
    assert.equal(status.status, 'Failure');
    assert.equal(status.code, c.code);
    assert.equal(status.reason, c.reason);
    assert.match(String(status.message), c.message);
  });
}

it('rejects a stale update with 409 and a duplicate create with 409 AlreadyExists', async () => {
  const body = '{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"cas"},"data":{"v":"1"}}';
  const created = await rawRequest(api, 'POST', CM, { body, contentType: JSON_CT });
  assert.equal(created.status, 201);
  const rv = String(created.json().metadata.resourceVersion);
  const again = await rawRequest(api, 'POST', CM, { body, contentType: JSON_CT });
  assert.equal(again.status, 409);
  assert.equal(again.json().reason, 'AlreadyExists');
  const update = (data: string): Promise<{ status: number; json(): Record<string, any> }> =>
    rawRequest(api, 'PUT', `${CM}/cas`, { body: `{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"cas","resourceVersion":"${rv}"},"data":{"v":"${data}"}}`, contentType: JSON_CT });
  assert.equal((await update('2')).status, 200);
  const stale = await update('3');
  assert.equal(stale.status, 409);
  assert.equal(stale.json().reason, 'Conflict');
  assert.match(String(stale.json().message), /the object has been modified/);
});

it('keeps serving and lost nothing after all of that', async () => {
  const version = await rawRequest(api, 'GET', '/version');
  assert.equal(version.status, 200);
  const list = await rawRequest(api, 'GET', CM);
  assert.equal(list.status, 200);
  const names = (list.json().items as { metadata: { name: string } }[]).map((i) => i.metadata.name);
  assert.deepEqual(names, ['cas'], 'no half-written object from the rejected requests');
  const cas = await rawRequest(api, 'GET', `${CM}/cas`);
  assert.equal(cas.json().data.v, '2');
});
