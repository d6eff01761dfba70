/**
 * A stand-in API server that lets kubectl get as far as its write request and records it: minimal
 * aggregated discovery for the resources kubectl's generators touch, then 201 for every POST with
 * a small JSON object of the right kind (enough for kubectl to print its result).
 */
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface CapturedRequest {
  readonly method: string;
  /** Path and query. */
  readonly url: string;
  readonly contentType: string;
  readonly body: Buffer;
}

export interface CaptureServer {
  readonly url: string;
  /** Every POST, PUT and PATCH so far, oldest first. */
  readonly writes: CapturedRequest[];
  close(): Promise<void>;
}

interface Resource {
  readonly group: string;
  readonly version: string;
  readonly resource: string;
  readonly kind: string;
  readonly namespaced: boolean;
  readonly verbs: readonly string[];
  readonly subresources?: readonly { name: string; group: string; version: string; kind: string }[];
  /** What the POST answer carries besides kind, apiVersion and metadata. */
  readonly reply?: Record<string, unknown>;
}

const CRUD = ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'];

const crud = (group: string, resource: string, kind: string, namespaced: boolean): Resource => ({
  group,
  version: 'v1',
  resource,
  kind,
  namespaced,
  verbs: CRUD,
});

const review = (group: string, resource: string, kind: string, status: unknown): Resource => ({
  group,
  version: 'v1',
  resource,
  kind,
  namespaced: false,
  verbs: ['create'],
  reply: { status },
});

const RBAC = 'rbac.authorization.k8s.io';

const RESOURCES: readonly Resource[] = [
  crud('', 'namespaces', 'Namespace', false),
  crud('', 'configmaps', 'ConfigMap', true),
  crud('', 'secrets', 'Secret', true),
  {
    ...crud('', 'serviceaccounts', 'ServiceAccount', true),
    subresources: [
      { name: 'token', group: 'authentication.k8s.io', version: 'v1', kind: 'TokenRequest' },
    ],
  },
  crud('', 'services', 'Service', true),
  crud('', 'resourcequotas', 'ResourceQuota', true),
  crud('', 'pods', 'Pod', true),
  crud('apps', 'deployments', 'Deployment', true),
  crud('batch', 'jobs', 'Job', true),
  crud('batch', 'cronjobs', 'CronJob', true),
  crud(RBAC, 'roles', 'Role', true),
  crud(RBAC, 'clusterroles', 'ClusterRole', false),
  crud(RBAC, 'rolebindings', 'RoleBinding', true),
  crud(RBAC, 'clusterrolebindings', 'ClusterRoleBinding', false),
  crud('policy', 'poddisruptionbudgets', 'PodDisruptionBudget', true),
  crud('scheduling.k8s.io', 'priorityclasses', 'PriorityClass', false),
  crud('networking.k8s.io', 'ingresses', 'Ingress', true),
  crud('coordination.k8s.io', 'leases', 'Lease', true),
  review('authorization.k8s.io', 'selfsubjectaccessreviews', 'SelfSubjectAccessReview', {
    allowed: true,
  }),
  review('authorization.k8s.io', 'selfsubjectrulesreviews', 'SelfSubjectRulesReview', {
    resourceRules: [{ verbs: ['*'], apiGroups: ['*'], resources: ['*'] }],
    nonResourceRules: [],
    incomplete: false,
  }),
  review('authentication.k8s.io', 'selfsubjectreviews', 'SelfSubjectReview', {
    userInfo: { username: 'captured', groups: ['system:authenticated'] },
  }),
];

const TOKEN_REPLY = {
  status: { token: 'captured-token', expirationTimestamp: '2030-01-01T00:00:00Z' },
};

const DISCOVERY_CONTENT_TYPE =
  'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList';

function discovery(core: boolean): unknown {
  const groups = new Map<string, Resource[]>();
  for (const r of RESOURCES) {
    if ((r.group === '') !== core) continue;
    groups.set(r.group, [...(groups.get(r.group) ?? []), r]);
  }
  return {
    kind: 'APIGroupDiscoveryList',
    apiVersion: 'apidiscovery.k8s.io/v2',
    metadata: {},
    items: [...groups].map(([group, resources]) => ({
      metadata: { name: group },
      versions: [
        {
          version: 'v1',
          freshness: 'Current',
          resources: resources.map((r) => ({
            resource: r.resource,
            responseKind: { group: r.group, version: r.version, kind: r.kind },
            scope: r.namespaced ? 'Namespaced' : 'Cluster',
            singularResource: r.kind.toLowerCase(),
            verbs: r.verbs,
            subresources: (r.subresources ?? []).map((s) => ({
              subresource: s.name,
              responseKind: { group: s.group, version: s.version, kind: s.kind },
              verbs: ['create'],
            })),
          })),
        },
      ],
    })),
  };
}

function send(
  res: ServerResponse,
  status: number,
  body: unknown,
  contentType = 'application/json',
): void {
  res.writeHead(status, { 'content-type': contentType });
  res.end(JSON.stringify(body));
}

function notFound(res: ServerResponse): void {
  send(res, 404, {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    reason: 'NotFound',
    code: 404,
  });
}

/** The answer to a write on `/api/v1/...` or `/apis/<group>/<version>/...`. */
function writeReply(path: string): Record<string, unknown> | undefined {
  const parts = path.split('/').filter((p) => p !== '');
  const [prefix] = parts;
  const rest = prefix === 'api' ? parts.slice(2) : parts.slice(3);
  const group = prefix === 'api' ? '' : (parts[1] ?? '');
  const scoped = rest[0] === 'namespaces' && rest.length > 2 ? rest.slice(2) : rest;
  const [resourceName, name, sub] = scoped;
  const resource = RESOURCES.find((r) => r.group === group && r.resource === resourceName);
  if (resource === undefined) return undefined;
  const metadata = { name: name ?? 'captured', creationTimestamp: '2030-01-01T00:00:00Z' };
  if (sub === 'token') {
    const apiVersion = 'authentication.k8s.io/v1';
    return { kind: 'TokenRequest', apiVersion, metadata, ...TOKEN_REPLY };
  }
  const apiVersion = group === '' ? resource.version : `${group}/${resource.version}`;
  return { kind: resource.kind, apiVersion, metadata, ...resource.reply };
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) {
    chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  }
  return Buffer.concat(chunks);
}

export async function startCaptureServer(): Promise<CaptureServer> {
  const writes: CapturedRequest[] = [];
  const server = createServer((req, res) => {
    void (async () => {
      const url = req.url ?? '/';
      const path = url.split('?')[0] ?? '/';
      const body = await readBody(req);
      const method = req.method ?? 'GET';
      if (method === 'GET') {
        if (path === '/version') {
          send(res, 200, { major: '1', minor: '32', gitVersion: 'v1.32.0-capture' });
        } else if (path === '/api' || path === '/apis') {
          send(res, 200, discovery(path === '/api'), DISCOVERY_CONTENT_TYPE);
        } else {
          notFound(res);
        }
        return;
      }
      writes.push({ method, url, contentType: req.headers['content-type'] ?? '', body });
      const reply = writeReply(path);
      if (reply === undefined) notFound(res);
      else send(res, 201, reply);
    })().catch((e: unknown) => {
      res.destroy(e instanceof Error ? e : new Error(String(e)));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    writes,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => {
          if (err) reject(err);
          else resolve();
        });
      }),
  };
}
