import type { KubeObject } from '../../api/object.js';
import { errors, StatusError } from '../../api/status.js';
import { isStorageError, type Store, type WatchEvent } from '../../storage/index.js';
import type { ResponseFormat } from '../http/media.js';
import { writeChunk, type ServerResponseLike } from '../http/respond.js';
import { apiVersionOfDef } from '../registry/types.js';
import { listPrefix } from '../rest/keys.js';
import type { RestStore } from '../rest/store.js';
import type { Semantics } from '../rest/strategy.js';

export interface WatchParams {
  readonly resourceVersion?: string;
  readonly resourceVersionMatch?: string;
  readonly allowWatchBookmarks: boolean;
  readonly sendInitialEvents?: boolean;
  readonly timeoutSeconds?: number;
  readonly labelSelector?: string;
  readonly fieldSelector?: string;
}

export interface WatchDeps {
  readonly storage: Store;
  readonly semantics: Semantics;
  /** Renders objects as a one-row Table when the client asked for tables. */
  readonly table: (objects: KubeObject[]) => Record<string, unknown>;
  /** The server's watch length when the client names none (kube: between 30 and 60 minutes). */
  readonly watchTimeoutSeconds?: () => number;
  readonly onOpen?: () => void;
  readonly onClose?: () => void;
}

/** A watcher that stops reading gets cut off once this much is queued for it. */
const MAX_BUFFERED_BYTES = 32 * 1024 * 1024;
/** kube-apiserver's default: a watch lasts between 30 and 60 minutes unless the client says otherwise. */
const MIN_REQUEST_TIMEOUT_S = 1800;

type Filter = (o: KubeObject) => boolean;

/**
 * The JSON of stored values as served, per apiVersion. Storage hands every watcher of a key the
 * same event value, so each change is serialized once rather than once per watcher (a host pod
 * has a dozen: scheduler, kubelets, controllers, syncers).
 */
const servedJson = new WeakMap<object, Map<string, string>>();

function encodeServed(value: Record<string, unknown>, apiVersion: string, kind: string): string {
  let byVersion = servedJson.get(value);
  if (!byVersion) {
    byVersion = new Map();
    servedJson.set(value, byVersion);
  }
  let text = byVersion.get(apiVersion);
  if (text === undefined) {
    text = JSON.stringify({ ...value, apiVersion, kind });
    byVersion.set(apiVersion, text);
  }
  return text;
}

/**
 * Serves a watch as kube-apiserver does: newline-delimited JSON events, optional synthetic ADDED
 * events for the current state, selector filtering that turns objects entering or leaving the
 * selection into ADDED/DELETED, BOOKMARKs from storage progress, 410 Expired for a compacted
 * resourceVersion, and an end after timeoutSeconds.
 */
