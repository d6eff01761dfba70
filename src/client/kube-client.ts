import type { KubeObject } from '../api/object.js';
import { isGone, isNotFound } from '../api/status.js';
import { abortReason, childAbort } from './abort.js';
import { realClock, type Clock, type Timer } from './clock.js';
import { noCredentials, type Credentials } from './credentials.js';
import { statusErrorFromResponse, TransportError } from './errors.js';
import { noopLogger, type Logger } from './logger.js';
import { lines, parseWatchEvent, type WatchEvent } from './ndjson.js';
import { ClientUsageError, resourcePath, withQuery, type QueryValue, type ResourcePath } from './paths.js';
import { refApiVersion, refName, type ObjectLike, type ResourceRef } from './resource.js';
import { TokenBucket } from './token-bucket.js';
import type { Transport, TransportResponse } from './transport.js';

export interface KubeClientOptions {
  readonly transport: Transport;
  readonly credentials?: Credentials;
  /** The server's address, for messages. */
  readonly server?: string;
  /** Client-side rate limit (token bucket). Defaults 200 qps, burst 400; qps 0 = unlimited. */
  readonly qps?: number;
  readonly burst?: number;
  /** Limit for a whole non-streaming request, body included (default 60 s; 0 = none). */
  readonly timeoutMs?: number;
  readonly userAgent?: string;
  /** How often a 429/5xx answer carrying Retry-After is retried (client-go: 10). */
  readonly maxRetries?: number;
  /** The namespace of the kubeconfig context, for callers that want one. */
  readonly defaultNamespace?: string;
  readonly clock?: Clock;
  readonly logger?: Logger;
}

export interface RequestOptions {
  readonly signal?: AbortSignal | undefined;
}

export interface GetOptions extends RequestOptions {
  readonly namespace?: string | undefined;
  readonly resourceVersion?: string | undefined;
}

export interface ListOptions extends RequestOptions {
  /** All namespaces when absent (namespaced resources). */
  readonly namespace?: string | undefined;
  readonly labelSelector?: string | undefined;
  readonly fieldSelector?: string | undefined;
  readonly limit?: number | undefined;
  readonly continue?: string | undefined;
  readonly resourceVersion?: string | undefined;
  readonly resourceVersionMatch?: 'Exact' | 'NotOlderThan' | undefined;
  readonly timeoutSeconds?: number | undefined;
}

export interface ListAllOptions extends Omit<ListOptions, 'limit' | 'continue'> {
  /** Objects per page (default 500). */
  readonly pageSize?: number;
}

export interface ObjectList<T> {
  apiVersion?: string;
  kind?: string;
  metadata: { resourceVersion?: string; continue?: string; remainingItemCount?: number };
  items: T[];
}

export interface WatchOptions extends RequestOptions {
  readonly namespace?: string | undefined;
  readonly labelSelector?: string | undefined;
  readonly fieldSelector?: string | undefined;
  readonly resourceVersion?: string | undefined;
  readonly resourceVersionMatch?: 'Exact' | 'NotOlderThan' | undefined;
  readonly allowWatchBookmarks?: boolean | undefined;
  /** The server ends the watch after this long (its own default is 30–60 minutes). */
  readonly timeoutSeconds?: number | undefined;
  readonly sendInitialEvents?: boolean | undefined;
}

export interface WriteOptions extends RequestOptions {
  /** Defaults to the object's metadata.namespace. */
  readonly namespace?: string | undefined;
  readonly dryRun?: boolean | undefined;
  readonly fieldManager?: string | undefined;
  readonly fieldValidation?: 'Ignore' | 'Warn' | 'Strict' | undefined;
}

export interface UpdateOptions extends WriteOptions {
  readonly subresource?: string | undefined;
}

export type PatchType = 'json' | 'merge' | 'strategic' | 'apply';

export interface PatchOptions extends WriteOptions {
  readonly type: PatchType;
  readonly subresource?: string | undefined;
  /** Server-side apply only: take ownership of conflicting fields. */
  readonly force?: boolean | undefined;
}

