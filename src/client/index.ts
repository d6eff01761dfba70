// The client's public surface. Everything here works against any Kubernetes API server.
export { realClock, sleepOn, type Clock, type Timer } from './clock.js';
export { childAbort, abortReason, raceAbort } from './abort.js';
export { noopLogger, describeError, type Logger } from './logger.js';
export { TransportError, isTransportError, isAbortError, isRetryable, statusErrorFromResponse } from './errors.js';
export { TokenBucket } from './token-bucket.js';
export { resourceRef, objectKey, keyOf, splitKey, refName, refApiVersion, resourceVersionOf, type ObjectLike, type ResourceRef } from './resource.js';
export { resources } from './resources.js';
export { resourcePath, withQuery, ClientUsageError, type ResourcePath, type QueryValue } from './paths.js';
export { lines, parseWatchEvent, WatchProtocolError, type WatchEvent, type WatchEventType } from './ndjson.js';
export type { Transport, TransportRequest, TransportResponse, TlsMaterial, TlsSource } from './transport.js';
export { Http2Transport, type Http2TransportOptions } from './http2-transport.js';
export { Http1Transport } from './http1-transport.js';
export { inProcessTransport, type RequestHandler, type InProcessOptions, type InProcessUser } from './in-process-transport.js';
export { bearerToken, noCredentials, type Credentials } from './credentials.js';
export {
  KubeClient,
  type KubeClientOptions,
  type RequestOptions,
  type GetOptions,
  type ListOptions,
  type ListAllOptions,
  type ObjectList,
  type WatchOptions,
  type WriteOptions,
  type UpdateOptions,
  type PatchType,
  type PatchOptions,
  type ApplyOptions,
  type Preconditions,
  type DeleteOptions,
  type DeleteCollectionOptions,
  type RawRequest,
  type RawResponse,
  userAgentFor,
} from './kube-client.js';
export { createClient, inProcessClient, networkTransport, type ConnectionOptions, type ServerConfig } from './connect.js';
export { clientFromKubeconfig, clientInCluster, KubeconfigError, type KubeconfigOptions } from './kubeconfig.js';
export { RestMapper, NoMatchError, isNoMatch, toRef, type RestMapperOptions } from './rest-mapper.js';
export type { ApiResourceInfo, GroupInfo, SubresourceInfo } from './discovery.js';
