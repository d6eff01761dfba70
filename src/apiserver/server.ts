import { createSecureServer, type Http2SecureServer, type ServerHttp2Session } from 'node:http2';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import type { KubeObject } from '../api/object.js';
import { errors, StatusError } from '../api/status.js';
import type { KeyPair } from '../lib/pki.js';
import type { Store } from '../storage/index.js';
import { Authenticator } from './auth/authenticate.js';
import { ServiceAccountTokens } from './auth/tokens.js';
import { allowAuthenticated, type Authorizer, type UserInfo } from './auth/types.js';
import { bootstrap, type BootstrapOptions } from './bootstrap.js';
import { CrdController } from './crd-controller.js';
import { Discovery } from './discovery.js';
import { handleResource, type PatchApplier, type ResourceHandlerDeps, type SubresourceHandler, type Tables } from './handlers/resource.js';
import { reviewHandlers } from './handlers/reviews.js';
import { bindPod, builtinSubresources, type PodLogProvider } from './handlers/subresources.js';
import type { ServerRequest } from './http/body.js';
import { negotiate } from './http/media.js';
import { parseRequestInfo, type RequestInfo } from './http/request-info.js';
import { writeError, writeJson, writeText, type ServerResponseLike } from './http/respond.js';
import { ApiMetrics } from './metrics.js';
import type { OpenApi } from './openapi.js';
import { OPENAPI_V2_PROTOBUF, openApiV2Json, openApiV2Protobuf, wantsProtobuf } from './openapi-v2.js';
import { ResourceRegistry } from './registry/registry.js';
import { apiVersionOfDef, type ResourceDef } from './registry/types.js';
import { listPrefix, objectKey } from './rest/keys.js';
import { ObjectCache } from './object-cache.js';
import type { RequestContext } from './rest/context.js';
import { RestStore } from './rest/store.js';
import type { Semantics } from './rest/strategy.js';
import { ClusterIpAllocator, NodePortAllocator } from './strategies/allocators.js';
import { strategyFor, type ClusterReader } from './strategies/index.js';

export interface ServerPki {
  readonly ca: KeyPair;
  readonly serving: KeyPair;
  /** PEM private key signing service-account tokens. */
  readonly serviceAccountKey: string;
}

export interface VersionInfo {
  major: string;
  minor: string;
  gitVersion: string;
  gitCommit: string;
  gitTreeState: string;
  buildDate: string;
  goVersion: string;
  compiler: string;
  platform: string;
}

export interface ApiServerOptions {
  readonly storage: Store;
  readonly pki: ServerPki;
  readonly semantics: Semantics;
  readonly patches: PatchApplier;
  readonly tables: Tables;
  readonly openapi: OpenApi;
  readonly staticTokens?: ReadonlyMap<string, UserInfo>;
  readonly authorizer?: Authorizer;
  readonly serviceCidr?: string;
  readonly nodePortRange?: readonly [number, number];
  readonly version?: Partial<VersionInfo>;
  /** Extra subresource handlers, keyed `group/resource/subresource` (override the built-in ones). */
  readonly subresources?: ReadonlyMap<string, SubresourceHandler>;
  /** Length of watches whose client names no timeoutSeconds, like kube's --min-request-timeout (default 1800: 30–60 min). */
  readonly minRequestTimeoutSeconds?: number;
  /** Where `kubectl logs` gets container logs from. */
  readonly podLogs?: PodLogProvider;
  readonly onError?: (e: unknown, req: { method: string; path: string }) => void;
}

export const DEFAULT_VERSION: VersionInfo = {
  major: '1',
  minor: '32',
  gitVersion: 'v1.32.0-vcluster-ts',
  gitCommit: '0000000000000000000000000000000000000000',
  gitTreeState: 'clean',
  buildDate: '2026-01-01T00:00:00Z',
  goVersion: `node${process.versions.node}`,
  compiler: 'tsc',
  platform: `${process.platform}/${process.arch === 'x64' ? 'amd64' : process.arch}`,
};

const HEALTH_PATHS = new Set(['/healthz', '/livez', '/readyz']);

