import { readFile } from 'node:fs/promises';
import type { RequestOptions } from 'node:https';
import { dirname, isAbsolute, join } from 'node:path';
import type { KubeConfig } from '@kubernetes/client-node';
import { parse } from 'yaml';
import { realClock, type Clock } from './clock.js';
import { createClient, networkTransport, type ConnectionOptions } from './connect.js';
import type { Credentials } from './credentials.js';
import { KubeClient } from './kube-client.js';
import type { TlsMaterial } from './transport.js';

/** A kubeconfig that cannot be used: no such context, no cluster, no server… */
export class KubeconfigError extends Error {
  override readonly name = 'KubeconfigError';
}

export interface KubeconfigOptions extends ConnectionOptions {
  /** The context to use instead of `current-context`. */
  readonly context?: string;
  /** How long resolved credentials are reused before asking the kubeconfig again (default 60 s). */
  readonly credentialTtlMs?: number;
}

interface Resolved {
  readonly tls: TlsMaterial;
  readonly headers: Readonly<Record<string, string>>;
}

/**
 * Resolves credentials through client-node's KubeConfig (exec plugins, auth providers, token and
 * certificate files) and keeps them for a while; a 401 or a new connection asks again, so expired
 * exec tokens and rotated certificates are picked up.
 */
class KubeconfigCredentials implements Credentials {
  private cached: { readonly at: number; readonly value: Promise<Resolved> } | undefined;
  private lastTls: TlsMaterial | undefined;

  constructor(
    private readonly kc: KubeConfig,
    private readonly tokenFile: string | undefined,
    private readonly ttlMs: number,
    private readonly clock: Clock,
  ) {}

  async headers(refresh: boolean): Promise<Readonly<Record<string, string>>> {
    return (await this.resolve(refresh)).headers;
  }

  readonly tls = async (): Promise<TlsMaterial> => (await this.resolve(false)).tls;

  private resolve(force: boolean): Promise<Resolved> {
    const now = this.clock.now();
    if (!force && this.cached && now - this.cached.at < this.ttlMs) return this.cached.value;
    const value = this.load();
    this.cached = { at: now, value };
    value.catch(() => {
      if (this.cached?.value === value) this.cached = undefined;
    });
    return value;
  }

  private async load(): Promise<Resolved> {
    const opts: RequestOptions = {};
    await this.kc.applyToHTTPSOptions(opts);
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(opts.headers ?? {})) {
      if (value !== undefined) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
    }
    if (typeof opts.auth === 'string' && opts.auth !== '') headers.authorization = `Basic ${Buffer.from(opts.auth).toString('base64')}`;
    // client-node reads `token-file` once; kubectl rereads it (projected service-account tokens rotate).
    if (this.tokenFile !== undefined) headers.authorization = `Bearer ${(await readFile(this.tokenFile, 'utf8')).trim()}`;
    const tls: TlsMaterial = {
      ca: asPem(opts.ca),
      cert: asPem(opts.cert),
      key: asPem(opts.key),
      servername: opts.servername ?? undefined,
      rejectUnauthorized: opts.rejectUnauthorized ?? true,
    };
    if (!this.lastTls || !sameTls(this.lastTls, tls)) this.lastTls = tls;
    return { tls: this.lastTls, headers };
  }
}

function asPem(value: unknown): string | Buffer | undefined {
  if (typeof value === 'string' || Buffer.isBuffer(value)) return value;
  if (Array.isArray(value)) return value.map((v) => (Buffer.isBuffer(v) ? v.toString('utf8') : String(v))).join('\n');
  return undefined;
}

function sameTls(a: TlsMaterial, b: TlsMaterial): boolean {
  const eq = (x: string | Buffer | undefined, y: string | Buffer | undefined): boolean =>
    x === y || (x !== undefined && y !== undefined && Buffer.from(x).equals(Buffer.from(y)));
  return eq(a.ca, b.ca) && eq(a.cert, b.cert) && eq(a.key, b.key) && a.servername === b.servername && a.rejectUnauthorized === b.rejectUnauthorized;
}

function looksLikeText(pathOrText: string): boolean {
  return pathOrText.includes('\n') || pathOrText.trimStart().startsWith('{');
}

/** `users[name].user['token-file']` of the raw kubeconfig, made absolute against its folder. */
function tokenFileOf(text: string, userName: string | undefined, baseDir: string | undefined): string | undefined {
  if (userName === undefined) return undefined;
  const doc = parse(text) as { users?: { name?: string; user?: Record<string, unknown> }[] } | null;
  const file = doc?.users?.find((u) => u.name === userName)?.user?.['token-file'];
  if (typeof file !== 'string' || file === '') return undefined;
  return baseDir !== undefined && !isAbsolute(file) ? join(baseDir, file) : file;
}

/**
 * A client from a kubeconfig file or its text, for its current context or `options.context`.
 * Everything kubectl's kubeconfig loading handles is handled by `@kubernetes/client-node`, except
 * `proxy-url`, which is refused.
 */
