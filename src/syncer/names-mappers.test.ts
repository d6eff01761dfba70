import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ObjectMeta } from 'kubernetes-types/meta/v1.js';
import {
  clusterMapper,
  configMapMapper,
  mirrorMapper,
  namespacedMapper,
  persistentVolumeMapper,
  serviceMapper,
  translateBackByName,
} from './names-mappers.js';
import { hostMetadata } from './names-metadata.js';
import { hostNameShort, objectKindAnnotationValue, type MappingLookup, type NameContext, type NamespacedName } from './names-core.js';

const ctx: NameContext = { vclusterName: 'vc', hostNamespace: 'vcluster-vc' };
const SERVICE = { group: '', version: 'v1', kind: 'Service' } as const;
const ENDPOINTS = { group: '', version: 'v1', kind: 'Endpoints' } as const;
const SLICE = { group: 'discovery.k8s.io', version: 'v1', kind: 'EndpointSlice' } as const;
const SECRET = { group: '', version: 'v1', kind: 'Secret' } as const;
const CONFIGMAP = { group: '', version: 'v1', kind: 'ConfigMap' } as const;
const PRIORITY_CLASS = { group: 'scheduling.k8s.io', version: 'v1', kind: 'PriorityClass' } as const;
const NODE = { group: '', version: 'v1', kind: 'Node' } as const;

/** A mapping store with fixed content: kind → [virtual, host] pairs. */
function store(entries: Record<string, [NamespacedName, NamespacedName][]>): MappingLookup {
  const same = (a: NamespacedName, b: NamespacedName) => a.name === b.name && a.namespace === b.namespace;
  return {
    hostToVirtual: (kind, host) => entries[kind]?.find(([, h]) => same(h, host))?.[0],
    virtualToHost: (kind, virtual) => entries[kind]?.find(([v]) => same(v, virtual))?.[1],
    kinds: () => Object.keys(entries),
  };
}

function synced(gvk: { group: string; version: string; kind: string }, virtual: NamespacedName, host: NamespacedName): ObjectMeta {
  return hostMetadata(ctx, { gvk, metadata: { ...virtual, uid: 'u' } }, host);
}

describe('namespaced mapper', () => {
  const mapper = namespacedMapper(ctx, SECRET);
  it('translates and refuses empty names', () => {
    assert.deepEqual(mapper.virtualToHost({ name: 'db', namespace: 'team' }), { name: 'db-x-team-x-vc', namespace: 'vcluster-vc' });
    assert.equal(mapper.virtualToHost({ name: '', namespace: 'team' }), undefined);
  });
  it('ignores host objects outside TNS and objects without annotations or a mapping', () => {
    const host = { name: 'db-x-team-x-vc', namespace: 'other' };
    assert.equal(mapper.hostToVirtual(host, synced(SECRET, { name: 'db', namespace: 'team' }, host)), undefined);
    assert.equal(mapper.hostToVirtual({ name: 'db-x-team-x-vc', namespace: 'vcluster-vc' }), undefined);
  });
  it('a recorded mapping wins in both directions', () => {
    const kind = objectKindAnnotationValue(SECRET);
    const lookup = store({ [kind]: [[{ name: 'db', namespace: 'team' }, { name: 'custom', namespace: 'vcluster-vc' }]] });
    const recorded = namespacedMapper(ctx, SECRET, lookup);
    assert.deepEqual(recorded.virtualToHost({ name: 'db', namespace: 'team' }), { name: 'custom', namespace: 'vcluster-vc' });
    assert.deepEqual(recorded.hostToVirtual({ name: 'custom', namespace: 'vcluster-vc' }), { name: 'db', namespace: 'team' });
    assert.equal(recorded.isManaged({ name: 'custom', namespace: 'vcluster-vc' }), true);
  });
  it('isManaged checks the name against the translation', () => {
    const host = { name: 'db-x-team-x-vc', namespace: 'vcluster-vc' };
    assert.equal(mapper.isManaged(synced(SECRET, { name: 'db', namespace: 'team' }, host)), true);
    const renamed = { ...synced(SECRET, { name: 'db', namespace: 'team' }, host), name: 'other' };
    assert.equal(mapper.isManaged(renamed), false);
  });
});