export interface ApplyOptions extends WriteOptions {
  readonly fieldManager: string;
  readonly force?: boolean | undefined;
  readonly subresource?: string | undefined;
}

export interface Preconditions {
  readonly uid?: string;
  readonly resourceVersion?: string;
}

export interface DeleteOptions extends RequestOptions {
  readonly namespace?: string | undefined;
  readonly gracePeriodSeconds?: number | undefined;
  readonly propagationPolicy?: 'Foreground' | 'Background' | 'Orphan' | undefined;
  readonly preconditions?: Preconditions | undefined;
  readonly dryRun?: boolean | undefined;
}

export interface DeleteCollectionOptions extends DeleteOptions {
  readonly labelSelector?: string | undefined;
  readonly fieldSelector?: string | undefined;
}

export interface RawRequest extends RequestOptions {
  readonly method: string;
  /** A path (with or without query) or the resource to address. */
  readonly path: string | ResourcePath;
  readonly query?: Readonly<Record<string, QueryValue>> | undefined;
  /** Sent as JSON unless a Buffer or string. */
  readonly body?: unknown;
  readonly contentType?: string | undefined;
  readonly accept?: string | undefined;
  readonly headers?: Readonly<Record<string, string>> | undefined;
  /** Streaming responses (watch, log -f): the timeout covers only the wait for the headers. */
  readonly stream?: boolean | undefined;
  /** Overrides the client's timeout for this request. */
  readonly timeoutMs?: number | undefined;
}

/** A 2xx answer. Read the body once, with one of the methods or by iterating `body`. */
export interface RawResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: AsyncIterable<Buffer>;
  cancel(): void;
  buffer(): Promise<Buffer>;
  text(): Promise<string>;
  json<T = unknown>(): Promise<T>;
}

const PATCH_CONTENT_TYPES: Readonly<Record<PatchType, string>> = {
  json: 'application/json-patch+json',
  merge: 'application/merge-patch+json',
  strategic: 'application/strategic-merge-patch+json',
  apply: 'application/apply-patch+yaml',
};

const MAX_RETRY_AFTER_MS = 60_000;

/** A User-Agent in client-go's shape: `kubelet/0.1.0 (linux/x64) vcluster-ts`. */
export function userAgentFor(component: string): string {
  return `${component}/${CLIENT_VERSION} (${process.platform}/${process.arch}) vcluster-ts`;
}

const CLIENT_VERSION = '0.1.0';

/**
 * A Kubernetes API client over any Transport: typed CRUD, watch and raw requests for one server,
 * with a client-side rate limit, a per-request timeout, Retry-After handling and Status errors.
 */
export class KubeClient {
  readonly server: string;
  readonly defaultNamespace: string;
  private readonly transport: Transport;
  private readonly credentials: Credentials;
  private readonly limiter: TokenBucket;
  private readonly timeoutMs: number;
  private readonly userAgent: string;
  private readonly maxRetries: number;
  private readonly clock: Clock;
  private readonly logger: Logger;

  constructor(options: KubeClientOptions) {
    this.transport = options.transport;
    this.credentials = options.credentials ?? noCredentials;
    this.server = options.server ?? 'kubernetes';
    this.defaultNamespace = options.defaultNamespace ?? 'default';
    this.clock = options.clock ?? realClock;
    this.limiter = new TokenBucket(options.qps ?? 200, options.burst ?? Math.max(400, options.qps ?? 0), this.clock);
    this.timeoutMs = options.timeoutMs ?? 60_000;
    this.userAgent = options.userAgent ?? userAgentFor('vcluster-ts');
    this.maxRetries = options.maxRetries ?? 10;
    this.logger = options.logger ?? noopLogger;
  }

  /** The object, or undefined when it does not exist. */
  async get<T extends ObjectLike = KubeObject>(ref: ResourceRef<T>, name: string, options: GetOptions = {}): Promise<T | undefined> {
    try {
      return await this.requestJson<T>({
        method: 'GET',
        path: { ref, namespace: options.namespace, name },
        query: { resourceVersion: options.resourceVersion },
        signal: options.signal,
      });
    } catch (e) {
      if (isNotFound(e)) return undefined;
      throw e;
    }
  }

