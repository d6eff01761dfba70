/** What kube-apiserver's RequestInfoFactory derives from a request's method and path. */
export interface ResourceRequestInfo {
  readonly isResourceRequest: true;
  readonly verb: string;
  /** 'api' or 'apis' */
  readonly prefix: string;
  readonly group: string;
  readonly version: string;
  readonly namespace: string;
  readonly resource: string;
  readonly name: string;
  readonly subresource: string;
  readonly path: string;
}

export interface NonResourceRequestInfo {
  readonly isResourceRequest: false;
  readonly verb: string;
  readonly path: string;
}

export type RequestInfo = ResourceRequestInfo | NonResourceRequestInfo;

const NAMESPACE_SUBRESOURCES = new Set(['status', 'finalize']);

function verbOf(method: string): string {
  switch (method) {
    case 'POST':
      return 'create';
    case 'PUT':
      return 'update';
    case 'PATCH':
      return 'patch';
    case 'DELETE':
      return 'delete';
    default:
      return 'get';
  }
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

export function parseRequestInfo(method: string, path: string, query: URLSearchParams): RequestInfo {
  let verb = verbOf(method);
  const nonResource: NonResourceRequestInfo = { isResourceRequest: false, verb: method.toLowerCase(), path };
  // Names travel percent-encoded (`system%3Acoredns`); Go's url.Path hands kube-apiserver decoded segments.
  const parts = path.split('/').filter((p) => p !== '').map(decodeSegment);
  const prefix = parts[0];
  if (prefix !== 'api' && prefix !== 'apis') return nonResource;
  let rest: string[];
  let group = '';
  let version: string;
  if (prefix === 'api') {
    if (parts.length < 3) return nonResource;
    version = parts[1] ?? '';
    rest = parts.slice(2);
  } else {
    if (parts.length < 4) return nonResource;
    group = parts[1] ?? '';
    version = parts[2] ?? '';
    rest = parts.slice(3);
  }
  if (rest[0] === 'watch') {
    verb = 'watch';
    rest = rest.slice(1);
  }
  let namespace = '';
  if (rest[0] === 'namespaces' && rest.length > 1) {
    namespace = rest[1] ?? '';
    if (rest.length > 2 && !NAMESPACE_SUBRESOURCES.has(rest[2] ?? '')) rest = rest.slice(2);
  }
  const [resource = '', name = '', subresource = ''] = rest;
  if (rest.length > 3) return nonResource;
  if (verb === 'get' || verb === 'watch') {
    if (name === '') verb = query.get('watch') === 'true' || query.get('watch') === '1' || verb === 'watch' ? 'watch' : 'list';
    else if (verb === 'watch') verb = 'watch';
  }
  if (verb === 'delete' && name === '') verb = 'deletecollection';
  return { isResourceRequest: true, verb, prefix, group, version, namespace, resource, name, subresource, path };
}
