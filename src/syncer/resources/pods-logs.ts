/**
 * `kubectl logs` in the virtual cluster: the virtual pod has no kubelet of its own, so its log is
 * the host pod's log, fetched with the host client (`pods/log` of the host pod). Host names in
 * error messages are replaced by the virtual ones.
 */
import { isObject, type KubeObject } from '../../api/object.js';
import { podLogQuery, type PodLogRequest } from '../../api/pod-logs.js';
import { StatusError } from '../../api/status.js';
import { resources, type KubeClient, type RawResponse } from '../../client/index.js';
import type { NameMapper, NamespacedName } from '../names.js';
import type { PodLogQuery, PodLogs, SyncerTask } from '../types.js';

/** The log query parameters a kubelet understands; anything else is not forwarded. */
const LOG_PARAMETERS: readonly string[] = ['container', 'follow', 'previous', 'timestamps', 'tailLines', 'sinceSeconds', 'sinceTime', 'limitBytes', 'insecureSkipTLSVerifyBackend'];

/** The virtual API server's `podLogs` option: the virtual pod and the parsed query. */
export type PodLogProvider = (pod: KubeObject, options: PodLogRequest) => Promise<AsyncIterable<string | Buffer> | string>;

function renamed(e: unknown, host: NamespacedName, virtual: NamespacedName): unknown {
  if (!(e instanceof StatusError)) return e;
  const message = e.message.replaceAll(host.name, virtual.name).replaceAll(`namespace "${host.namespace}"`, `namespace "${virtual.namespace}"`);
  return new StatusError(e.code, e.reason, message, e.details === undefined ? undefined : { ...e.details, ...(e.details.name === host.name ? { name: virtual.name } : {}) }, { cause: e });
}

/**
 * Serves virtual pod logs from the host. `mapper` gives the host name of a virtual pod (the pods
 * syncer's own, so names recorded in the mapping store are honoured). The host client comes from
 * the engine: the returned task hands it over when the engine starts it, and logs asked for before
 * that are refused as "unavailable".
 */
export function hostPodLogs(mapper: Pick<NameMapper, 'virtualToHost'>): { readonly podLogs: PodLogs; readonly task: SyncerTask } {
  let host: KubeClient | undefined;
  const task: SyncerTask = {
    type: 'task',
    name: 'pod-logs',
    run(ctx, signal) {
      host = ctx.host.client;
      return new Promise<void>((resolve) => {
        if (signal.aborted) resolve();
        else signal.addEventListener('abort', () => { resolve(); }, { once: true });
      });
    },
  };
  const podLogs: PodLogs = {
    async open(virtual: NamespacedName, query: PodLogQuery, signal?: AbortSignal): Promise<RawResponse | undefined> {
      if (host === undefined) throw new StatusError(503, 'ServiceUnavailable', 'the syncer is starting; pod logs are not available yet');
      const target = mapper.virtualToHost(virtual);
      if (target === undefined) return undefined;
      const forwarded: Record<string, string> = {};
      for (const [key, value] of Object.entries(query)) if (LOG_PARAMETERS.includes(key)) forwarded[key] = value;
      try {
        return await host.request({
          method: 'GET',
          path: { ref: resources.pods, namespace: target.namespace, name: target.name, subresource: 'log' },
          query: forwarded,
          accept: 'text/plain, */*',
          stream: true,
          ...(signal === undefined ? {} : { signal }),
        });
      } catch (e) {
        if (e instanceof StatusError && e.code === 404 && (e.details?.kind === 'pods' || e.details?.name === target.name)) return undefined;
        throw renamed(e, target, virtual);
      }
    },
  };
  return { podLogs, task };
}

async function* streamOf(response: RawResponse): AsyncGenerator<Buffer> {
  try {
    for await (const chunk of response.body) yield chunk;
  } finally {
    // The reader went away (kubectl logs -f interrupted): stop reading the host stream too.
    response.cancel();
  }
}

/**
 * Adapts `PodLogs` to the virtual API server's `podLogs` option: a finite log is returned as text,
 * a followed log as a stream that ends the host request when the reader stops. The API server is
 * built before the syncer that reads from it, so `logs` may be a getter resolved per request.
 */
export function podLogProvider(logs: PodLogs | (() => PodLogs | undefined)): PodLogProvider {
  return async (pod, options) => {
    const source = typeof logs === 'function' ? logs() : logs;
    if (source === undefined) throw new StatusError(503, 'ServiceUnavailable', 'the syncer is not running; pod logs are not available');
    const meta = isObject(pod.metadata) ? pod.metadata : {};
    const virtual = { name: meta.name ?? '', namespace: meta.namespace ?? '' };
    const response = await source.open(virtual, podLogQuery(options));
    if (response === undefined) {
      throw new StatusError(400, 'BadRequest', `container "${options.container}" in pod "${virtual.name}" is waiting to start: ContainerCreating`);
    }
    return options.follow ? streamOf(response) : await response.text();
  };
}
