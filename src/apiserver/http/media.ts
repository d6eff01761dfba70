/** Media types of the Kubernetes API and how a request asks for them. */
export const JSON_TYPE = 'application/json';
export const YAML_TYPE = 'application/yaml';
export const PROTOBUF_TYPE = 'application/vnd.kubernetes.protobuf';
export const PATCH_TYPES = {
  json: 'application/json-patch+json',
  merge: 'application/merge-patch+json',
  strategic: 'application/strategic-merge-patch+json',
  apply: 'application/apply-patch+yaml',
} as const;
export type PatchType = keyof typeof PATCH_TYPES;

export interface MediaRange {
  readonly type: string;
  readonly params: Readonly<Record<string, string>>;
}

/** Splits an Accept or Content-Type header into media ranges with their parameters. */
export function parseMediaRanges(header: string | undefined): MediaRange[] {
  if (!header) return [];
  return header
    .split(',')
    .map((part) => {
      const [type = '', ...params] = part.split(';').map((s) => s.trim());
      const record: Record<string, string> = {};
      for (const p of params) {
        const eq = p.indexOf('=');
        if (eq > 0) record[p.slice(0, eq).trim().toLowerCase()] = p.slice(eq + 1).trim().replace(/^"|"$/g, '');
      }
      return { type: type.toLowerCase(), params: record };
    })
    .filter((m) => m.type !== '');
}

export type ResponseFormat =
  | { kind: 'json' }
  | { kind: 'table'; version: 'v1' | 'v1beta1'; includeObject?: string }
  | { kind: 'partial-metadata'; list: boolean }
  | { kind: 'discovery'; version: 'v2' | 'v2beta1' }
  | { kind: 'yaml' };

/**
 * Picks the response format from Accept, as kube-apiserver negotiates: Table and aggregated
 * discovery when asked for, else JSON (also for protobuf requests: clients accept JSON back).
 */
export function negotiate(accept: string | undefined, options: { discovery?: boolean } = {}): ResponseFormat | undefined {
  const ranges = parseMediaRanges(accept);
  if (ranges.length === 0) return { kind: 'json' };
  for (const r of ranges) {
    const as = r.params.as;
    if (r.type === JSON_TYPE && as !== undefined) {
      if (as === 'Table' && r.params.g === 'meta.k8s.io' && (r.params.v === 'v1' || r.params.v === 'v1beta1')) {
        return r.params.includeObject === undefined ? { kind: 'table', version: r.params.v } : { kind: 'table', version: r.params.v, includeObject: r.params.includeObject };
      }
      if ((as === 'PartialObjectMetadata' || as === 'PartialObjectMetadataList') && r.params.g === 'meta.k8s.io') {
        return { kind: 'partial-metadata', list: as === 'PartialObjectMetadataList' };
      }
      if (options.discovery && as === 'APIGroupDiscoveryList' && r.params.g === 'apidiscovery.k8s.io' && (r.params.v === 'v2' || r.params.v === 'v2beta1')) {
        return { kind: 'discovery', version: r.params.v };
      }
      continue;
    }
    if (r.type === JSON_TYPE || r.type === '*/*' || r.type === 'application/*' || r.type === PROTOBUF_TYPE) return { kind: 'json' };
    if (r.type === YAML_TYPE) return { kind: 'yaml' };
  }
  return undefined;
}
