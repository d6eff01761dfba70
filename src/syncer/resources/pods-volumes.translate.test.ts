import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Pod, Volume } from 'kubernetes-types/core/v1.js';
import type { NameContext } from '../names.js';
import { translateVolumes } from './pods-volumes.translate.js';

const ctx: NameContext = { vclusterName: 'vc', hostNamespace: 'host-ns' };

function podWith(volumes: Volume[]): Pod {
  return { metadata: { name: 'p', namespace: 'ns' }, spec: { containers: [], volumes } };
}

describe('translateVolumes: references to namespaced objects', () => {
  const cases: { name: string; volume: Volume; expected: Volume }[] = [
    { name: 'configMap', volume: { name: 'v', configMap: { name: 'cm', defaultMode: 420 } }, expected: { name: 'v', configMap: { name: 'cm-x-ns-x-vc', defaultMode: 420 } } },
    { name: 'secret', volume: { name: 'v', secret: { secretName: 's' } }, expected: { name: 'v', secret: { secretName: 's-x-ns-x-vc' } } },
    { name: 'persistentVolumeClaim', volume: { name: 'v', persistentVolumeClaim: { claimName: 'data', readOnly: true } }, expected: { name: 'v', persistentVolumeClaim: { claimName: 'data-x-ns-x-vc', readOnly: true } } },
    { name: 'ephemeral', volume: { name: 'scratch', ephemeral: { volumeClaimTemplate: { spec: {} } } }, expected: { name: 'scratch', persistentVolumeClaim: { claimName: 'p-scratch-x-ns-x-vc' } } },
    {
      name: 'downwardAPI',
      volume: { name: 'v', downwardAPI: { items: [{ path: 'labels', fieldRef: { fieldPath: 'metadata.labels' } }, { path: 'cpu', resourceFieldRef: { resource: 'limits.cpu', containerName: 'c' } }] } },
      expected: {
        name: 'v',
        downwardAPI: { items: [{ path: 'labels', fieldRef: { fieldPath: "metadata.annotations['vcluster.loft.sh/labels']" } }, { path: 'cpu', resourceFieldRef: { resource: 'limits.cpu', containerName: 'c' } }] },
      },
    },
    {
      name: 'projected secret, configMap and downwardAPI',
      volume: { name: 'v', projected: { sources: [{ secret: { name: 's' } }, { configMap: { name: 'c', optional: true } }, { downwardAPI: { items: [{ path: 'n', fieldRef: { fieldPath: 'metadata.name' } }] } }] } },
      expected: {
        name: 'v',
        projected: {
          sources: [
            { secret: { name: 's-x-ns-x-vc' } },
            { configMap: { name: 'c-x-ns-x-vc', optional: true } },
            { downwardAPI: { items: [{ path: 'n', fieldRef: { fieldPath: "metadata.annotations['vcluster.loft.sh/name']" } }] } },
          ],
        },
      },
    },
    { name: 'csi node publish secret', volume: { name: 'v', csi: { driver: 'd', nodePublishSecretRef: { name: 's' } } }, expected: { name: 'v', csi: { driver: 'd', nodePublishSecretRef: { name: 's-x-ns-x-vc' } } } },
    { name: 'iscsi secret', volume: { name: 'v', iscsi: { iqn: 'i', lun: 0, targetPortal: 't', secretRef: { name: 's' } } }, expected: { name: 'v', iscsi: { iqn: 'i', lun: 0, targetPortal: 't', secretRef: { name: 's-x-ns-x-vc' } } } },
    { name: 'rbd secret', volume: { name: 'v', rbd: { image: 'i', monitors: [], secretRef: { name: 's' } } }, expected: { name: 'v', rbd: { image: 'i', monitors: [], secretRef: { name: 's-x-ns-x-vc' } } } },
    { name: 'flexVolume secret', volume: { name: 'v', flexVolume: { driver: 'd', secretRef: { name: 's' } } }, expected: { name: 'v', flexVolume: { driver: 'd', secretRef: { name: 's-x-ns-x-vc' } } } },
    { name: 'cinder secret', volume: { name: 'v', cinder: { volumeID: 'x', secretRef: { name: 's' } } }, expected: { name: 'v', cinder: { volumeID: 'x', secretRef: { name: 's-x-ns-x-vc' } } } },
    { name: 'cephfs secret', volume: { name: 'v', cephfs: { monitors: [], secretRef: { name: 's' } } }, expected: { name: 'v', cephfs: { monitors: [], secretRef: { name: 's-x-ns-x-vc' } } } },
    { name: 'azureFile secret', volume: { name: 'v', azureFile: { secretName: 's', shareName: 'x' } }, expected: { name: 'v', azureFile: { secretName: 's-x-ns-x-vc', shareName: 'x' } } },
    { name: 'scaleIO secret', volume: { name: 'v', scaleIO: { gateway: 'g', system: 's', secretRef: { name: 's' } } }, expected: { name: 'v', scaleIO: { gateway: 'g', system: 's', secretRef: { name: 's-x-ns-x-vc' } } } },
    { name: 'storageos secret', volume: { name: 'v', storageos: { secretRef: { name: 's' } } }, expected: { name: 'v', storageos: { secretRef: { name: 's-x-ns-x-vc' } } } },
    { name: 'glusterfs endpoints', volume: { name: 'v', glusterfs: { endpoints: 'ep', path: '/x' } }, expected: { name: 'v', glusterfs: { endpoints: 'ep-x-ns-x-vc', path: '/x' } } },
    { name: 'emptyDir untouched', volume: { name: 'v', emptyDir: { medium: 'Memory' } }, expected: { name: 'v', emptyDir: { medium: 'Memory' } } },
    { name: 'hostPath untouched', volume: { name: 'v', hostPath: { path: '/data' } }, expected: { name: 'v', hostPath: { path: '/data' } } },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const out = translateVolumes(ctx, podWith([c.volume]), { useSecrets: true, tokens: [] });
      assert.deepEqual(out.volumes, [c.expected]);
    });
  }
});