  /** One page (or, without `limit`, all) of the objects; items get apiVersion and kind filled in. */
  async list<T extends ObjectLike = KubeObject>(ref: ResourceRef<T>, options: ListOptions = {}): Promise<ObjectList<T>> {
    const list = await this.requestJson<ObjectList<T>>({
      method: 'GET',
      path: { ref, namespace: options.namespace },
      query: {
        labelSelector: options.labelSelector,
        fieldSelector: options.fieldSelector,
        limit: options.limit,
        continue: options.continue,
        resourceVersion: options.resourceVersion,
        resourceVersionMatch: options.resourceVersionMatch,
        timeoutSeconds: options.timeoutSeconds,
      },
      signal: options.signal,
    });
    return fillListItems(ref, list);
  }

  /**
   * Every object, fetched page by page from one consistent snapshot. If the snapshot expires
   * between pages (410), the list starts over in one piece, as client-go's pager does.
   */
  async listAll<T extends ObjectLike = KubeObject>(ref: ResourceRef<T>, options: ListAllOptions = {}): Promise<ObjectList<T>> {
    const pageSize = options.pageSize ?? 500;
    const first = await this.list(ref, { ...options, limit: pageSize });
    const items = [...first.items];
    let token = first.metadata.continue;
    while (token !== undefined && token !== '') {
      let page: ObjectList<T>;
      try {
        page = await this.list(ref, { ...options, resourceVersion: undefined, resourceVersionMatch: undefined, limit: pageSize, continue: token });
      } catch (e) {
        if (isGone(e)) return this.list(ref, { ...options, resourceVersion: undefined, resourceVersionMatch: undefined });
        throw e;
      }
      items.push(...page.items);
      token = page.metadata.continue;
    }
    return { ...first, metadata: { ...(first.metadata.resourceVersion !== undefined ? { resourceVersion: first.metadata.resourceVersion } : {}) }, items };
  }

  create<T extends ObjectLike = KubeObject>(ref: ResourceRef<T>, obj: T, options: WriteOptions = {}): Promise<T> {
    return this.requestJson<T>({
      method: 'POST',
      path: { ref, namespace: this.namespaceFor(ref, obj, options.namespace) },
      query: writeQuery(options),
      body: obj,
      signal: options.signal,
    });
  }

  /** PUT of the whole object (or of a subresource such as status); name and namespace from its metadata. */
  update<T extends ObjectLike = KubeObject>(ref: ResourceRef<T>, obj: T, options: UpdateOptions = {}): Promise<T> {
    return this.requestJson<T>({
      method: 'PUT',
      path: { ref, namespace: this.namespaceFor(ref, obj, options.namespace), name: nameOf(obj), subresource: options.subresource },
      query: writeQuery(options),
      body: obj,
      signal: options.signal,
    });
  }

  updateStatus<T extends ObjectLike = KubeObject>(ref: ResourceRef<T>, obj: T, options: WriteOptions = {}): Promise<T> {
    return this.update(ref, obj, { ...options, subresource: 'status' });
  }

  patch<T extends ObjectLike = KubeObject>(ref: ResourceRef<T>, name: string, patch: unknown, options: PatchOptions): Promise<T> {
    if (options.type === 'apply' && (options.fieldManager === undefined || options.fieldManager === '')) {
      throw new ClientUsageError('server-side apply needs a fieldManager');
    }
    return this.requestJson<T>({
      method: 'PATCH',
      path: { ref, namespace: options.namespace, name, subresource: options.subresource },
      query: { ...writeQuery(options), force: options.type === 'apply' && options.force === true ? true : undefined },
      body: patch,
      contentType: PATCH_CONTENT_TYPES[options.type],
      signal: options.signal,
    });
  }

