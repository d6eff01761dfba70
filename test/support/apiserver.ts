import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildKubeconfig } from '../../src/api/kubeconfig.js';
import { createApiServer, decorateResourceVersion, loadOrCreatePki, type ApiServer, type PodLogProvider } from '../../src/apiserver/index.js';
import { openEtcdStore, openMemoryStore, openSqliteStore, type CommonStoreOptions, type Store } from '../../src/storage/index.js';

export type StorageKind = 'memory' | 'sqlite' | 'etcd';

export interface TestApiServer {
  readonly url: string;
  readonly port: number;
  readonly dir: string;
  readonly kubeconfigPath: string;
  /** A kubeconfig using the admin bearer token instead of the client certificate. */
  readonly tokenKubeconfigPath: string;
  readonly caPem: string;
  readonly adminCertPem: string;
  readonly adminKeyPem: string;
  readonly adminToken: string;
  readonly server: ApiServer;
  readonly storage: Store;
  readonly handler: ApiServer['handle'];
  stop(): Promise<void>;
}

export interface TestApiServerOptions {
  readonly storage?: StorageKind;
  readonly etcdEndpoint?: string;
  readonly storeOptions?: CommonStoreOptions;
  /** Watches without timeoutSeconds end after between this and twice this many seconds. */
  readonly minRequestTimeoutSeconds?: number;
  /** Where `pods/log` comes from (the embedded host passes hostsim's, bound late). */
  readonly podLogs?: PodLogProvider;
  /** Sees or wraps the store the server is given (to observe how the server uses it). */
  readonly wrapStorage?: (store: Store) => Store;
}

/** Starts our API server on a free loopback port with a fresh data dir, PKI and kubeconfigs. */
export async function startTestApiServer(options: TestApiServerOptions = {}): Promise<TestApiServer> {
  const dir = mkdtempSync(join(tmpdir(), 'vcluster-apiserver-'));
  const pki = loadOrCreatePki(dir);
  const common: CommonStoreOptions = { decorate: decorateResourceVersion, progressIntervalMs: 1000, ...options.storeOptions };
  let storage: Store;
  switch (options.storage ?? 'memory') {
    case 'memory':
      storage = openMemoryStore(common);
      break;
    case 'sqlite':
      storage = openSqliteStore({ path: join(dir, 'state.sqlite'), ...common });
      break;
    case 'etcd':
      if (!options.etcdEndpoint) throw new Error('etcd storage needs etcdEndpoint');
      storage = await openEtcdStore({ endpoints: [options.etcdEndpoint], ...common });
      break;
  }
  const server = createApiServer({
    storage: options.wrapStorage ? options.wrapStorage(storage) : storage,
    pki,
    staticTokens: new Map([[pki.adminToken, { name: 'kubernetes-admin', groups: ['system:masters'] }]]),
    ...(options.minRequestTimeoutSeconds !== undefined ? { minRequestTimeoutSeconds: options.minRequestTimeoutSeconds } : {}),
    ...(options.podLogs ? { podLogs: options.podLogs } : {}),
  });
  const address = await server.listen(0, '127.0.0.1');
  await server.start({ advertiseAddress: '127.0.0.1', advertisePort: address.port });
  const url = `https://127.0.0.1:${address.port}`;
  const kubeconfigPath = join(dir, 'kubeconfig');
  writeFileSync(kubeconfigPath, buildKubeconfig({ name: 'test', server: url, caPem: pki.ca.cert, user: { clientCertPem: pki.admin.cert, clientKeyPem: pki.admin.key }, namespace: 'default' }));
  const tokenKubeconfigPath = join(dir, 'kubeconfig-token');
  writeFileSync(tokenKubeconfigPath, buildKubeconfig({ name: 'test', server: url, caPem: pki.ca.cert, user: { token: pki.adminToken }, namespace: 'default' }));
  return {
    url,
    port: address.port,
    dir,
    kubeconfigPath,
    tokenKubeconfigPath,
    caPem: pki.ca.cert,
    adminCertPem: pki.admin.cert,
    adminKeyPem: pki.admin.key,
    adminToken: pki.adminToken,
    server,
    storage,
    handler: server.handle,
    stop: async () => {
      await server.close();
      await storage.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface KubectlResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the real kubectl binary against a kubeconfig, with a throwaway discovery cache. */
export async function kubectl(
  args: readonly string[],
  options: { kubeconfig: string; cacheDir: string; input?: string; env?: Record<string, string>; timeoutMs?: number },
): Promise<KubectlResult> {
  return new Promise((resolve, reject) => {
    const child = spawn('kubectl', ['--kubeconfig', options.kubeconfig, '--cache-dir', options.cacheDir, ...args], {
      env: { ...process.env, ...options.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 60_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? -1, stdout, stderr });
    });
    child.stdin.end(options.input ?? '');
  });
}

export interface RawResponse {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly text: string;
  json(): Record<string, any>;
}

/** A raw HTTPS request to the test server, as the admin (client certificate) unless `anonymous`. */
export async function rawRequest(
  api: TestApiServer,
  method: string,
  path: string,
  options: { body?: string | Buffer; contentType?: string; accept?: string; anonymous?: boolean; token?: string } = {},
): Promise<RawResponse> {
  const { request } = await import('node:https');
  return new Promise((resolve, reject) => {
    const headers: Record<string, string | number> = {};
    if (options.contentType) headers['Content-Type'] = options.contentType;
    if (options.accept) headers.Accept = options.accept;
    if (options.token) headers.Authorization = `Bearer ${options.token}`;
    if (options.body !== undefined) headers['Content-Length'] = Buffer.byteLength(options.body);
    const req = request(
      {
        host: '127.0.0.1',
        port: api.port,
        method,
        path,
        headers,
        ca: api.caPem,
        ...(options.anonymous || options.token ? {} : { cert: api.adminCertPem, key: api.adminKeyPem }),
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json: () => JSON.parse(text) as Record<string, any> });
        });
      },
    );
    req.on('error', reject);
    if (options.body !== undefined) req.write(options.body);
    req.end();
  });
}
