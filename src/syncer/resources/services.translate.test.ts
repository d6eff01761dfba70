import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Service } from 'kubernetes-types/core/v1.js';
import type { NameContext } from '../names.js';
import { importService, syncService, toHostService, toHostServiceWithVirtualIp, virtualStatus, type ServiceSyncPlan } from './services.translate.js';

const names: NameContext = { vclusterName: 'vc', hostNamespace: 'vcluster-vc' };
const HOST = { name: 'web-x-ns-x-vc', namespace: 'vcluster-vc' };
const MARKERS = { 'vcluster.loft.sh/managed-by': 'vc', 'vcluster.loft.sh/namespace': 'ns' };

const service = (spec: Service['spec'], extra: Partial<Service> = {}): Service => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name: 'web', namespace: 'ns', uid: 'vu', resourceVersion: '3' },
  spec,
  ...extra,
});

describe('toHostService', () => {
  const cases: readonly { name: string; virtual: Service['spec']; expect: Service['spec'] }[] = [
    {
      name: 'ClusterIP: selector gets the vcluster markers, IPs are the host’s to allocate',
      virtual: { type: 'ClusterIP', selector: { app: 'web', release: 'r' }, clusterIP: '10.96.0.10', clusterIPs: ['10.96.0.10'], ipFamilies: ['IPv4'], ipFamilyPolicy: 'SingleStack', ports: [{ port: 80, targetPort: 8080, protocol: 'TCP' }] },
      expect: { type: 'ClusterIP', selector: { app: 'web', 'vcluster.loft.sh/label-vc-x-a4d451ec23': 'r', ...MARKERS }, ports: [{ port: 80, targetPort: 8080, protocol: 'TCP' }] },
    },
    {
      name: 'headless keeps clusterIP None',
      virtual: { clusterIP: 'None', clusterIPs: ['None'], selector: { app: 'db' } },
      expect: { clusterIP: 'None', selector: { app: 'db', ...MARKERS } },
    },
    {
      name: 'NodePort: node ports are left to the host',
      virtual: { type: 'NodePort', selector: { app: 'web' }, ports: [{ port: 80, nodePort: 30080 }], healthCheckNodePort: 31000 },
      expect: { type: 'NodePort', selector: { app: 'web', ...MARKERS }, ports: [{ port: 80 }] },
    },
    {
      name: 'ExternalName has no selector',
      virtual: { type: 'ExternalName', externalName: 'example.com' },
      expect: { type: 'ExternalName', externalName: 'example.com' },
    },
    {
      name: 'no selector stays without one',
      virtual: { ports: [{ port: 5432 }] },
      expect: { ports: [{ port: 5432 }] },
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const host = toHostService(names, service(c.virtual), HOST, { apiVersion: 'v1', kind: 'Service', name: 'vc', uid: 'o' });
      assert.deepEqual(host.spec, c.expect);
      assert.equal(host.metadata?.name, HOST.name);
      assert.equal(host.metadata.namespace, HOST.namespace);
      assert.equal(host.metadata.ownerReferences?.[0]?.uid, 'o');
      assert.equal(host.status, undefined);
    });
  }
  it('never copies the Rancher endpoints annotation', () => {
    const host = toHostService(names, service({}, { metadata: { name: 'web', namespace: 'ns', annotations: { 'field.cattle.io/publicEndpoints': 'x', keep: 'y' } } }), HOST);
    assert.equal(host.metadata?.annotations?.['field.cattle.io/publicEndpoints'], undefined);
    assert.equal(host.metadata?.annotations?.keep, 'y');
  });
});

function hostCopy(virtual: Service, spec: Partial<NonNullable<Service['spec']>> = {}, status?: Service['status']): Service {
  const host = toHostService(names, virtual, HOST);
  return { ...host, metadata: { ...host.metadata, uid: 'hu', resourceVersion: '9' }, spec: { ...host.spec, clusterIP: '10.96.5.5', clusterIPs: ['10.96.5.5'], ...spec }, ...(status === undefined ? {} : { status }) };
}