/**
 * A Kubernetes-compatible API server: authentication, discovery, OpenAPI and the REST semantics of
 * every registered resource over one versioned store. `handle` serves a request without a socket;
 * `listen` binds it to HTTPS with HTTP/2 and HTTP/1.1.
 */
export class ApiServer {
  readonly registry = new ResourceRegistry();
  readonly metrics = new ApiMetrics();
  readonly serviceAccountTokens: ServiceAccountTokens;
  readonly authenticator: Authenticator;
  readonly clusterIps: ClusterIpAllocator;
  readonly nodePorts: NodePortAllocator;
  private readonly discovery: Discovery;
  private readonly stores = new Map<string, RestStore>();
  private readonly authorizer: Authorizer;
  private readonly cache: ObjectCache;
  private readonly version: VersionInfo;
  private readonly deps: ResourceHandlerDeps;
  private server: Http2SecureServer | undefined;
  private readonly sessions = new Set<ServerHttp2Session>();
  private address = '127.0.0.1:6443';
  private ready = false;
  private crds: CrdController | undefined;
  private watchCount = 0;

  constructor(readonly options: ApiServerOptions) {
    this.version = { ...DEFAULT_VERSION, ...options.version };
    this.authorizer = options.authorizer ?? allowAuthenticated;
    this.serviceAccountTokens = new ServiceAccountTokens(options.pki.serviceAccountKey);
    this.authenticator = new Authenticator({
      ...(options.staticTokens ? { staticTokens: options.staticTokens } : {}),
      serviceAccountTokens: this.serviceAccountTokens,
      tokenStillValid: async (claims) => {
        const sa = await this.cluster.get('', 'serviceaccounts', claims.serviceAccount.namespace, claims.serviceAccount.name);
        if (sa?.metadata?.uid !== claims.serviceAccount.uid) return false;
        if (claims.boundObject?.kind === 'Pod') {
          const pod = await this.cluster.get('', 'pods', claims.serviceAccount.namespace, claims.boundObject.name);
          return pod?.metadata?.uid === claims.boundObject.uid;
        }
        return true;
      },
    });
    this.clusterIps = new ClusterIpAllocator(options.storage, options.serviceCidr ?? '10.96.0.0/12');
    this.nodePorts = new NodePortAllocator(options.storage, options.nodePortRange?.[0], options.nodePortRange?.[1]);
    this.discovery = new Discovery(this.registry, () => this.address);
    this.cache = new ObjectCache(options.storage, ['/registry/namespaces/', '/registry/serviceaccounts/', '/registry/priorityclasses/', '/registry/storageclasses/']);
    this.registry.onChange(() => {
      for (const [key, store] of this.stores) if (!this.registry.all().includes(store.def)) this.stores.delete(key);
    });
    const subresources = builtinSubresources({ cluster: this.cluster, tokens: this.serviceAccountTokens, ...(options.podLogs ? { podLogs: options.podLogs } : {}) });
    for (const [key, handler] of options.subresources ?? []) subresources.set(key, handler);
    const virtualCreates = reviewHandlers(this.authenticator, this.authorizer);
    // The namespaced `bindings` resource: kube-scheduler's older way to bind a pod.
    virtualCreates.set('/bindings', async (obj, _user, namespace) => {
      const pods = this.preferred('', 'pods');
      if (!pods) throw errors.notFound('', 'pods', obj.metadata?.name ?? '');
      await bindPod({ store: this.storeFor(pods), ctx: this.systemContext() }, namespace, obj.metadata?.name ?? '', obj);
      return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', code: 201 };
    });
    this.deps = {
      storage: options.storage,
      semantics: options.semantics,
      patches: options.patches,
      tables: options.tables,
      storeFor: (def) => this.storeFor(def),
      virtualCreates,
      subresources,
      watchTimeoutSeconds: () => (options.minRequestTimeoutSeconds ?? 1800) * (1 + Math.random()),
      onOpen: () => {
        this.watchCount++;
      },
      onClose: () => {
        this.watchCount--;
      },
    };
  }