describe('name heuristics (spec §1.6 step 4)', () => {
  const podKind = objectKindAnnotationValue({ group: '', version: 'v1', kind: 'Pod' });
  const short = hostNameShort(ctx, 'web', 'shop');
  it('the owning object was named with HostNameShort: put the virtual name back in its place', () => {
    const owner = { virtual: { name: 'web', namespace: 'shop' }, host: short };
    assert.deepEqual(translateBackByName(ctx, { name: `${short.name}-token`, namespace: 'vcluster-vc' }, undefined, owner), {
      name: 'web-token',
      namespace: 'shop',
    });
  });
  it('an owner named the long way does not count', () => {
    const owner = { virtual: { name: 'web', namespace: 'shop' }, host: { name: 'web-x-shop-x-vc', namespace: 'vcluster-vc' } };
    assert.equal(translateBackByName(ctx, { name: 'web-x-shop-x-vc-token', namespace: 'vcluster-vc' }, undefined, owner), undefined);
  });
  it('a known short name inside the host name is replaced', () => {
    const lookup = store({ [podKind]: [[{ name: 'web', namespace: 'shop' }, short]] });
    assert.deepEqual(translateBackByName(ctx, { name: `cfg-${short.name}`, namespace: 'vcluster-vc' }, lookup, undefined), {
      name: 'cfg-web',
      namespace: 'shop',
    });
  });
  it('a recorded host name that is the HostName of its virtual object', () => {
    const lookup = store({ [podKind]: [[{ name: 'web', namespace: 'shop' }, { name: 'web-x-shop-x-vc', namespace: 'vcluster-vc' }]] });
    assert.deepEqual(translateBackByName(ctx, { name: 'web-x-shop-x-vc', namespace: 'vcluster-vc' }, lookup, undefined), {
      name: 'web',
      namespace: 'shop',
    });
    const custom = store({ [podKind]: [[{ name: 'web', namespace: 'shop' }, { name: 'custom', namespace: 'vcluster-vc' }]] });
    assert.equal(translateBackByName(ctx, { name: 'custom', namespace: 'vcluster-vc' }, custom, undefined), undefined);
  });
});

describe('services, endpoints and endpoint slices: default/kubernetes', () => {
  const own = { name: 'vc', namespace: 'vcluster-vc' };
  for (const gvk of [SERVICE, ENDPOINTS, SLICE]) {
    const mapper = serviceMapper({ ...ctx, currentNamespace: 'vcluster-vc' }, gvk);
    it(`${gvk.kind}: default/kubernetes ↔ the vcluster's own Service`, () => {
      assert.deepEqual(mapper.virtualToHost({ name: 'kubernetes', namespace: 'default' }), own);
      assert.deepEqual(mapper.hostToVirtual(own), { name: 'kubernetes', namespace: 'default' });
      assert.deepEqual(mapper.virtualToHost({ name: 'kubernetes', namespace: 'other' }), { name: 'kubernetes-x-other-x-vc', namespace: 'vcluster-vc' });
    });
  }
  it('uses CNS, not TNS, for the own Service', () => {
    const mapper = serviceMapper({ vclusterName: 'vc', hostNamespace: 'target', currentNamespace: 'control' }, SERVICE);
    assert.deepEqual(mapper.virtualToHost({ name: 'kubernetes', namespace: 'default' }), { name: 'vc', namespace: 'control' });
    assert.equal(mapper.hostToVirtual({ name: 'vc', namespace: 'target' }), undefined);
  });
  it("never maps the host's own default/kubernetes back, even when TNS is default", () => {
    const inDefault = serviceMapper({ vclusterName: 'vc', hostNamespace: 'default' }, SERVICE);
    const host = { name: 'kubernetes', namespace: 'default' };
    const meta: ObjectMeta = { ...host, labels: { 'vcluster.loft.sh/managed-by': 'vc' }, annotations: { 'vcluster.loft.sh/object-name': 'kubernetes', 'vcluster.loft.sh/object-namespace': 'x' } };
    assert.equal(inDefault.hostToVirtual(host, meta), undefined);
  });
  it('other services map back through their annotations', () => {
    const mapper = serviceMapper(ctx, SERVICE);
    const host = { name: 'web-x-shop-x-vc', namespace: 'vcluster-vc' };
    assert.deepEqual(mapper.hostToVirtual(host, synced(SERVICE, { name: 'web', namespace: 'shop' }, host)), { name: 'web', namespace: 'shop' });
  });
});