function updated(plan: ServiceSyncPlan): { virtual: Service; host: Service } {
  assert.equal(plan.kind, 'update');
  return plan;
}

describe('syncService', () => {
  const virtual = service({ type: 'ClusterIP', clusterIP: '10.96.5.5', clusterIPs: ['10.96.5.5'], selector: { app: 'web' }, ports: [{ name: 'http', port: 80, protocol: 'TCP', targetPort: 80 }] });

  it('re-creates the virtual Service with the host cluster IP', () => {
    const mismatched = service({ ...virtual.spec, clusterIP: '10.96.0.99', clusterIPs: ['10.96.0.99'] });
    const plan = syncService(names, { virtual: mismatched, host: hostCopy(mismatched) }, HOST);
    assert.equal(plan.kind, 'recreate-virtual');
    assert.equal(plan.object.spec?.clusterIP, '10.96.5.5');
    assert.deepEqual(plan.object.spec.clusterIPs, ['10.96.5.5']);
    assert.equal(plan.object.metadata?.uid, undefined);
    assert.equal(plan.object.metadata?.resourceVersion, undefined);
    assert.equal(plan.fallback.spec?.clusterIP, '10.96.0.99');
  });

  it('re-creates the host Service when switching to ExternalName', () => {
    const external = service({ type: 'ExternalName', externalName: 'example.com' });
    const plan = syncService(names, { virtual: external, host: hostCopy(virtual) }, HOST);
    assert.equal(plan.kind, 'recreate-host');
  });

  it('changes nothing when both are in step', () => {
    const host = hostCopy(virtual);
    const out = updated(syncService(names, { virtualOld: virtual, virtual, hostOld: host, host }, HOST));
    assert.deepEqual(out.host.spec, host.spec);
    assert.deepEqual(out.virtual.spec, virtual.spec);
  });

  it('copies virtual port and type changes to the host, keeping its node ports', () => {
    const host = hostCopy(virtual, { type: 'NodePort', ports: [{ name: 'http', port: 80, protocol: 'TCP', targetPort: 80, nodePort: 31111 }] });
    const vNodePort = service({ ...virtual.spec, type: 'NodePort', ports: [{ name: 'http', port: 80, protocol: 'TCP', targetPort: 80, nodePort: 30000 }] });
    const changed = service({ ...vNodePort.spec, ports: [{ name: 'http', port: 80, protocol: 'TCP', targetPort: 8080, nodePort: 30000 }] });
    const out = updated(syncService(names, { virtualOld: vNodePort, virtual: changed, hostOld: host, host }, HOST));
    assert.deepEqual(out.host.spec?.ports, [{ name: 'http', port: 80, protocol: 'TCP', targetPort: 8080, nodePort: 31111 }]);
    assert.deepEqual(out.virtual.spec?.ports, [{ name: 'http', port: 80, protocol: 'TCP', targetPort: 8080, nodePort: 30000 }]);
  });

  it('drops host node ports when the type goes back to ClusterIP', () => {
    const nodePort = service({ ...virtual.spec, type: 'NodePort' });
    const host = hostCopy(nodePort, { ports: [{ name: 'http', port: 80, protocol: 'TCP', targetPort: 80, nodePort: 31111 }] });
    const out = updated(syncService(names, { virtualOld: nodePort, virtual, hostOld: host, host }, HOST));
    assert.equal(out.host.spec?.type, 'ClusterIP');
    assert.deepEqual(out.host.spec.ports, [{ name: 'http', port: 80, protocol: 'TCP', targetPort: 80 }]);
  });

  it('copies a host-side change of a both-ways field back', () => {
    const host = hostCopy(virtual);
    const changedHost = { ...host, spec: { ...host.spec, sessionAffinity: 'ClientIP' } };
    const out = updated(syncService(names, { virtualOld: virtual, virtual, hostOld: host, host: changedHost }, HOST));
    assert.equal(out.virtual.spec?.sessionAffinity, 'ClientIP');
  });

  const selectorCases: readonly { name: string; vOld: Record<string, string>; v: Record<string, string>; hOld: Record<string, string>; h: Record<string, string>; expectVirtual: Record<string, string>; expectHost: Record<string, string> }[] = [
    { name: 'virtual selector change wins', vOld: { app: 'web' }, v: { app: 'api' }, hOld: { app: 'web', ...MARKERS }, h: { app: 'web', ...MARKERS }, expectVirtual: { app: 'api' }, expectHost: { app: 'api', ...MARKERS } },
    { name: 'unchanged host selector is recomputed', vOld: { app: 'web' }, v: { app: 'web' }, hOld: { app: 'web', ...MARKERS }, h: { app: 'web', ...MARKERS }, expectVirtual: { app: 'web' }, expectHost: { app: 'web', ...MARKERS } },
    { name: 'host-only selector change comes back', vOld: { app: 'web' }, v: { app: 'web' }, hOld: { app: 'web', ...MARKERS }, h: { app: 'other', ...MARKERS }, expectVirtual: { app: 'other' }, expectHost: { app: 'other', ...MARKERS } },
  ];
  for (const c of selectorCases) {
    it(`selector: ${c.name}`, () => {
      const vOld = service({ ...virtual.spec, selector: c.vOld });
      const v = service({ ...virtual.spec, selector: c.v });
      const hOld = hostCopy(vOld, { selector: c.hOld });
      const h = hostCopy(vOld, { selector: c.h });
      const out = updated(syncService(names, { virtualOld: vOld, virtual: v, hostOld: hOld, host: h }, HOST));
      assert.deepEqual(out.virtual.spec?.selector, c.expectVirtual);
      assert.deepEqual(out.host.spec?.selector, c.expectHost);
    });
  }

  it('shows the host load-balancer status in the virtual cluster', () => {
    const lb = service({ ...virtual.spec, type: 'LoadBalancer' });
    const host = hostCopy(lb, {}, { loadBalancer: { ingress: [{ ip: '203.0.113.1' }] } });
    const out = updated(syncService(names, { virtualOld: lb, virtual: lb, hostOld: host, host }, HOST));
    assert.deepEqual(out.virtual.status, { loadBalancer: { ingress: [{ ip: '203.0.113.1' }] } });
  });
});

