/**
 * Every vector of spec/vectors/translate-vectors.json (copied beside this file as
 * names-vectors.json), plus round-trip properties of the translation.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import {
  MAX_NAME_LENGTH,
  csiStorageCapacityVirtualName,
  endpointSliceServiceNameLabel,
  fakeNodeHostnameLabel,
  gvkOf,
  hostAnnotations,
  hostEventNameToVirtual,
  hostLabel,
  hostLabelNamespace,
  hostLabelSelector,
  hostLabelsMap,
  hostMetadata,
  hostName,
  hostNameCluster,
  hostNameShort,
  isManaged,
  kubeRootCAHostName,
  legacyClusterLabelKey,
  legacyConvertLabelKey,
  markerLabelCluster,
  multiNamespaceHostNamespace,
  namespacedMapper,
  nodeHostname,
  objectKindAnnotationValue,
  podHostname,
  safeConcatName,
  serviceEnvVars,
  shouldDeleteHostObject,
  translateHostNamespace,
  virtualAnnotations,
  virtualLabel,
  virtualLabelSelector,
  virtualLabelsMap,
  type NameContext,
} from './names.js';

// --- vectors -----------------------------------------------------------------------------

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Input = Readonly<Record<string, Json>>;

interface Vector {
  readonly fn: string;
  readonly input: Input;
  readonly expected: Json;
  readonly source: string;
  readonly note?: string;
}

const vectorsUrl = new URL('./names-vectors.json', import.meta.url);
const specVectorsPath = fileURLToPath(new URL('../../../shared/spec/vectors/translate-vectors.json', import.meta.url));

function isRecord(value: unknown): value is Record<string, Json> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function loadVectors(): Vector[] {
  const parsed: unknown = JSON.parse(readFileSync(vectorsUrl, 'utf8'));
  assert.ok(Array.isArray(parsed), 'vectors file is an array');
  return parsed.map((entry: unknown, index) => {
    assert.ok(isRecord(entry), `vector ${index} is an object`);
    const { fn, input, expected, source, note } = entry;
    assert.ok(typeof fn === 'string' && isRecord(input) && typeof source === 'string', `vector ${index} is well-formed`);
    return { fn, input, expected: expected ?? null, source, ...(typeof note === 'string' ? { note } : {}) };
  });
}

function str(input: Input, key: string): string {
  const value = input[key];
  assert.equal(typeof value, 'string', `input.${key} is a string`);
  return value as string;
}

function strMap(value: Json | undefined): Record<string, string> | undefined {
  if (value === null || value === undefined) return undefined;
  assert.ok(isRecord(value));
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(value)) {
    assert.equal(typeof v, 'string');
    out[k] = v as string;
  }
  return out;
}

function ctxOf(input: Input): NameContext {
  const vclusterName = str(input, 'vclusterName');
  const ns = input.targetNamespace;
  return { vclusterName, hostNamespace: typeof ns === 'string' ? ns : 'vc-host-ns' };
}

function selectorOf(value: Json | undefined): { matchLabels?: Record<string, string> } {
  assert.ok(isRecord(value));
  const matchLabels = strMap(value.matchLabels);
  return matchLabels === undefined ? {} : { matchLabels };
}

const runners: Readonly<Record<string, (input: Input) => unknown>> = {
  safeConcatName: (input) => {
    const parts = input.parts;
    assert.ok(Array.isArray(parts));
    return safeConcatName(...parts.map(String));
  },
  hostName: (input) => hostName(ctxOf(input), str(input, 'name'), str(input, 'namespace')),
  hostNameShort: (input) => hostNameShort(ctxOf(input), str(input, 'name'), str(input, 'namespace')),
  hostNameCluster: (input) => hostNameCluster(ctxOf(input), str(input, 'name')),
  markerLabelCluster: (input) => markerLabelCluster(ctxOf(input)),
  hostLabel: (input) => hostLabel(ctxOf(input), str(input, 'key')),
  virtualLabel: (input) => {
    const key = virtualLabel(ctxOf(input), str(input, 'key'));
    return key === undefined ? { key: '', ok: false } : { key, ok: true };
  },
  legacyConvertLabelKey: (input) => legacyConvertLabelKey(ctxOf(input), str(input, 'key')),
  legacyClusterLabelKey: (input) =>
    legacyClusterLabelKey({ vclusterName: str(input, 'vclusterName'), hostNamespace: str(input, 'namespace') }, str(input, 'key')),
  hostLabelNamespace: (input) => hostLabelNamespace(ctxOf(input), str(input, 'key')),
  hostLabelsMap: (input) =>
    hostLabelsMap(
      ctxOf(input),
      strMap(input.vLabels),
      strMap(input.pLabels),
      str(input, 'vNamespace'),
      input.isMetadata === true,
    ),
  virtualLabelsMap: (input) => virtualLabelsMap(ctxOf(input), strMap(input.pLabels), strMap(input.vLabels)),
  hostLabelSelector: (input) => hostLabelSelector(ctxOf(input), selectorOf(input.selector)),
  virtualLabelSelector: (input) => virtualLabelSelector(ctxOf(input), selectorOf(input.selector)),
  multiNamespaceHostNamespace: (input) =>
    multiNamespaceHostNamespace(str(input, 'currentNamespace'), str(input, 'vclusterName'), str(input, 'vNamespace')),
  kubeRootCAHostName: (input) => kubeRootCAHostName(ctxOf(input)),
  hostEventNameToVirtual: (input) =>
    hostEventNameToVirtual(
      str(input, 'hostEventName'),
      str(input, 'hostInvolvedObjectName'),
      str(input, 'virtualInvolvedObjectName'),
    ),
  endpointSliceHostServiceNameLabel: (input) =>
    endpointSliceServiceNameLabel(ctxOf(input), str(input, 'serviceName'), str(input, 'vNamespace')),
  podHostname: (input) => podHostname(str(input, 'virtualPodName'), str(input, 'specHostname')),
  csiStorageCapacityVirtualName: (input) => csiStorageCapacityVirtualName(str(input, 'hostName'), str(input, 'hostNamespace')),
  nodeHostname: (input) => nodeHostname(str(input, 'nodeName')),
  fakeNodeHostnameLabel: (input) => fakeNodeHostnameLabel(str(input, 'nodeName')),
  objectKindAnnotationValue: (input) =>
    objectKindAnnotationValue({ group: str(input, 'group'), version: str(input, 'version'), kind: str(input, 'kind') }),
  hostAnnotations: (input) => {
    const virtual = input.virtual;
    const host = input.host;
    assert.ok(isRecord(virtual) && isRecord(host));
    const v: Input = virtual;
    const h: Input = host;
    return hostAnnotations(
      {
        gvk: gvkOf(str(v, 'apiVersion'), str(v, 'kind')),
        metadata: {
          name: str(v, 'name'),
          namespace: str(v, 'namespace'),
          uid: str(v, 'uid'),
          ...(strMap(v.annotations) === undefined ? {} : { annotations: strMap(v.annotations) }),
        },
      },
      { name: str(h, 'name'), namespace: str(h, 'namespace'), ...(strMap(h.annotations) ? { annotations: strMap(h.annotations) } : {}) },
    );
  },
  serviceEnvVars: (input) => {
    const service = input.service;
    assert.ok(isRecord(service));
    const ports = service.ports;
    assert.ok(Array.isArray(ports));
    const env = serviceEnvVars([
      {
        name: str(service, 'name'),
        clusterIP: str(service, 'clusterIP'),
        ports: ports.map((p) => {
          assert.ok(isRecord(p));
          return { name: str(p, 'name'), port: Number(p.port), protocol: str(p, 'protocol') };
        }),
      },
    ]);
    return Object.fromEntries(env.map((e) => [e.name, e.value]));
  },
  translateHostNamespace: (input) => {
    const mappings = strMap(input['mappings(virtual:host)']) ?? {};
    const virtualNamespace = translateHostNamespace(str(input, 'vclusterName'), str(input, 'hostNamespace'), mappings);
    return { virtualNamespace: virtualNamespace ?? '', matched: virtualNamespace !== undefined };
  },
};

describe('translate vectors (spec §2)', () => {
  const vectors = loadVectors();

  it('covers all 71 vectors of the spec, and the copy matches the spec when it is at hand', () => {
    assert.equal(vectors.length, 71);
    if (existsSync(specVectorsPath)) {
      assert.equal(readFileSync(vectorsUrl, 'utf8'), readFileSync(specVectorsPath, 'utf8'));
    }
  });

  vectors.forEach((vector, index) => {
    const label = `#${index + 1} ${vector.fn}(${JSON.stringify(vector.input)})`;
    it(label, () => {
      const run = runners[vector.fn];
      assert.ok(run, `no runner for ${vector.fn}`);
      assert.deepEqual(run(vector.input), vector.expected, `${vector.source}${vector.note ? ` — ${vector.note}` : ''}`);
    });
  });
});

// --- round-trip properties ---------------------------------------------------------------

/** A small deterministic generator, so that failures can be reproduced. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 0x1_0000_0000;
  };
}

function dnsName(next: () => number, maxLength: number, alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789-.'): string {
  const length = 1 + Math.floor(next() * maxLength);
  const edge = 'abcdefghijklmnopqrstuvwxyz0123456789';
  let out = '';
  for (let i = 0; i < length; i++) {
    const chars = i === 0 || i === length - 1 ? edge : alphabet;
    out += chars[Math.floor(next() * chars.length)] ?? 'a';
  }
  return out;
}

interface Sample {
  readonly ctx: NameContext;
  readonly name: string;
  readonly namespace: string;
}

function samples(count: number): Sample[] {
  const next = random(42);
  const out: Sample[] = [];
  for (let i = 0; i < count; i++) {
    out.push({
      ctx: { vclusterName: dnsName(next, 30, 'abcdefghijklmnopqrstuvwxyz0123456789-'), hostNamespace: dnsName(next, 63, 'abcdefghijklmnopqrstuvwxyz0123456789-') },
      name: dnsName(next, 253),
      namespace: dnsName(next, 63, 'abcdefghijklmnopqrstuvwxyz0123456789-'),
    });
  }
  return out;
}

const POD = { group: '', version: 'v1', kind: 'Pod' } as const;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/;

describe('round trips and limits', () => {
  const all = samples(400);

  it('host names are at most 63 characters and valid DNS subdomains', () => {
    for (const { ctx, name, namespace } of all) {
      const host = hostName(ctx, name, namespace);
      assert.ok(host.name.length <= MAX_NAME_LENGTH, host.name);
      assert.match(host.name, DNS_SUBDOMAIN);
      assert.equal(host.namespace, ctx.hostNamespace);
      assert.ok(hostNameCluster(ctx, name).length <= MAX_NAME_LENGTH);
      assert.match(hostNameShort(ctx, name, namespace).name, /^v[a-z0-9]{13}$/);
    }
  });

  it('short joined names are kept verbatim; distinct objects never share a host name', () => {
    const seen = new Map<string, string>();
    for (const { ctx, name, namespace } of all) {
      const joined = `${name}-x-${namespace}-x-${ctx.vclusterName}`;
      const host = hostName(ctx, name, namespace).name;
      if (joined.length <= MAX_NAME_LENGTH) assert.equal(host, joined);
      const key = `${ctx.hostNamespace}/${host}`;
      assert.equal(seen.get(key) ?? joined, joined, `collision on ${key}`);
      seen.set(key, joined);
    }
  });

  it('hostToVirtual(virtualToHost(x)) = x through the annotations of the synced object', () => {
    for (const { ctx, name, namespace } of all) {
      const mapper = namespacedMapper(ctx, POD);
      const host = mapper.virtualToHost({ name, namespace });
      assert.ok(host);
      const metadata = hostMetadata(ctx, { gvk: POD, metadata: { name, namespace, uid: 'u' } }, host);
      assert.deepEqual(mapper.hostToVirtual(host, metadata), { name, namespace });
      assert.equal(mapper.isManaged(metadata), true);
      assert.equal(isManaged(ctx, POD, metadata), true);
      assert.equal(shouldDeleteHostObject(POD, metadata), true);
    }
  });

  it('hostToVirtual(virtualToHost(x)) = x through a recorded mapping, without annotations', () => {
    for (const { ctx, name, namespace } of all.slice(0, 50)) {
      const host = hostName(ctx, name, namespace);
      const kind = objectKindAnnotationValue(POD);
      const lookup = {
        hostToVirtual: (k: string, h: { name: string; namespace: string }) =>
          k === kind && h.name === host.name && h.namespace === host.namespace ? { name, namespace } : undefined,
        virtualToHost: () => undefined,
        kinds: () => [kind],
      };
      assert.deepEqual(namespacedMapper(ctx, POD, lookup).hostToVirtual(host), { name, namespace });
    }
  });

  it('label keys and label maps survive a round trip', () => {
    const next = random(7);
    for (const { ctx } of all.slice(0, 100)) {
      const labels: Record<string, string> = { release: 'r', 'vcluster.loft.sh/controlled-by': 'c' };
      for (let i = 0; i < 5; i++) labels[`${dnsName(next, 20)}/${dnsName(next, 20)}`] = dnsName(next, 30);
      for (const key of Object.keys(labels)) assert.equal(virtualLabel(ctx, hostLabel(ctx, key)), key);
      const plain = { ...labels };
      delete plain['vcluster.loft.sh/controlled-by'];
      const host = hostLabelsMap(ctx, plain, undefined, 'ns', true);
      assert.deepEqual(virtualLabelsMap(ctx, host, undefined), plain);
      const selector = {
        matchLabels: plain,
        matchExpressions: [{ key: 'release', operator: 'In', values: ['a'] }],
      };
      assert.deepEqual(virtualLabelSelector(ctx, hostLabelSelector(ctx, selector)), selector);
    }
  });

  it('virtual annotations survive a round trip; bookkeeping annotations never flow back', () => {
    for (const { ctx, name, namespace } of all.slice(0, 50)) {
      const annotations = { a: name, 'example.com/b': namespace };
      const host = hostMetadata(ctx, { gvk: POD, metadata: { name, namespace, uid: 'u', annotations } }, hostName(ctx, name, namespace));
      assert.deepEqual(virtualAnnotations(host.annotations, undefined), annotations);
    }
  });
});