export async function clientFromKubeconfig(pathOrText: string, options: KubeconfigOptions = {}): Promise<KubeClient> {
  const simple = await simpleKubeconfig(pathOrText, options);
  if (simple) return simple;
  const { KubeConfig } = await import('@kubernetes/client-node');
  const kc = new KubeConfig();
  const isText = looksLikeText(pathOrText);
  let text: string;
  try {
    text = isText ? pathOrText : await readFile(pathOrText, 'utf8');
    kc.loadFromString(text);
  } catch (e) {
    throw new KubeconfigError(`cannot load kubeconfig${isText ? '' : ` ${pathOrText}`}: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
  }
  const baseDir = isText ? undefined : dirname(pathOrText);
  if (baseDir !== undefined) kc.makePathsAbsolute(baseDir);
  if (options.context !== undefined) {
    if (!kc.getContextObject(options.context)) throw new KubeconfigError(`context "${options.context}" not found in kubeconfig`);
    kc.setCurrentContext(options.context);
  }
  const contextName = kc.getCurrentContext();
  const context = kc.getContextObject(contextName);
  if (!context) throw new KubeconfigError(contextName ? `current context "${contextName}" not found in kubeconfig` : 'kubeconfig has no current context');
  const cluster = kc.getCurrentCluster();
  if (!cluster) throw new KubeconfigError(`cluster "${context.cluster}" of context "${contextName}" not found in kubeconfig`);
  if (!cluster.server) throw new KubeconfigError(`cluster "${cluster.name}" has no server`);
  if (cluster.proxyUrl) throw new KubeconfigError(`cluster "${cluster.name}" uses proxy-url, which is not supported`);
  const clock = options.clock ?? realClock;
  const credentials = new KubeconfigCredentials(kc, tokenFileOf(text, context.user, baseDir), options.credentialTtlMs ?? 60_000, clock);
  return new KubeClient({
    ...options,
    transport: networkTransport(cluster.server, credentials.tls, options),
    credentials,
    server: cluster.server,
    ...(context.namespace ? { defaultNamespace: context.namespace } : {}),
  });
}

const SIMPLE_USER_KEYS = new Set(['client-certificate-data', 'client-key-data', 'token']);
const SIMPLE_CLUSTER_KEYS = new Set(['server', 'certificate-authority-data', 'insecure-skip-tls-verify', 'tls-server-name']);

/**
 * Kubeconfigs with embedded certificates or a static token (what vcluster and kubeadm write) are
 * read directly: loading client-node costs most of a second, which every CLI command would pay.
 * Anything else (exec plugins, files, auth providers) returns undefined and goes through client-node.
 */
async function simpleKubeconfig(pathOrText: string, options: KubeconfigOptions): Promise<KubeClient | undefined> {
  let doc: unknown;
  try {
    doc = parse(looksLikeText(pathOrText) ? pathOrText : await readFile(pathOrText, 'utf8'));
  } catch {
    return undefined;
  }
  type Entry = { name?: string; [k: string]: unknown };
  const d = doc as { contexts?: Entry[]; clusters?: Entry[]; users?: Entry[]; 'current-context'?: string } | null;
  const contextName = options.context ?? d?.['current-context'];
  const context = d?.contexts?.find((c) => c.name === contextName)?.context as { cluster?: string; user?: string; namespace?: string } | undefined;
  const cluster = d?.clusters?.find((c) => c.name === context?.cluster)?.cluster as Record<string, unknown> | undefined;
  const user = d?.users?.find((u) => u.name === context?.user)?.user as Record<string, unknown> | undefined;
  if (!context || !cluster || !user || typeof cluster.server !== 'string') return undefined;
  if (!Object.keys(user).every((k) => SIMPLE_USER_KEYS.has(k)) || !Object.keys(cluster).every((k) => SIMPLE_CLUSTER_KEYS.has(k))) return undefined;
  const text = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? Buffer.from(v, 'base64').toString('utf8') : undefined);
  const caPem = text(cluster['certificate-authority-data']);
  const clientCertPem = text(user['client-certificate-data']);
  const clientKeyPem = text(user['client-key-data']);
  const token = typeof user.token === 'string' ? user.token : undefined;
  return createClient(
    {
      server: cluster.server,
      ...(caPem ? { caPem } : {}),
      ...(clientCertPem ? { clientCertPem } : {}),
      ...(clientKeyPem ? { clientKeyPem } : {}),
      ...(token ? { token } : {}),
      ...(cluster['insecure-skip-tls-verify'] === true ? { insecureSkipTlsVerify: true } : {}),
      ...(typeof cluster['tls-server-name'] === 'string' ? { tlsServerName: cluster['tls-server-name'] } : {}),
    },
    { ...options, ...(context.namespace ? { defaultNamespace: context.namespace } : {}) },
  );
}

/**
 * A client for the cluster this process runs in as a pod (service-account token, rotated on disk,
 * and the cluster CA), as client-go's in-cluster config.
 */
export async function clientInCluster(options: ConnectionOptions = {}): Promise<KubeClient> {
  const { KubeConfig } = await import('@kubernetes/client-node');
  const kc = new KubeConfig();
  kc.loadFromCluster();
  const cluster = kc.getCurrentCluster();
  if (!cluster?.server) throw new KubeconfigError('not running in a cluster: KUBERNETES_SERVICE_HOST/PORT are not set');
  const clock = options.clock ?? realClock;
  const credentials = new KubeconfigCredentials(kc, undefined, 60_000, clock);
  const namespace = await readFile('/var/run/secrets/kubernetes.io/serviceaccount/namespace', 'utf8').catch(() => undefined);
  return new KubeClient({
    ...options,
    transport: networkTransport(cluster.server, credentials.tls, options),
    credentials,
    server: cluster.server,
    ...(namespace ? { defaultNamespace: namespace.trim() } : {}),
  });
}