  /**
   * Read access to stored objects, for admission and the server's own controllers. Small resources
   * admission reads on every write come from an in-memory cache; a cache miss still asks storage,
   * so a just-created object is never reported missing.
   */
  readonly cluster: ClusterReader = {
    get: async (group, resource, namespace, name) => {
      const def = this.preferred(group, resource);
      if (!def) return undefined;
      const store = this.storeFor(def);
      const key = objectKey(def, namespace, name);
      const cached = this.cache.covers(key) ? this.cache.get(key) : undefined;
      if (cached) return { ...cached, apiVersion: apiVersionOfDef(def), kind: def.kind };
      const found = await store.tryGet(namespace, name);
      return found ? store.fromStorage(found.value) : undefined;
    },
    list: async (group, resource, namespace) => {
      const def = this.preferred(group, resource);
      if (!def) return [];
      const prefix = listPrefix(def, namespace);
      if (this.cache.covers(prefix)) return this.cache.list(prefix).map((v) => ({ ...v, apiVersion: apiVersionOfDef(def), kind: def.kind }));
      return (await this.storeFor(def).list(namespace, {})).items;
    },
  };

  /** The preferred (first-listed) version of a group-resource. */
  preferred(group: string, resource: string): ResourceDef | undefined {
    return this.registry.versionsOf(group, resource)[0];
  }

  storeFor(def: ResourceDef): RestStore {
    const key = `${def.group}/${def.version}/${def.resource}`;
    let store = this.stores.get(key);
    if (!store || store.def !== def) {
      store = new RestStore(def, this.options.storage, strategyFor(def, { cluster: this.cluster, clusterIps: this.clusterIps, nodePorts: this.nodePorts }), this.options.semantics);
      this.stores.set(key, store);
    }
    return store;
  }

  /** A context for the server's own writes (bootstrap, controllers inside the API server). */
  systemContext(): RequestContext {
    return {
      user: { name: 'system:apiserver', groups: ['system:masters', 'system:authenticated'] },
      dryRun: false,
      fieldManager: 'kube-apiserver',
      fieldValidation: 'Ignore',
      now: new Date(),
      warnings: [],
    };
  }

  /** Creates the bootstrap objects, starts serving custom resources, and becomes ready. */
  async start(options: BootstrapOptions): Promise<void> {
    await this.cache.start();
    await bootstrap(this, options);
    const crdDef = this.preferred('apiextensions.k8s.io', 'customresourcedefinitions');
    if (crdDef) {
      this.crds = new CrdController({
        storage: this.options.storage,
        crdStore: () => this.storeFor(crdDef),
        setCustom: (name, defs) => {
          this.registry.setCustom(name, defs);
        },
        systemContext: () => this.systemContext(),
      });
      await this.crds.start();
    }
    this.ready = true;
  }

  /** Waits until custom resource definitions seen so far are served (tests use it to avoid polling). */
  async crdsSettled(): Promise<void> {
    await this.crds?.idle();
  }

  get activeWatches(): number {
    return this.watchCount;
  }

  /** Serves one request (no socket needed: tests and in-process clients call this directly). */
  handle = (req: ServerRequest, res: ServerResponseLike): void => {
    const started = performance.now();
    const url = new URL(req.url ?? '/', 'https://localhost');
    const path = url.pathname;
    const method = req.method ?? 'GET';
    let info: RequestInfo | undefined;
    res.on('finish', () => {
      this.record(info, method, url.searchParams, res.statusCode, started);
    });
    this.serve(req, res, method, path, url.searchParams, (i) => (info = i)).catch((e: unknown) => {
      const err = writeError(res, e);
      if (err.code >= 500) this.options.onError?.(e, { method, path });
      if (!res.writableEnded) res.end();
    });
  };

