/**
 * What a `pods/log` request asks for, once parsed: the contract between the API server and whoever
 * provides the logs (the simulated kubelet on the embedded host, the host pod for a virtual one).
 */
export interface PodLogRequest {
  readonly container: string;
  readonly follow: boolean;
  readonly previous: boolean;
  readonly timestamps: boolean;
  readonly tailLines?: number | undefined;
  readonly sinceSeconds?: number | undefined;
  readonly limitBytes?: number | undefined;
}

/** The request as the query of a host `pods/log` call (what a kubelet understands). */
export function podLogQuery(request: PodLogRequest): Record<string, string> {
  const query: Record<string, string> = { container: request.container };
  if (request.follow) query.follow = 'true';
  if (request.previous) query.previous = 'true';
  if (request.timestamps) query.timestamps = 'true';
  if (request.tailLines !== undefined) query.tailLines = String(request.tailLines);
  if (request.sinceSeconds !== undefined) query.sinceSeconds = String(request.sinceSeconds);
  if (request.limitBytes !== undefined) query.limitBytes = String(request.limitBytes);
  return query;
}
