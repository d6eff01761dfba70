import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { printTable } from './table.js';
import type { Cell, Json } from './types.js';

const now = new Date('2024-06-01T12:00:00Z');
const meta = (name: string): Json => ({ name, creationTimestamp: '2014-06-04T12:00:00Z' });

function cells(kind: string, o: Json): Cell[] {
  const r = printTable({ group: 'networking.k8s.io', kind }, [o], { now }).rows[0];
  assert.ok(r);
  return r.cells;
}

describe('networking.k8s.io', () => {
  const cases: { name: string; kind: string; obj: Json; want: Cell[] }[] = [
    {
      name: 'Ingress with a default backend and a load balancer',
      kind: 'Ingress',
      obj: {
        metadata: meta('test1'),
        spec: { ingressClassName: 'foo', defaultBackend: { service: { name: 'default-backend', port: { number: 80 } } } },
        status: { loadBalancer: { ingress: [{ ip: '2.3.4.5', hostname: 'localhost.localdomain' }] } },
      },
      want: ['test1', 'foo', '*', '2.3.4.5', '80', '10y'],
    },
    {
      name: 'Ingress with hosts and TLS',
      kind: 'Ingress',
      obj: {
        metadata: meta('web'),
        spec: { rules: [{ host: 'a.example.com' }, {}, { host: 'b.example.com' }], tls: [{ hosts: ['a.example.com'] }] },
      },
      want: ['web', '<none>', 'a.example.com,b.example.com', '', '80, 443', '10y'],
    },
    {
      name: 'Ingress with more than three hosts',
      kind: 'Ingress',
      obj: { metadata: meta('many'), spec: { rules: ['a', 'b', 'c', 'd', 'e'].map((h) => ({ host: `${h}.io` })) } },
      want: ['many', '<none>', 'a.io,b.io,c.io + 2 more...', '', '80', '10y'],
    },
    {
      name: 'IngressClass with parameters and API group',
      kind: 'IngressClass',
      obj: { metadata: meta('nginx'), spec: { controller: 'k8s.io/ingress-nginx', parameters: { apiGroup: 'example.com', kind: 'customgroup', name: 'example' } } },
      want: ['nginx', 'k8s.io/ingress-nginx', 'customgroup.example.com/example', '10y'],
    },
    {
      name: 'IngressClass without parameters',
      kind: 'IngressClass',
      obj: { metadata: meta('c2'), spec: { controller: 'example.com/controller2' } },
      want: ['c2', 'example.com/controller2', '<none>', '10y'],
    },
    {
      name: 'NetworkPolicy selecting every pod',
      kind: 'NetworkPolicy',
      obj: { metadata: meta('deny-all'), spec: { podSelector: {}, policyTypes: ['Ingress'] } },
      want: ['deny-all', '<none>', '10y'],
    },
    {
      name: 'NetworkPolicy with a pod selector',
      kind: 'NetworkPolicy',
      obj: { metadata: meta('allow'), spec: { podSelector: { matchLabels: { role: 'db' } } } },
      want: ['allow', 'role=db', '10y'],
    },
    {
      name: 'ServiceCIDR',
      kind: 'ServiceCIDR',
      obj: { metadata: meta('kubernetes'), spec: { cidrs: ['10.96.0.0/12', 'fd00:10:96::/112'] } },
      want: ['kubernetes', '10.96.0.0/12,fd00:10:96::/112', '10y'],
    },
    {
      name: 'IPAddress',
      kind: 'IPAddress',
      obj: { metadata: meta('192.168.2.2'), spec: { parentRef: { group: 'mygroup', resource: 'myresource', namespace: 'mynamespace', name: 'myname' } } },
      want: ['192.168.2.2', 'myresource.mygroup/mynamespace/myname', '10y'],
    },
  ];
  for (const c of cases) it(c.name, () => { assert.deepEqual(cells(c.kind, c.obj), c.want); });
});
