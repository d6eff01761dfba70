import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Endpoints, Service } from 'kubernetes-types/core/v1.js';
import type { NameContext } from '../names.js';
import { endpointsOwner, syncEndpoints, toHostEndpoints, translateSubsets, writtenByVcluster } from './endpoints.translate.js';

const names: NameContext = { vclusterName: 'vc', hostNamespace: 'vcluster-vc' };

describe('endpointsOwner', () => {
  const cases: readonly { name: string; service: Service | undefined; expect: string }[] = [
    { name: 'no service', service: undefined, expect: 'nobody' },
    { name: 'selector', service: { spec: { selector: { app: 'x' } } }, expect: 'host' },
    { name: 'no selector', service: { spec: {} }, expect: 'vcluster' },
    { name: 'empty selector', service: { spec: { selector: {} } }, expect: 'vcluster' },
  ];
  for (const c of cases) it(c.name, () => { assert.equal(endpointsOwner(c.service), c.expect); });
});

describe('translateSubsets', () => {
  it('points pod target references at host pods and clears their uid and resourceVersion', () => {
    assert.deepEqual(
      translateSubsets(
        names,
        [
          {
            addresses: [{ ip: '10.1.0.1', targetRef: { kind: 'Pod', name: 'web-1', namespace: 'shop', uid: 'u', resourceVersion: '7' } }, { ip: '192.0.2.1' }],
            notReadyAddresses: [{ ip: '10.1.0.2', targetRef: { kind: 'Pod', name: 'web-2' } }],
            ports: [{ port: 80 }],
          },
        ],
        'shop',
      ),
      [
        {
          addresses: [{ ip: '10.1.0.1', targetRef: { kind: 'Pod', name: 'web-1-x-shop-x-vc', namespace: 'vcluster-vc' } }, { ip: '192.0.2.1' }],
          notReadyAddresses: [{ ip: '10.1.0.2', targetRef: { kind: 'Pod', name: 'web-2-x-shop-x-vc', namespace: 'vcluster-vc' } }],
          ports: [{ port: 80 }],
        },
      ],
    );
  });
  it('leaves other target kinds alone', () => {
    const subsets = [{ addresses: [{ ip: '1.1.1.1', targetRef: { kind: 'Node', name: 'n' } }] }];
    assert.deepEqual(translateSubsets(names, subsets, 'shop'), subsets);
  });
});

describe('toHostEndpoints / syncEndpoints', () => {
  const virtual: Endpoints = {
    metadata: { name: 'db', namespace: 'shop', uid: 'u', annotations: { 'control-plane.alpha.kubernetes.io/leader': 'x', note: 'n' } },
    subsets: [{ addresses: [{ ip: '192.0.2.1' }], ports: [{ port: 5432 }] }],
  };
  const host = toHostEndpoints(names, virtual, { name: 'db-x-shop-x-vc', namespace: 'vcluster-vc' });

  it('copies with metadata translated and the leader annotation dropped', () => {
    assert.equal(host.metadata?.name, 'db-x-shop-x-vc');
    assert.equal(host.metadata.annotations?.['control-plane.alpha.kubernetes.io/leader'], undefined);
    assert.equal(host.metadata.annotations?.note, 'n');
    assert.ok(writtenByVcluster(host));
    assert.equal(writtenByVcluster({ metadata: {} }), false);
  });

  it('syncs subsets one way: the host is overwritten', () => {
    const drifted: Endpoints = { ...host, subsets: [{ addresses: [{ ip: '198.51.100.1' }] }] };
    const changed: Endpoints = { ...virtual, subsets: [{ addresses: [{ ip: '192.0.2.9' }], ports: [{ port: 5432 }] }] };
    const out = syncEndpoints(names, { virtualOld: virtual, virtual: changed, hostOld: host, host: drifted });
    assert.deepEqual(out.host.subsets, changed.subsets);
    assert.deepEqual(out.virtual.subsets, changed.subsets);
  });
});