describe('virtualStatus', () => {
  it('has no load-balancer ingress for other types', () => {
    assert.deepEqual(virtualStatus(service({ type: 'ClusterIP' }, { status: { loadBalancer: { ingress: [{ ip: '1.2.3.4' }] } } })), { loadBalancer: {} });
  });
});

describe('importService', () => {
  it('makes a virtual Service from an old host copy: selector back, IPs left to the virtual cluster', () => {
    const host: Service = {
      metadata: { name: 'web-x-ns-x-vc', namespace: 'vcluster-vc', annotations: { 'vcluster.loft.sh/object-name': 'web' } },
      spec: { selector: { app: 'web', ...MARKERS }, clusterIP: '10.96.5.5', clusterIPs: ['10.96.5.5'], ipFamilies: ['IPv4'], ports: [{ port: 80, nodePort: 30001 }] },
    };
    assert.deepEqual(importService(names, host, { name: 'web', namespace: 'ns' }).spec, { selector: { app: 'web' }, ports: [{ port: 80 }] });
  });
});

describe('toHostServiceWithVirtualIp', () => {
  const cases: readonly { name: string; spec: Service['spec']; expect: string | undefined }[] = [
    { name: 'asks for the virtual cluster IP', spec: { clusterIP: '10.96.3.3', clusterIPs: ['10.96.3.3'] }, expect: '10.96.3.3' },
    { name: 'headless: nothing to ask for', spec: { clusterIP: 'None' }, expect: undefined },
    { name: 'no IP yet', spec: {}, expect: undefined },
    { name: 'ExternalName', spec: { type: 'ExternalName', externalName: 'x' }, expect: undefined },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const virtual = service(c.spec);
      const out = toHostServiceWithVirtualIp(toHostService(names, virtual, HOST), virtual);
      assert.equal(out?.spec?.clusterIP, c.expect);
      assert.equal(out?.spec?.clusterIPs, undefined);
    });
  }
});
