import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Pod, Secret } from 'kubernetes-types/core/v1.js';
import type { NameContext } from '../names.js';
import {
  isTokenSecret,
  podServiceAccountName,
  tokenRequestBody,
  tokenRequestPlans,
  tokenSecret,
  tokenSecretHostName,
  tokenSecretOwners,
  TOKEN_EXPIRATION_SECONDS,
} from './pods-tokens.translate.js';

const ctx: NameContext = { vclusterName: 'vc', hostNamespace: 'host-ns' };

describe('token request plans', () => {
  const pod: Pod = {
    metadata: { name: 'p', namespace: 'ns', uid: 'pod-uid' },
    spec: {
      serviceAccountName: 'builder',
      containers: [],
      volumes: [
        { name: 'kube-api-access-1', projected: { sources: [{ serviceAccountToken: { path: 'token' } }, { configMap: { name: 'x' } }] } },
        { name: 'vault', projected: { sources: [{ configMap: { name: 'y' } }, { serviceAccountToken: { path: 't', audience: 'vault' } }] } },
        { name: 'plain', secret: { secretName: 's' } },
      ],
    },
  };
  it('one plan per projected token source, default audiences of the virtual API server', () => {
    assert.deepEqual(tokenRequestPlans(pod, 'cluster.local'), [
      {
        volumeName: 'kube-api-access-1',
        sourceIndex: 0,
        serviceAccountName: 'builder',
        audiences: ['https://kubernetes.default.svc.cluster.local', 'https://kubernetes.default.svc', 'https://kubernetes.default'],
        expirationSeconds: TOKEN_EXPIRATION_SECONDS,
      },
      { volumeName: 'vault', sourceIndex: 1, serviceAccountName: 'builder', audiences: ['vault'], expirationSeconds: TOKEN_EXPIRATION_SECONDS },
    ]);
  });
  it('the request is bound to the virtual pod', () => {
    const [plan] = tokenRequestPlans(pod, 'cluster.local');
    assert.deepEqual(tokenRequestBody(plan!, pod), {
      apiVersion: 'authentication.k8s.io/v1',
      kind: 'TokenRequest',
      spec: {
        audiences: plan!.audiences,
        expirationSeconds: 315360000,
        boundObjectRef: { apiVersion: 'v1', kind: 'Pod', name: 'p', uid: 'pod-uid' },
      },
    });
  });
  const accounts: [Pod['spec'], string][] = [
    [{ containers: [], serviceAccountName: 'a', serviceAccount: 'b' }, 'a'],
    [{ containers: [], serviceAccount: 'b' }, 'b'],
    [{ containers: [] }, 'default'],
  ];
  for (const [spec, expected] of accounts) {
    it(`service account ${expected}`, () => {
      assert.equal(podServiceAccountName({ spec }), expected);
    });
  }
});

describe('token Secret', () => {
  const name = tokenSecretHostName(ctx, 'web-0', 'team');
  it('is the host name of <pod>-sa-token', () => {
    assert.deepEqual(name, { name: 'web-0-sa-token-x-team-x-vc', namespace: 'host-ns' });
  });
  const owner = { apiVersion: 'v1', kind: 'Service', name: 'vc', uid: 'svc-uid' };
  const secret = tokenSecret(name, { 'kube-api-access-1': 'tok' }, owner);
  it('holds the tokens, marked as not to be synced back, owned by the vcluster Service', () => {
    assert.deepEqual(secret, {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 'web-0-sa-token-x-team-x-vc', namespace: 'host-ns', annotations: { 'vcluster.loft.sh/skip-backsync': 'true' }, ownerReferences: [owner] },
      type: 'Opaque',
      data: { 'kube-api-access-1': Buffer.from('tok').toString('base64') },
    });
  });
  const hostPod: Pod = { metadata: { name: 'web-0-x-team-x-vc', uid: 'host-pod-uid' } };
  const podOwner = { apiVersion: 'v1', kind: 'Pod', name: 'web-0-x-team-x-vc', uid: 'host-pod-uid' };
  const owners: { name: string; current: Secret['metadata']; serviceUid: string | undefined; expected: unknown }[] = [
    { name: 'the Service owner is replaced by the pod', current: { ownerReferences: [owner] }, serviceUid: 'svc-uid', expected: [podOwner] },
    { name: 'without an owner the pod is added', current: {}, serviceUid: undefined, expected: [podOwner] },
    { name: 'already owned by the pod: nothing to do', current: { ownerReferences: [podOwner] }, serviceUid: 'svc-uid', expected: undefined },
  ];
  for (const c of owners) {
    it(c.name, () => {
      assert.deepEqual(tokenSecretOwners(c.current?.ownerReferences, hostPod, c.serviceUid), c.expected);
    });
  }
  const recognised: { name: string; secret: Secret; serviceUid: string | undefined; expected: boolean }[] = [
    { name: 'ours, owned by the Service', secret, serviceUid: 'svc-uid', expected: true },
    { name: 'ours, owned by the pod', secret: { ...secret, metadata: { ...secret.metadata, ownerReferences: [podOwner] } }, serviceUid: 'svc-uid', expected: true },
    { name: 'a user Secret with the same name', secret: { metadata: { name: name.name } }, serviceUid: 'svc-uid', expected: false },
    { name: 'marked but owned by something else', secret: { ...secret, metadata: { ...secret.metadata, ownerReferences: [{ ...owner, uid: 'other' }] } }, serviceUid: 'svc-uid', expected: false },
    { name: 'marked, no owner, no Service owner configured', secret: { ...secret, metadata: { ...secret.metadata, ownerReferences: [] } }, serviceUid: undefined, expected: true },
    { name: 'another type', secret: { ...secret, type: 'kubernetes.io/tls' }, serviceUid: 'svc-uid', expected: false },
  ];
  for (const c of recognised) {
    it(`isTokenSecret: ${c.name}`, () => {
      assert.equal(isTokenSecret(c.secret, c.serviceUid), c.expected);
    });
  }
});