  /** Server-side apply of `obj` (its name and namespace from its metadata). */
  apply<T extends ObjectLike = KubeObject>(ref: ResourceRef<T>, obj: T, options: ApplyOptions): Promise<T> {
    return this.patch(ref, nameOf(obj), obj, { ...options, type: 'apply', namespace: this.namespaceFor(ref, obj, options.namespace) });
  }

  /**
   * Deletes one object. Returns it as the server last had it when it still exists (finalizers,
   * graceful deletion, foreground propagation), otherwise undefined, also when it was already gone.
   */
  async delete<T extends ObjectLike = KubeObject>(ref: ResourceRef<T>, name: string, options: DeleteOptions = {}): Promise<T | undefined> {
    try {
      const result = await this.requestJson<T & { kind?: string }>({
        method: 'DELETE',
        path: { ref, namespace: options.namespace, name },
        query: { dryRun: options.dryRun === true ? 'All' : undefined },
        body: deleteBody(options),
        signal: options.signal,
      });
      return result.kind === 'Status' ? undefined : result;
    } catch (e) {
      if (isNotFound(e)) return undefined;
      throw e;
    }
  }

  async deleteCollection(ref: ResourceRef<ObjectLike>, options: DeleteCollectionOptions = {}): Promise<void> {
    const res = await this.request({
      method: 'DELETE',
      path: { ref, namespace: options.namespace },
      query: { labelSelector: options.labelSelector, fieldSelector: options.fieldSelector, dryRun: options.dryRun === true ? 'All' : undefined },
      body: deleteBody(options),
      signal: options.signal,
    });
    await res.buffer();
  }

  /** GET of a subresource (scale, status…). */
  getSubresource<R = KubeObject>(ref: ResourceRef<ObjectLike>, name: string, subresource: string, options: GetOptions = {}): Promise<R> {
    return this.requestJson<R>({ method: 'GET', path: { ref, namespace: options.namespace, name, subresource }, signal: options.signal });
  }

  /** POST to a subresource: pods/binding, pods/eviction, serviceaccounts/token… */
  createSubresource<R = KubeObject>(ref: ResourceRef<ObjectLike>, name: string, subresource: string, body: unknown, options: WriteOptions = {}): Promise<R> {
    return this.requestJson<R>({
      method: 'POST',
      path: { ref, namespace: options.namespace, name, subresource },
      query: writeQuery(options),
      body,
      signal: options.signal,
    });
  }

  /**
   * Watch events until the server ends the watch, `signal` aborts or the caller stops iterating.
   * Fails with a StatusError if the server refuses the watch (e.g. 410 for a too old
   * resourceVersion; some servers send that as an ERROR event instead) and with a TransportError
   * if the connection breaks.
   */
  async *watch<T extends ObjectLike = KubeObject>(ref: ResourceRef<T>, options: WatchOptions = {}): AsyncGenerator<WatchEvent<T>> {
    const res = await this.request({
      method: 'GET',
      path: { ref, namespace: options.namespace },
      query: {
        watch: true,
        labelSelector: options.labelSelector,
        fieldSelector: options.fieldSelector,
        resourceVersion: options.resourceVersion,
        resourceVersionMatch: options.resourceVersionMatch,
        allowWatchBookmarks: options.allowWatchBookmarks,
        timeoutSeconds: options.timeoutSeconds,
        sendInitialEvents: options.sendInitialEvents,
      },
      stream: true,
      signal: options.signal,
    });
    try {
      for await (const line of lines(res.body)) {
        if (line.trim() === '') continue;
        yield parseWatchEvent<T>(line);
      }
    } finally {
      res.cancel();
    }
  }

  async requestJson<T>(req: RawRequest): Promise<T> {
    const res = await this.request(req);
    return res.json<T>();
  }

