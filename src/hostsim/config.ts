/**
 * The simulated nodes: what a user writes (a YAML or JSON file, or objects) and the defaults that
 * make an unconfigured embedded host look like a small kind cluster of three workers.
 */
import { readFileSync } from 'node:fs';
import { parseDocument } from 'yaml';
import { z } from 'zod';
import { ConfigError } from '../config/index.js';
import { zodIssues } from '../config/issues.js';
import { formatIPv4, parseIPv4 } from './cidr.js';
import { isQuantity } from './quantity.js';

export const DEFAULT_NODE_COUNT = 3;
export const NODE_NAME_PREFIX = 'vcluster-ts-node-';

/** What a kind worker on a laptop reports, give or take. */
export const DEFAULT_CAPACITY: Readonly<Record<string, string>> = {
  cpu: '8',
  memory: '32Gi',
  'ephemeral-storage': '100Gi',
  pods: '110',
  'hugepages-1Gi': '0',
  'hugepages-2Mi': '0',
};

export const DEFAULT_INSTANCE_TYPE = 'hostsim.standard';

const quantity = z.union([z.string(), z.number()]).refine(isQuantity, { message: 'expected a quantity such as 4, 500m or 16Gi' });
const resourceList = z.record(z.string().min(1), quantity);
const labelMap = z.record(z.string().min(1), z.string());

const taint = z
  .object({
    key: z.string().min(1),
    value: z.string().optional(),
    effect: z.enum(['NoSchedule', 'PreferNoSchedule', 'NoExecute']),
  })
  .strict();

const ipv4 = z.string().refine((s) => {
  try {
    parseIPv4(s);
    return true;
  } catch {
    return false;
  }
}, { message: 'expected an IPv4 address' });

const nodeFields = {
  labels: labelMap.optional(),
  annotations: labelMap.optional(),
  taints: z.array(taint).optional(),
  /** As `kubectl cordon` leaves it. */
  unschedulable: z.boolean().optional(),
  capacity: resourceList.optional(),
  /** Defaults to the capacity. */
  allocatable: resourceList.optional(),
  instanceType: z.string().min(1).optional(),
  architecture: z.enum(['amd64', 'arm64']).optional(),
  /** Defaults to 172.18.0.(index + 2), as on kind's docker network. */
  internalIP: ipv4.optional(),
  /** Defaults to the node's share of the pod CIDR. */
  podCIDR: z.string().optional(),
};

const nodeTemplateSchema = z.object(nodeFields).strict();
const nodeSpecSchema = z
  .object({
    name: z.string().regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/, { message: 'expected a DNS subdomain (lower case letters, digits, "-" and ".")' }).max(253),
    ...nodeFields,
  })
  .strict();

const nodeConfigSchema = z
  .object({
    /** How many nodes to make from the template (default 3); ignored when `nodes` is given. */
    count: z.number().int().min(1).max(5000).optional(),
    /** Defaults for every node. */
    template: nodeTemplateSchema.optional(),
    nodes: z.array(nodeSpecSchema).min(1).optional(),
  })
  .strict();

export type NodeTemplate = z.infer<typeof nodeTemplateSchema>;
/** One simulated node as configured. */
export type NodeSpec = z.infer<typeof nodeSpecSchema>;
/** A node file: a list of nodes, or `{count, template, nodes}`. */
export type NodeConfig = z.infer<typeof nodeConfigSchema>;

/** A node with every default filled in. */
export interface ResolvedNode {
  readonly name: string;
  readonly index: number;
  readonly labels: Readonly<Record<string, string>>;
  readonly annotations: Readonly<Record<string, string>>;
  readonly taints: readonly { key: string; value?: string | undefined; effect: 'NoSchedule' | 'PreferNoSchedule' | 'NoExecute' }[];
  readonly unschedulable: boolean;
  readonly capacity: Readonly<Record<string, string>>;
  readonly allocatable: Readonly<Record<string, string>>;
  readonly instanceType: string;
  readonly architecture: 'amd64' | 'arm64';
  readonly internalIP: string;
  readonly podCIDR: string | undefined;
}

function resourceStrings(list: Readonly<Record<string, string | number>> | undefined): Record<string, string> {
  return Object.fromEntries(Object.entries(list ?? {}).map(([k, v]) => [k, String(v)]));
}

/** Checks a node configuration (from a file or from code); errors name the key path. */
export function parseNodeConfig(input: unknown, source = 'nodes'): NodeConfig {
  const normalized = Array.isArray(input) ? { nodes: input } : (input ?? {});
  const parsed = nodeConfigSchema.safeParse(normalized);
  if (!parsed.success) throw new ConfigError(zodIssues(parsed.error, normalized).map((i) => ({ ...i, path: `${source}: ${i.path}` })));
  const names = new Set<string>();
  for (const [i, n] of (parsed.data.nodes ?? []).entries()) {
    if (names.has(n.name)) throw new ConfigError([{ path: `${source}: nodes[${i}].name`, message: `duplicate node name "${n.name}"` }]);
    names.add(n.name);
  }
  return parsed.data;
}

/** Reads a YAML or JSON node file. */
export function loadNodeConfig(path: string): NodeConfig {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new ConfigError([{ path, message: `cannot read the node file: ${(e as Error).message}` }]);
  }
  const doc = parseDocument(text, { uniqueKeys: true });
  const first = doc.errors[0];
  if (first) throw new ConfigError([{ path, message: `invalid YAML: ${first.message.split('\n')[0] ?? ''}` }]);
  return parseNodeConfig(doc.toJS(), path);
}

/** Every node of a configuration with its defaults. */
export function resolveNodes(config: NodeConfig = {}): ResolvedNode[] {
  const template = config.template ?? {};
  const specs: NodeSpec[] = config.nodes ?? Array.from({ length: config.count ?? DEFAULT_NODE_COUNT }, (_, i) => ({ name: `${NODE_NAME_PREFIX}${i + 1}` }));
  return specs.map((spec, index) => {
    const capacity = { ...DEFAULT_CAPACITY, ...resourceStrings(template.capacity), ...resourceStrings(spec.capacity) };
    const allocatable = { ...capacity, ...resourceStrings(template.allocatable), ...resourceStrings(spec.allocatable) };
    return {
      name: spec.name,
      index,
      labels: { ...template.labels, ...spec.labels },
      annotations: { ...template.annotations, ...spec.annotations },
      taints: spec.taints ?? template.taints ?? [],
      unschedulable: spec.unschedulable ?? template.unschedulable ?? false,
      capacity,
      allocatable,
      instanceType: spec.instanceType ?? template.instanceType ?? DEFAULT_INSTANCE_TYPE,
      architecture: spec.architecture ?? template.architecture ?? 'amd64',
      internalIP: spec.internalIP ?? formatIPv4(parseIPv4('172.18.0.0') + 2 + index),
      podCIDR: spec.podCIDR ?? template.podCIDR,
    };
  });
}