export async function serveWatch(
  res: ServerResponseLike,
  store: RestStore,
  namespace: string,
  params: WatchParams,
  format: ResponseFormat,
  deps: WatchDeps,
): Promise<void> {
  const def = store.def;
  const labels = params.labelSelector ? deps.semantics.labelSelector(params.labelSelector) : undefined;
  const fields = params.fieldSelector ? deps.semantics.fieldSelector(def, params.fieldSelector) : undefined;
  const matches: Filter = (o) => (!labels || labels(o.metadata?.labels)) && (!fields || fields(o));
  const rv = params.resourceVersion ?? '';
  const initial = params.sendInitialEvents ?? (rv === '' || rv === '0');
  if (params.sendInitialEvents === true && params.resourceVersionMatch !== 'NotOlderThan') {
    throw errors.invalid('', 'ListOptions', '', [{ reason: 'FieldValueForbidden', field: 'resourceVersionMatch', message: "Forbidden: sendInitialEvents requires setting resourceVersionMatch to NotOlderThan" }]);
  }
  if (rv !== '' && rv !== '0' && !/^\d+$/.test(rv)) throw errors.badRequest(`invalid resource version: ${rv}`);

  const tableRows = format.kind === 'table';
  const contentType = tableRows ? 'application/json;as=Table;v=v1;g=meta.k8s.io' : 'application/json';
  const apiVersion = apiVersionOfDef(def);
  // Set by `finish`, which callbacks may run at any await: an object keeps the flow analysis honest.
  const state = { ended: false };
  const isEnded = (): boolean => state.ended;
  let timer: NodeJS.Timeout | undefined;
  let stopWatch: (() => void) | undefined;

  /** One event line; a watcher that stopped reading is cut off. */
  const writeLine = (line: string): void => {
    if (state.ended) return;
    const ok = writeChunk(res, line);
    if (!ok && bufferedBytes(res) > MAX_BUFFERED_BYTES) finish();
  };
  const write = (type: string, object: unknown): void => {
    if (!state.ended) writeLine(`${JSON.stringify({ type, object })}\n`);
  };
  const emit = (type: 'ADDED' | 'MODIFIED' | 'DELETED', obj: KubeObject): void => {
    write(type, tableRows ? deps.table([obj]) : obj);
  };
  /** emit() for a value straight from storage: its JSON is shared with the other watchers. */
  const emitStored = (type: 'ADDED' | 'MODIFIED' | 'DELETED', value: Record<string, unknown>, view: KubeObject): void => {
    if (tableRows) emit(type, view);
    else if (!state.ended) writeLine(`{"type":"${type}","object":${encodeServed(value, apiVersion, def.kind)}}\n`);
  };
  const finish = (): void => {
    if (state.ended) return;
    state.ended = true;
    if (timer) clearTimeout(timer);
    stopWatch?.();
    deps.onClose?.();
    res.end();
  };

  // Headers go out now: clients (client-node's informer among them) wait for them before anything else.
  res.writeHead(200, { 'Content-Type': contentType, 'Cache-Control': 'no-cache, private' });
  const flush = (res as { flushHeaders?: () => void }).flushHeaders;
  if (typeof flush === 'function') flush.call(res);
  deps.onOpen?.();
  res.on('close', finish);

  let from = rv === '' || rv === '0' ? 0 : Number(rv);
  try {
    if (initial) {
      // Synthetic ADDED events for the current state, then the watch continues from the list revision.
      const list = await store.list(namespace, {});
      for (const obj of list.items) if (matches(obj)) emit('ADDED', obj);
      from = Number(list.resourceVersion);
      if (params.sendInitialEvents === true) {
        write('BOOKMARK', bookmark(apiVersion, def.kind, list.resourceVersion, true));
      }
    }
    if (isEnded()) return;
    const view = (value: Record<string, unknown>): KubeObject => ({ ...value, apiVersion, kind: def.kind });
    const watch = await deps.storage.watch(
      listPrefix(def, namespace),
      from,
      (event: WatchEvent) => {
        if (event.type === 'PROGRESS') {
          if (params.allowWatchBookmarks) write('BOOKMARK', bookmark(apiVersion, def.kind, String(event.revision), false));
          return;
        }
        const cur = view(event.value);
        const prev = event.prevValue ? view(event.prevValue) : undefined;
        if (event.type === 'DELETED') {
          if (matches(cur)) emitStored('DELETED', event.value, cur);
          return;
        }
        const now = matches(cur);
        const before = prev !== undefined && matches(prev);
        if (event.type === 'ADDED' || !prev) {
          if (now) emitStored('ADDED', event.value, cur);
        } else if (now && before) emitStored('MODIFIED', event.value, cur);
        else if (now) emitStored('ADDED', event.value, cur);
        else if (before) emit('DELETED', { ...prev, metadata: { ...prev.metadata, resourceVersion: String(event.revision) } });
      },
      { progressNotify: params.allowWatchBookmarks },
    );
    stopWatch = () => {
      watch.stop();
    };
    if (isEnded()) {
      watch.stop();
      return;
    }
    void watch.ended.then((err) => {
      if (err && !state.ended) {
        write('ERROR', errors.gone(`too old resource version: ${from} (${err.message})`).toStatus());
        finish();
      }
    });
    const seconds = params.timeoutSeconds ?? deps.watchTimeoutSeconds?.() ?? MIN_REQUEST_TIMEOUT_S * (1 + Math.random());
    timer = setTimeout(finish, seconds * 1000);
    timer.unref();
  } catch (e) {
    if (isStorageError(e, 'Compacted')) {
      write('ERROR', errors.gone(`too old resource version: ${from}`).toStatus());
    } else {
      const status = e instanceof StatusError ? e : errors.internal(e instanceof Error ? e.message : String(e), e);
      write('ERROR', status.toStatus());
    }
    finish();
  }
}

function bookmark(apiVersion: string, kind: string, resourceVersion: string, initialEventsEnd: boolean): KubeObject {
  return {
    kind,
    apiVersion,
    metadata: {
      resourceVersion,
      ...(initialEventsEnd ? { annotations: { 'k8s.io/initial-events-end': 'true' } } : {}),
    },
  };
}

function bufferedBytes(res: ServerResponseLike): number {
  const stream = res as unknown as { writableLength?: number };
  return stream.writableLength ?? 0;
}