  private async serve(req: ServerRequest, res: ServerResponseLike, method: string, path: string, query: URLSearchParams, setInfo: (i: RequestInfo) => void): Promise<void> {
    if (HEALTH_PATHS.has(path) || [...HEALTH_PATHS].some((p) => path.startsWith(`${p}/`))) {
      this.health(res, path, query);
      return;
    }
    const user = await this.authenticator.authenticate(req);
    if (!user) throw errors.unauthorized();
    const info = parseRequestInfo(method, path, query);
    setInfo(info);
    const decision = await this.authorizer.authorize({
      user,
      verb: info.verb,
      isResourceRequest: info.isResourceRequest,
      path,
      group: info.isResourceRequest ? info.group : '',
      version: info.isResourceRequest ? info.version : '',
      resource: info.isResourceRequest ? info.resource : '',
      subresource: info.isResourceRequest ? info.subresource : '',
      namespace: info.isResourceRequest ? info.namespace : '',
      name: info.isResourceRequest ? info.name : '',
    });
    if (!decision.allowed) {
      throw errors.forbidden(
        info.isResourceRequest
          ? `${info.resource}${info.group ? `.${info.group}` : ''} ${info.name ? `"${info.name}" ` : ''}is forbidden: User "${user.name}" cannot ${info.verb} resource "${info.resource}" in API group "${info.group}"${info.namespace ? ` in the namespace "${info.namespace}"` : ''}`
          : `forbidden: User "${user.name}" cannot ${info.verb} path "${path}"`,
      );
    }
    if (!info.isResourceRequest) {
      await this.nonResource(req, res, method, path, query);
      return;
    }
    const def = this.registry.lookup(info.group, info.version, info.resource);
    if (!def) throw new StatusError(404, 'NotFound', 'the server could not find the requested resource');
    await handleResource(req, res, info, user, query, def, this.deps);
  }

  private async nonResource(req: ServerRequest, res: ServerResponseLike, method: string, path: string, query: URLSearchParams): Promise<void> {
    if (method !== 'GET' && method !== 'HEAD') throw errors.methodNotAllowed('the server does not allow this method on the requested resource');
    const parts = path.split('/').filter((p) => p !== '');
    const accept = req.headers.accept;
    const discoveryFormat = negotiate(accept, { discovery: true });
    const send = (body: unknown): void => {
      if (body === undefined) throw new NotFoundPath();
      writeJson(res, 200, body);
    };
    try {
      if (path === '/version' || path === '/version/') { send(this.version); return; }
      if (path === '/metrics') { writeText(res, 200, await this.metricsText(), 'text/plain; version=0.0.4; charset=utf-8'); return; }
      if (path === '/api' || path === '/apis') {
        if (discoveryFormat?.kind === 'discovery') {
          writeJson(res, 200, this.discovery.aggregated(path === '/api', discoveryFormat.version), `application/json;g=apidiscovery.k8s.io;v=${discoveryFormat.version};as=APIGroupDiscoveryList`);
          return;
        }
        send(path === '/api' ? this.discovery.apiVersions() : this.discovery.apiGroupList()); return;
      }
      if (parts[0] === 'api' && parts.length === 2) { send(this.discovery.apiResourceList('', parts[1] ?? '')); return; }
      if (parts[0] === 'apis' && parts.length === 2) { send(this.discovery.apiGroup(parts[1] ?? '')); return; }
      if (parts[0] === 'apis' && parts.length === 3) { send(this.discovery.apiResourceList(parts[1] ?? '', parts[2] ?? '')); return; }
      if (path === '/openapi/v2') {
        const version = this.version.gitVersion;
        if (wantsProtobuf(accept)) {
          const body = openApiV2Protobuf(version);
          res.statusCode = 200;
          res.setHeader('Content-Type', OPENAPI_V2_PROTOBUF);
          res.setHeader('Content-Length', body.length);
          res.end(body);
          return;
        }
        send(openApiV2Json(version)); return;
      }
      if (parts[0] === 'openapi' && parts[1] === 'v3') {
        const doc = parts.length === 2 ? this.options.openapi.index(this.registry) : this.options.openapi.document(this.registry, parts.slice(2).join('/'));
        if (doc === undefined) throw new NotFoundPath();
        res.setHeader('Cache-Control', query.has('hash') ? 'public, immutable' : 'no-cache, private');
        send(doc); return;
      }
      throw new NotFoundPath();
    } catch (e) {
      if (e instanceof NotFoundPath) {
        writeJson(res, 404, new StatusError(404, 'NotFound', 'the server could not find the requested resource').toStatus());
        return;
      }
      throw e;
    }
  }

