import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createMessage, gvk, SERVICE, updateMessage } from './testing.js';

const svc = (spec: Record<string, unknown>, name = 'svc') => ({ apiVersion: 'v1', kind: 'Service', metadata: { name, namespace: 'd', resourceVersion: '1' }, spec });
const S = (m: string): string => `Service "svc" is invalid: ${m}`;

describe('Service create', () => {
  const table: [string, Record<string, unknown>, string][] = [
    ['ClusterIP with a port', svc({ ports: [{ port: 80 }], selector: { app: 'web' } }), 'OK'],
    ['LoadBalancer', svc({ type: 'LoadBalancer', ports: [{ port: 80 }] }), 'OK'],
    ['NodePort in range', svc({ type: 'NodePort', ports: [{ port: 80, nodePort: 30080 }] }), 'OK'],
    ['headless without ports', svc({ clusterIP: 'None' }), 'OK'],
    ['ExternalName', svc({ type: 'ExternalName', externalName: 'example.com' }), 'OK'],
    ['ports required', svc({}), S('spec.ports: Required value')],
    ['names required with several ports', svc({ ports: [{ port: 80 }, { port: 81 }] }), S('[spec.ports[0].name: Required value, spec.ports[1].name: Required value]')],
    [
      'port 0, bad type',
      svc({ type: 'Foo', ports: [{ port: 0 }] }),
      S(
        '[spec.ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive, spec.ports[0].targetPort: Invalid value: 0: must be between 1 and 65535, inclusive, spec.type: Unsupported value: "Foo": supported values: "ClusterIP", "ExternalName", "LoadBalancer", "NodePort"]',
      ),
    ],
    [
      'nodePort out of range',
      svc({ type: 'NodePort', ports: [{ port: 80, nodePort: 80 }] }),
      S('spec.ports[0].nodePort: Invalid value: 80: provided port is not in the valid range. The range of valid ports is 30000-32767'),
    ],
    ['nodePort on ClusterIP', svc({ ports: [{ port: 80, nodePort: 30080 }] }), S("spec.ports[0].nodePort: Forbidden: may not be used when `type` is 'ClusterIP'")],
    ['externalName missing', svc({ type: 'ExternalName' }), S('spec.externalName: Required value')],
    ['ExternalName with clusterIP', svc({ type: 'ExternalName', externalName: 'example.com', clusterIP: '10.0.0.1' }), S('spec.clusterIPs: Forbidden: may not be set for ExternalName services')],
    [
      'duplicate port',
      svc({ ports: [{ name: 'a', port: 80 }, { name: 'b', port: 80 }] }),
      S('spec.ports[1]: Duplicate value: core.ServicePort{Name:"", Protocol:"TCP", AppProtocol:(*string)(nil), Port:80, TargetPort:intstr.IntOrString{Type:0, IntVal:0, StrVal:""}, NodePort:0}'),
    ],
    ['duplicate port name', svc({ ports: [{ name: 'a', port: 80 }, { name: 'a', port: 81 }] }), S('spec.ports[1].name: Duplicate value: "a"')],
    ['same port, other protocol', svc({ ports: [{ name: 'a', port: 53 }, { name: 'b', port: 53, protocol: 'UDP' }] }), 'OK'],
    [
      'named targetPort syntax',
      svc({ ports: [{ port: 80, targetPort: 'HTTP_x' }] }),
      S('spec.ports[0].targetPort: Invalid value: "HTTP_x": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)'),
    ],
    ['invalid clusterIP', svc({ ports: [{ port: 80 }], clusterIP: '10.0.0' }), S('spec.clusterIPs[0]: Invalid value: "10.0.0": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)')],
    ['sessionAffinity enum', svc({ ports: [{ port: 80 }], sessionAffinity: 'Foo' }), S('spec.sessionAffinity: Unsupported value: "Foo": supported values: "ClientIP", "None"')],
    [
      'externalTrafficPolicy on ClusterIP',
      svc({ ports: [{ port: 80 }], externalTrafficPolicy: 'Local' }),
      S('spec.externalTrafficPolicy: Invalid value: "Local": may only be set for externally-accessible services'),
    ],
    ['protocol enum', svc({ ports: [{ port: 80, protocol: 'ICMP' }] }), S('spec.ports[0].protocol: Unsupported value: "ICMP": supported values: "SCTP", "TCP", "UDP"')],
    [
      'ipFamilyPolicy enum',
      svc({ ports: [{ port: 80 }], ipFamilyPolicy: 'Foo' }),
      S('spec.ipFamilyPolicy: Unsupported value: "Foo": supported values: "PreferDualStack", "RequireDualStack", "SingleStack"'),
    ],
  ];
  for (const [name, obj, want] of table) it(name, () => { assert.equal(createMessage(SERVICE, obj), want); });

  it('names are DNS-1035 labels', () => {
    assert.equal(
      createMessage(SERVICE, svc({ ports: [{ port: 80 }] }, '1svc')),
      `Service "1svc" is invalid: metadata.name: Invalid value: "1svc": a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')`,
    );
  });
});

describe('Service update', () => {
  const old = svc({ ports: [{ port: 80 }], clusterIP: '10.0.0.1' });
  it('clusterIP is immutable', () => {
    assert.equal(updateMessage(SERVICE, svc({ ports: [{ port: 80 }], clusterIP: '10.0.0.2' }), old), S('spec.clusterIPs[0]: Invalid value: []string{"10.0.0.2"}: may not change once set'));
  });
  it('ports may change', () => { assert.equal(updateMessage(SERVICE, svc({ ports: [{ port: 81 }], clusterIP: '10.0.0.1' }), old), 'OK'); });
  it('omitting the clusterIP keeps it', () => { assert.equal(updateMessage(SERVICE, svc({ ports: [{ port: 81 }], clusterIP: '10.0.0.1' }), old), 'OK'); });
  it('switching to ExternalName drops the IPs', () => { assert.equal(updateMessage(SERVICE, svc({ type: 'ExternalName', externalName: 'a.com' }), old), 'OK'); });
});

describe('Endpoints', () => {
  const EP = gvk('', 'v1', 'Endpoints');
  const ep = (ip: string) => ({ metadata: { name: 'svc', namespace: 'd' }, subsets: [{ addresses: [{ ip }], ports: [{ port: 80 }] }] });
  it('accepts a pod IP', () => { assert.equal(createMessage(EP, ep('10.1.2.3')), 'OK'); });
  it('rejects a malformed IP twice, as kube does', () => {
    assert.equal(
      createMessage(EP, ep('x')),
      'Endpoints "svc" is invalid: [subsets[0].addresses[0].ip: Invalid value: "x": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff), subsets[0].addresses[0].ip: Invalid value: "x": must be a valid IP address]',
    );
  });
  it('rejects loopback', () => {
    assert.equal(createMessage(EP, ep('127.0.0.1')), 'Endpoints "svc" is invalid: subsets[0].addresses[0].ip: Invalid value: "127.0.0.1": may not be in the loopback range (127.0.0.0/8, ::1/128)');
  });
});
