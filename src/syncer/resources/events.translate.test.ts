import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Event } from 'kubernetes-types/core/v1.js';
import type { NameContext } from '../names.js';
import { hostInvolvedName, involvedKindOf, isForceSynced, toVirtualEvent, translateEventMessage, virtualEventName } from './events.translate.js';

const names: NameContext = { vclusterName: 'vc', hostNamespace: 'vcluster-vc' };

const hostEvent = (kind: string, apiVersion = 'v1'): Event => ({
  metadata: { name: 'nginx-x-default-x-vc.17a3b2c1d0e9f8a7', namespace: 'vcluster-vc', uid: 'hu', resourceVersion: '9', labels: { a: 'b' } },
  involvedObject: { apiVersion, kind, name: 'nginx-x-default-x-vc', namespace: 'vcluster-vc', uid: 'host-uid', fieldPath: 'spec.containers{nginx}' },
  reason: 'Pulled',
  message: 'Pulled image for vcluster-vc/nginx-x-default-x-vc (nginx-x-default-x-vc)',
  type: 'Normal',
  count: 3,
  source: { component: 'kubelet', host: 'node-1' },
  related: { kind: 'Node', name: 'node-1' },
});

describe('involvedKindOf', () => {
  const cases: readonly { kind: string; apiVersion?: string; expect: string | undefined }[] = [
    { kind: 'Pod', expect: 'Pod' },
    { kind: 'Service', expect: 'Service' },
    { kind: 'Secret', expect: 'Secret' },
    { kind: 'ConfigMap', expect: 'ConfigMap' },
    { kind: 'Endpoint', expect: 'Endpoint' },
    { kind: 'Endpoints', expect: undefined },
    { kind: 'Deployment', apiVersion: 'apps/v1', expect: undefined },
    { kind: 'Pod', apiVersion: 'example.com/v1', expect: undefined },
  ];
  for (const c of cases) it(`${c.apiVersion ?? 'v1'} ${c.kind}`, () => { assert.equal(involvedKindOf(hostEvent(c.kind, c.apiVersion)), c.expect); });
});

describe('event names and messages', () => {
  it('maps the event name back (the spec vector)', () => {
    const event = hostEvent('Pod');
    assert.deepEqual(virtualEventName(event, hostInvolvedName(event), { name: 'nginx', namespace: 'default' }), { name: 'nginx.17a3b2c1d0e9f8a7', namespace: 'default' });
  });
  const cases: readonly { message: string; expect: string }[] = [
    { message: 'Pulled image for vcluster-vc/nginx-x-default-x-vc (nginx-x-default-x-vc)', expect: 'Pulled image for default/nginx (nginx)' },
    { message: 'nothing to replace', expect: 'nothing to replace' },
    { message: 'regex chars nginx-x-default-x-vc.* stay literal', expect: 'regex chars nginx.* stay literal' },
  ];
  for (const c of cases) {
    it(c.message, () => {
      assert.equal(translateEventMessage(c.message, { name: 'nginx-x-default-x-vc', namespace: 'vcluster-vc' }, { name: 'nginx', namespace: 'default' }), c.expect);
    });
  }
});

describe('toVirtualEvent', () => {
  it('copies the event about the virtual object', () => {
    const event = hostEvent('Pod');
    const out = toVirtualEvent(names, event, { name: 'nginx.17a3b2c1d0e9f8a7', namespace: 'default' }, { host: hostInvolvedName(event), virtual: { name: 'nginx', namespace: 'default', uid: 'vu', resourceVersion: '4' } });
    assert.deepEqual(out, {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name: 'nginx.17a3b2c1d0e9f8a7', namespace: 'default', labels: { a: 'b' } },
      involvedObject: { apiVersion: 'v1', kind: 'Pod', name: 'nginx', namespace: 'default', uid: 'vu', resourceVersion: '4', fieldPath: 'spec.containers{nginx}' },
      reason: 'Pulled',
      message: 'Pulled image for default/nginx (nginx)',
      type: 'Normal',
      count: 3,
      source: { component: 'kubelet', host: 'node-1' },
    });
  });

  it('keeps the identity of an existing virtual event', () => {
    const event = hostEvent('Pod');
    const current: Event = { metadata: { name: 'nginx.1', namespace: 'default', uid: 'ev', resourceVersion: '12' }, involvedObject: {} };
    const out = toVirtualEvent(names, event, { name: 'nginx.1', namespace: 'default' }, { host: hostInvolvedName(event), virtual: { name: 'nginx', namespace: 'default' } }, current);
    assert.equal(out.metadata.uid, 'ev');
    assert.equal(out.metadata.resourceVersion, '12');
  });

  it('a force-synced event keeps only the namespace of its involved object and loses the annotation', () => {
    const event: Event = { ...hostEvent('Deployment', 'apps/v1'), metadata: { name: 'x.1', namespace: 'vcluster-vc', annotations: { 'vcluster.loft.sh/force-sync': 'true' } } };
    assert.ok(isForceSynced(event));
    const out = toVirtualEvent(names, event, { name: 'x.1', namespace: 'default' }, { forcedNamespace: 'default' });
    assert.deepEqual(out.involvedObject, { namespace: 'default' });
    assert.equal(out.metadata.annotations, undefined);
    assert.equal(out.message, event.message);
  });
});