describe('configmaps: kube-root-ca.crt', () => {
  const mapper = configMapMapper(ctx);
  it('the virtual kube-root-ca.crt is an ordinary name in single-namespace mode', () => {
    assert.deepEqual(mapper.virtualToHost({ name: 'kube-root-ca.crt', namespace: 'default' }), {
      name: 'kube-root-ca.crt-x-default-x-vc',
      namespace: 'vcluster-vc',
    });
  });
  it("the host's own kube-root-ca.crt is never mapped back", () => {
    const meta: ObjectMeta = { name: 'kube-root-ca.crt', namespace: 'vcluster-vc', annotations: { 'vcluster.loft.sh/object-name': 'kube-root-ca.crt', 'vcluster.loft.sh/object-namespace': 'default' } };
    assert.equal(mapper.hostToVirtual({ name: 'kube-root-ca.crt', namespace: 'vcluster-vc' }, meta), undefined);
  });
  it('the special host name maps back to kube-root-ca.crt', () => {
    const host = { name: 'vcluster-kube-root-ca.crt-x-vc', namespace: 'vcluster-vc' };
    const meta = synced(CONFIGMAP, { name: 'kube-root-ca.crt', namespace: 'team' }, host);
    assert.deepEqual(mapper.hostToVirtual(host, meta), { name: 'kube-root-ca.crt', namespace: 'team' });
  });
});

describe('cluster-scoped, persistent volume and mirror mappers', () => {
  it('PriorityClass synced to the host: vcluster-<name>-x-<TNS>-x-<VC>', () => {
    const mapper = clusterMapper(ctx, PRIORITY_CLASS);
    const host = mapper.virtualToHost({ name: 'high', namespace: '' });
    assert.deepEqual(host, { name: 'vcluster-high-x-vcluster-vc-x-vc', namespace: '' });
    assert.deepEqual(mapper.hostToVirtual(host, synced(PRIORITY_CLASS, { name: 'high', namespace: '' }, host)), { name: 'high', namespace: '' });
    assert.equal(mapper.isManaged(synced(PRIORITY_CLASS, { name: 'high', namespace: '' }, host)), true);
  });
  it('PersistentVolume: host-pv annotation, HostNameCluster, same name without an object, same name back', () => {
    const mapper = persistentVolumeMapper(ctx);
    assert.deepEqual(mapper.virtualToHost({ name: 'pv1', namespace: '' }), { name: 'pv1', namespace: '' });
    assert.deepEqual(mapper.virtualToHost({ name: 'pv1', namespace: '' }, { name: 'pv1' }), { name: 'vcluster-pv1-x-vcluster-vc-x-vc', namespace: '' });
    assert.deepEqual(mapper.virtualToHost({ name: 'pv1', namespace: '' }, { name: 'pv1', annotations: { 'vcluster.loft.sh/host-pv': 'real' } }), {
      name: 'real',
      namespace: '',
    });
    assert.deepEqual(mapper.hostToVirtual({ name: 'pvc-123', namespace: '' }), { name: 'pvc-123', namespace: '' });
  });
  it('Node mirror: same name; back by annotation, else the same name', () => {
    const mapper = mirrorMapper(ctx, NODE);
    assert.deepEqual(mapper.virtualToHost({ name: 'n1', namespace: '' }), { name: 'n1', namespace: '' });
    assert.deepEqual(mapper.hostToVirtual({ name: 'n1', namespace: '' }), { name: 'n1', namespace: '' });
    assert.deepEqual(mapper.hostToVirtual({ name: 'n1', namespace: '' }, { annotations: { 'vcluster.loft.sh/object-name': 'v1' } }), { name: 'v1', namespace: '' });
    assert.equal(mapper.isManaged({ name: 'anything' }), true);
  });
});
