// Kubeconfig loading against our API server: contexts and namespaces, certificate files relative to
// the kubeconfig, insecure-skip-tls-verify, and credentials that change while the client runs
// (exec plugins and token files are asked again after a 401).
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { stringify } from 'yaml';
import { StatusError } from '../../src/api/status.js';
import { clientFromKubeconfig, KubeconfigError, resources } from '../../src/client/index.js';
import { startTestApiServer, type TestApiServer } from '../support/apiserver.js';

let api: TestApiServer;
before(async () => {
  api = await startTestApiServer({ storage: 'memory' });
});
after(async () => {
  await api.stop();
});

const b64 = (s: string): string => Buffer.from(s).toString('base64');

function kubeconfig(users: Record<string, Record<string, unknown>>, options: { cluster?: Record<string, unknown>; contexts?: Record<string, { user: string; namespace?: string }>; current?: string } = {}): string {
  const contexts = options.contexts ?? Object.fromEntries(Object.keys(users).map((u) => [u, { user: u }]));
  return stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name: 'test', cluster: options.cluster ?? { server: api.url, 'certificate-authority-data': b64(api.caPem) } }],
    users: Object.entries(users).map(([name, user]) => ({ name, user })),
    contexts: Object.entries(contexts).map(([name, c]) => ({ name, context: { cluster: 'test', ...c } })),
    'current-context': options.current ?? Object.keys(contexts)[0],
  });
}

const isUnauthorized = (e: unknown): boolean => e instanceof StatusError && e.code === 401;

describe('clientFromKubeconfig', () => {
  it('uses the current context or the one asked for, with its namespace', async () => {
    const text = kubeconfig(
      { admin: { token: api.adminToken }, nobody: { token: 'not-a-token' } },
      { contexts: { admin: { user: 'admin', namespace: 'kube-system' }, nobody: { user: 'nobody' } }, current: 'nobody' },
    );
    const nobody = await clientFromKubeconfig(text);
    await assert.rejects(nobody.list(resources.namespaces), isUnauthorized);
    await nobody.close();
    const adminClient = await clientFromKubeconfig(text, { context: 'admin' });
    assert.equal(adminClient.defaultNamespace, 'kube-system');
    assert.ok(await adminClient.get(resources.namespaces, 'default'));
    await adminClient.close();
    await assert.rejects(clientFromKubeconfig(text, { context: 'missing' }), KubeconfigError);
  });

  it('reads certificate files relative to the kubeconfig, and honours insecure-skip-tls-verify', async () => {
    writeFileSync(join(api.dir, 'admin.crt'), api.adminCertPem);
    writeFileSync(join(api.dir, 'admin.key'), api.adminKeyPem);
    const path = join(api.dir, 'relative-kubeconfig');
    writeFileSync(path, kubeconfig({ admin: { 'client-certificate': 'admin.crt', 'client-key': 'admin.key' } }, { cluster: { server: api.url, 'insecure-skip-tls-verify': true } }));
    const client = await clientFromKubeconfig(path);
    assert.ok(await client.get(resources.namespaces, 'default'));
    await client.close();
  });

  it('asks an exec plugin again after a 401', async () => {
    const tokenPath = join(api.dir, 'exec-token');
    const plugin = join(api.dir, 'exec-plugin.mjs');
    const calls = join(api.dir, 'exec-calls');
    writeFileSync(tokenPath, 'wrong');
    writeFileSync(calls, '');
    writeFileSync(
      plugin,
      `import { appendFileSync, readFileSync } from 'node:fs';
appendFileSync(${JSON.stringify(calls)}, 'x');
const token = readFileSync(${JSON.stringify(tokenPath)}, 'utf8');
process.stdout.write(JSON.stringify({ apiVersion: 'client.authentication.k8s.io/v1', kind: 'ExecCredential', status: { token } }));
`,
    );
    const client = await clientFromKubeconfig(
      kubeconfig({ exec: { exec: { apiVersion: 'client.authentication.k8s.io/v1', command: process.execPath, args: [plugin], interactiveMode: 'Never' } } }),
    );
    await assert.rejects(client.list(resources.namespaces), isUnauthorized);
    writeFileSync(tokenPath, api.adminToken);
    assert.ok(await client.get(resources.namespaces, 'default'), 'the stale token got a 401, the plugin was asked again');
    assert.ok(await client.get(resources.namespaces, 'default'));
    const { readFileSync } = await import('node:fs');
    assert.equal(readFileSync(calls, 'utf8').length, 3, 'asked once, again after the first 401, and after the second; then cached');
    await client.close();
  });

  it('rereads a token file after a 401', async () => {
    const tokenPath = join(api.dir, 'token-file');
    writeFileSync(tokenPath, 'expired-token\n');
    const client = await clientFromKubeconfig(kubeconfig({ rotating: { 'token-file': tokenPath } }));
    await assert.rejects(client.list(resources.namespaces), isUnauthorized);
    writeFileSync(tokenPath, `${api.adminToken}\n`);
    assert.ok(await client.get(resources.namespaces, 'default'));
    await client.close();
  });

  it('refuses what it cannot use with a clear error', async () => {
    await assert.rejects(clientFromKubeconfig(join(api.dir, 'does-not-exist')), KubeconfigError);
    await assert.rejects(clientFromKubeconfig(kubeconfig({ a: { token: 'x' } }, { cluster: { server: api.url, 'proxy-url': 'http://proxy:3128' } })), /proxy-url/);
    await assert.rejects(clientFromKubeconfig('apiVersion: v1\nkind: Config\nclusters: []\ncontexts: []\n'), KubeconfigError);
  });
});