describe('translateVolumes: service-account tokens', () => {
  const pod = podWith([
    { name: 'kube-api-access-x', projected: { sources: [{ serviceAccountToken: { path: 'token', expirationSeconds: 3607 } }, { configMap: { name: 'kube-root-ca.crt' } }] } },
    { name: 'other', projected: { sources: [{ serviceAccountToken: { path: 'a', audience: 'vault' } }, { serviceAccountToken: { path: 'b' } }] } },
  ]);
  const tokens = [
    { volumeName: 'kube-api-access-x', sourceIndex: 0, token: 't0', annotationSuffix: 'aaaaaaaa' },
    { volumeName: 'other', sourceIndex: 0, token: 't1', annotationSuffix: 'bbbbbbbb' },
    { volumeName: 'other', sourceIndex: 1, token: 't2', annotationSuffix: 'cccccccc' },
  ];
  it('Secret mode: one Secret, one key per projected token', () => {
    const out = translateVolumes(ctx, pod, { useSecrets: true, tokens });
    assert.deepEqual(out.tokenSecretData, { 'kube-api-access-x': 't0', other: 't1', 'other-1': 't2' });
    assert.deepEqual(out.tokenAnnotations, {});
    assert.deepEqual(out.volumes?.[1]?.projected?.sources, [
      { secret: { name: 'p-sa-token-x-ns-x-vc', items: [{ key: 'other', path: 'a', mode: 0o644 }] } },
      { secret: { name: 'p-sa-token-x-ns-x-vc', items: [{ key: 'other-1', path: 'b', mode: 0o644 }] } },
    ]);
  });
  it('annotation mode (useSecretsForSATokens: false): tokens in annotations read by the downward API', () => {
    const out = translateVolumes(ctx, pod, { useSecrets: false, tokens });
    assert.deepEqual(out.tokenSecretData, {});
    assert.deepEqual(out.tokenAnnotations, { 'vcluster.loft.sh/token-aaaaaaaa': 't0', 'vcluster.loft.sh/token-bbbbbbbb': 't1', 'vcluster.loft.sh/token-cccccccc': 't2' });
    assert.deepEqual(out.volumes?.[0]?.projected?.sources?.[0], {
      downwardAPI: { items: [{ path: 'token', fieldRef: { apiVersion: 'v1', fieldPath: "metadata.annotations['vcluster.loft.sh/token-aaaaaaaa']" }, mode: 0o644 }] },
    });
  });
  it('a token that was not issued is a programming error', () => {
    assert.throws(() => translateVolumes(ctx, pod, { useSecrets: true, tokens: [] }), /no token was issued/);
  });
});