  /**
   * Sends one request through the rate limiter with credentials and timeout; answers 429/5xx with
   * Retry-After are retried, a 401 once with refreshed credentials. Non-2xx answers throw a
   * StatusError, connection failures a TransportError.
   */
  async request(req: RawRequest): Promise<RawResponse> {
    const path = withQuery(typeof req.path === 'string' ? req.path : resourcePath(req.path), req.query);
    const what = `${req.method} ${path.split('?')[0] ?? path}`;
    const body = encodeBody(req.body);
    let refreshAuth = false;
    for (let attempt = 0; ; attempt++) {
      if (!(await this.limiter.take(req.signal))) throw abortReason(req.signal);
      const scope = requestScope(req.signal, this.clock, req.timeoutMs ?? this.timeoutMs, what);
      let res: TransportResponse;
      try {
        res = await this.transport.request({ method: req.method, path, headers: await this.headers(req, body, refreshAuth), body, signal: scope.signal });
      } catch (e) {
        scope.release();
        throw e;
      }
      if (res.status >= 200 && res.status < 300) {
        this.logWarnings(res.headers, what);
        if (req.stream === true) scope.stopTimer();
        return rawResponse(res, scope.release);
      }
      const text = await rawResponse(res, scope.release).text();
      const error = statusErrorFromResponse(res.status, text, what);
      if (res.status === 401 && !refreshAuth && this.credentials !== noCredentials) {
        refreshAuth = true;
        continue;
      }
      const retryAfter = retryAfterMs(res);
      if (retryAfter !== undefined && attempt < this.maxRetries && (res.status === 429 || res.status >= 500)) {
        this.logger.debug({ what, status: res.status, retryAfterMs: retryAfter, attempt }, 'retrying after Retry-After');
        if (!(await this.clock.sleep(retryAfter, req.signal))) throw abortReason(req.signal);
        continue;
      }
      throw error;
    }
  }

  /**
   * This client (same connection, credentials and rate limit) under another User-Agent. The API
   * server names the field manager of writes without `fieldManager` after it, so each component
   * shows up in managedFields as it does in Kubernetes (kubelet, kube-scheduler, …). Closing
   * either closes the connection of both.
   */
  withUserAgent(userAgent: string): KubeClient {
    const copy = Object.create(KubeClient.prototype) as KubeClient;
    return Object.assign(copy, this, { userAgent });
  }

  /** Closes the connections; pending and later requests fail. */
  close(): Promise<void> {
    return this.transport.close();
  }

  private async headers(req: RawRequest, body: Buffer | undefined, refreshAuth: boolean): Promise<Record<string, string>> {
    const auth = await this.credentials.headers(refreshAuth);
    return {
      accept: req.accept ?? 'application/json',
      'user-agent': this.userAgent,
      ...(body ? { 'content-type': req.contentType ?? 'application/json' } : {}),
      ...lowerKeys(req.headers ?? {}),
      ...lowerKeys(auth),
    };
  }

  private namespaceFor(ref: ResourceRef<ObjectLike>, obj: ObjectLike, explicit: string | undefined): string | undefined {
    if (!ref.namespaced) return undefined;
    const namespace = explicit ?? obj.metadata?.namespace;
    if (namespace === undefined || namespace === '') throw new ClientUsageError(`${refName(ref)} is namespaced: give a namespace in the object or the options`);
    return namespace;
  }

  private logWarnings(headers: Readonly<Record<string, string>>, what: string): void {
    const warning = headers.warning;
    if (warning !== undefined) this.logger.warn({ what, warning }, 'the API server sent a warning');
  }
}

function nameOf(obj: ObjectLike): string {
  const name = obj.metadata?.name;
  if (name === undefined || name === '') throw new ClientUsageError('the object has no metadata.name');
  return name;
}

function writeQuery(options: WriteOptions): Record<string, QueryValue> {
  return {
    dryRun: options.dryRun === true ? 'All' : undefined,
    fieldManager: options.fieldManager,
    fieldValidation: options.fieldValidation,
  };
}