  private health(res: ServerResponseLike, path: string, query: URLSearchParams): void {
    const ok = path.startsWith('/readyz') ? this.ready : true;
    const checks = ['ping', 'log', 'etcd', 'poststarthook/start-apiextensions-controllers', 'poststarthook/bootstrap-controller'];
    if (query.has('verbose')) {
      const lines = checks.map((c) => `[${ok || c === 'ping' ? '+' : '-'}]${c} ${ok || c === 'ping' ? 'ok' : 'failed: not ready'}`);
      writeText(res, ok ? 200 : 500, `${lines.join('\n')}\n${path.slice(1).split('/')[0] ?? ''} check ${ok ? 'passed' : 'failed'}\n`);
      return;
    }
    writeText(res, ok ? 200 : 500, ok ? 'ok' : `[-]poststarthook/bootstrap-controller failed: not ready\n${path.slice(1)} check failed`);
  }

  private async metricsText(): Promise<string> {
    this.metrics.watches.set({ verb: 'WATCH', group: '', resource: '' }, this.watchCount);
    return this.metrics.text();
  }

  private record(info: RequestInfo | undefined, method: string, query: URLSearchParams, code: number, started: number): void {
    if (!info) return;
    const seconds = (performance.now() - started) / 1000;
    if (!info.isResourceRequest) {
      this.metrics.requests.inc({ verb: method, group: '', version: '', resource: '', subresource: '', code: String(code) });
      return;
    }
    let verb = info.verb.toUpperCase();
    if (verb === 'UPDATE') verb = 'PUT';
    if (verb === 'CREATE') verb = 'POST';
    if (verb === 'PATCH' && query.get('fieldManager') !== null && method === 'PATCH') verb = 'PATCH';
    const labels = { verb, group: info.group, version: info.version, resource: info.resource, subresource: info.subresource };
    this.metrics.requests.inc({ ...labels, code: String(code) });
    if (verb !== 'WATCH') this.metrics.latency.observe(labels, seconds);
  }

  /** Listens with TLS (HTTP/2 and HTTP/1.1) and client-certificate authentication. */
  async listen(port: number, host = '127.0.0.1'): Promise<AddressInfo> {
    const server = createSecureServer({
      key: this.options.pki.serving.key,
      cert: this.options.pki.serving.cert,
      ca: this.options.pki.ca.cert,
      requestCert: true,
      rejectUnauthorized: false,
      allowHTTP1: true,
      settings: { maxConcurrentStreams: 1000 },
      // Without it Nagle's algorithm holds small responses back until the client's delayed ACK
      // (~40 ms): concurrent requests on one connection would crawl while both sides sit idle.
      noDelay: true,
      // nghttp2 counts data queued for sending against this budget (default 10 MB) and, past it,
      // refuses new streams and soon ends the connection with ENHANCE_YOUR_CALM. One client with
      // busy watches (a syncer, a controller manager) queues far more than that under load.
      maxSessionMemory: 1024,
    });
    server.on('request', this.handle);
    // Idle HTTP/2 sessions and sockets must not keep a stopping process alive forever.
    server.on('session', (session) => {
      this.sessions.add(session);
      session.on('close', () => this.sessions.delete(session));
    });
    server.on('sessionError', () => undefined);
    server.on('tlsClientError', () => undefined);
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    this.server = server;
    const address = server.address() as AddressInfo;
    this.address = `${address.address}:${address.port}`;
    return address;
  }

  async close(): Promise<void> {
    this.crds?.stop();
    this.cache.stop();
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    await new Promise<void>((resolve) => {
      server.close(() => {
        resolve();
      });
      // Ends watches and idle sessions so that close() returns promptly.
      for (const session of this.sessions) session.destroy();
      setTimeout(resolve, 2000).unref();
    });
  }
}

class NotFoundPath extends Error {}

export type { KubeObject };