function deleteBody(options: DeleteOptions): Record<string, unknown> {
  return {
    kind: 'DeleteOptions',
    apiVersion: 'v1',
    ...(options.gracePeriodSeconds !== undefined ? { gracePeriodSeconds: options.gracePeriodSeconds } : {}),
    ...(options.propagationPolicy !== undefined ? { propagationPolicy: options.propagationPolicy } : {}),
    ...(options.preconditions !== undefined ? { preconditions: options.preconditions } : {}),
    ...(options.dryRun === true ? { dryRun: ['All'] } : {}),
  };
}

function encodeBody(body: unknown): Buffer | undefined {
  if (body === undefined) return undefined;
  if (Buffer.isBuffer(body)) return body;
  if (typeof body === 'string') return Buffer.from(body);
  return Buffer.from(JSON.stringify(body));
}

function lowerKeys(headers: Readonly<Record<string, string>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) out[k.toLowerCase()] = v;
  return out;
}

function retryAfterMs(res: TransportResponse): number | undefined {
  const value = res.headers['retry-after'];
  if (value === undefined) return undefined;
  const seconds = Number(value);
  if (!Number.isFinite(seconds) || seconds < 0) return undefined;
  return Math.min(MAX_RETRY_AFTER_MS, Math.max(1, seconds) * 1000);
}

/**
 * The signal of one request: it aborts with the caller's signal or when the timeout passes.
 * `release` (idempotent) detaches it from the caller's signal, so that a long-lived signal shared
 * by many requests does not collect listeners.
 */
function requestScope(parent: AbortSignal | undefined, clock: Clock, timeoutMs: number, what: string): { signal: AbortSignal; stopTimer: () => void; release: () => void } {
  const { controller, dispose } = childAbort(parent);
  let timer: Timer | undefined =
    timeoutMs > 0
      ? clock.setTimer(timeoutMs, () => {
          controller.abort(new TransportError(`${what} timed out after ${timeoutMs} ms`, 'Timeout', false));
        })
      : undefined;
  const stopTimer = (): void => {
    timer?.cancel();
    timer = undefined;
  };
  return {
    signal: controller.signal,
    stopTimer,
    release: () => {
      stopTimer();
      dispose();
    },
  };
}

/** Runs `release` once the body has been read to its end, failed, or was abandoned. */
async function* releasing(body: AsyncIterable<Buffer>, release: () => void): AsyncGenerator<Buffer> {
  try {
    yield* body;
  } finally {
    release();
  }
}

function rawResponse(res: TransportResponse, release: () => void): RawResponse {
  let consumed = false;
  const body = releasing(res.body, release);
  const buffer = async (): Promise<Buffer> => {
    if (consumed) throw new ClientUsageError('the response body was already read');
    consumed = true;
    if (res.readAll) {
      try {
        return await res.readAll();
      } finally {
        release();
        res.cancel();
      }
    }
    const chunks: Buffer[] = [];
    try {
      for await (const chunk of body) chunks.push(chunk);
    } finally {
      res.cancel();
    }
    return Buffer.concat(chunks);
  };
  return {
    status: res.status,
    headers: res.headers,
    body,
    cancel: () => {
      release();
      res.cancel();
    },
    buffer,
    text: async () => (await buffer()).toString('utf8'),
    json: async <T>() => {
      const text = (await buffer()).toString('utf8');
      try {
        return JSON.parse(text) as T;
      } catch (e) {
        throw new TransportError(`the server answered with invalid JSON: ${text.slice(0, 200)}`, 'InvalidResponse', false, { cause: e });
      }
    },
  };
}

function fillListItems<T extends ObjectLike>(ref: ResourceRef<T>, list: ObjectList<T>): ObjectList<T> {
  const listKind = list.kind ?? '';
  const kind = ref.kind ?? (listKind.endsWith('List') ? listKind.slice(0, -4) : undefined);
  if (!Array.isArray(list.items)) list.items = [];
  if (typeof list.metadata !== 'object') list.metadata = {};
  if (kind === undefined) return list;
  const apiVersion = list.apiVersion ?? refApiVersion(ref);
  for (const item of list.items) {
    item.apiVersion ??= apiVersion;
    item.kind ??= kind;
  }
  return list;
}
