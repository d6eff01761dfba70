import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { PersistentVolumeClaim } from 'kubernetes-types/core/v1.js';
import type { NameContext } from '../names.js';
import { toHostPvc, wantedVirtualVolumeName, withBindAnnotations, type PvcTranslateOptions } from './persistentvolumeclaims.translate.js';

const ctx: NameContext = { vclusterName: 'suffix', hostNamespace: 'test' };
const fake: PvcTranslateOptions = { storageClassesToHost: false, fakePersistentVolumes: true };
const real: PvcTranslateOptions = { storageClassesToHost: false, fakePersistentVolumes: false };

const claim: PersistentVolumeClaim = {
  metadata: {
    name: 'data',
    namespace: 'app',
    uid: 'u',
    labels: { tier: 'db' },
    annotations: { 'pv.kubernetes.io/bind-completed': 'yes', note: 'n' },
  },
  spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, storageClassName: 'standard' },
};

describe('toHostPvc', () => {
  it('name, labels, annotations (binder annotations are not copied down)', () => {
    assert.deepEqual(toHostPvc(ctx, { virtual: claim }, fake), {
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: {
        name: 'data-x-app-x-suffix',
        namespace: 'test',
        labels: { tier: 'db', 'vcluster.loft.sh/managed-by': 'suffix', 'vcluster.loft.sh/namespace': 'app' },
        annotations: {
          note: 'n',
          'vcluster.loft.sh/managed-annotations': 'note',
          'vcluster.loft.sh/object-name': 'data',
          'vcluster.loft.sh/object-uid': 'u',
          'vcluster.loft.sh/object-host-name': 'data-x-app-x-suffix',
          'vcluster.loft.sh/object-host-namespace': 'test',
          'vcluster.loft.sh/object-namespace': 'app',
          'vcluster.loft.sh/object-kind': '/v1, Kind=PersistentVolumeClaim',
        },
      },
      spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, storageClassName: 'standard' },
    });
  });
  const cases: { name: string; spec: PersistentVolumeClaim['spec']; annotations?: Record<string, string>; options: PvcTranslateOptions; exists?: boolean; expected: PersistentVolumeClaim['spec'] }[] = [
    {
      name: 'synced storage classes are renamed',
      spec: { storageClassName: 'fast' },
      options: { ...fake, storageClassesToHost: true },
      expected: { storageClassName: 'vcluster-fast-x-test-x-suffix' },
    },
    {
      name: 'the deprecated class annotation counts too',
      spec: {},
      annotations: { 'volume.beta.kubernetes.io/storage-class': 'fast' },
      options: { ...fake, storageClassesToHost: true },
      expected: { storageClassName: 'vcluster-fast-x-test-x-suffix' },
    },
    {
      name: 'fake PVs: volume name and selector stay',
      spec: { volumeName: 'pv1', selector: { matchLabels: { release: 'a' } } },
      options: fake,
      expected: { volumeName: 'pv1', selector: { matchLabels: { release: 'a' } } },
    },
    {
      name: 'real PVs: static binding is translated',
      spec: { volumeName: 'pv1', selector: { matchLabels: { release: 'a' } }, storageClassName: 'manual' },
      options: real,
      expected: { volumeName: 'vcluster-pv1-x-test-x-suffix', selector: { matchLabels: { 'vcluster.loft.sh/label-suffix-x-a4d451ec23': 'a' } }, storageClassName: 'vcluster-manual-x-test-x-suffix' },
    },
    {
      name: 'real PVs: a class the host has stays',
      spec: { storageClassName: 'standard' },
      options: real,
      exists: true,
      expected: { storageClassName: 'standard' },
    },
    {
      name: 'real PVs: a class the host lacks is the synced virtual one',
      spec: { storageClassName: 'mine' },
      options: real,
      exists: false,
      expected: { storageClassName: 'vcluster-mine-x-test-x-suffix' },
    },
    {
      name: 'clone sources are translated',
      spec: { dataSource: { kind: 'PersistentVolumeClaim', name: 'src' }, dataSourceRef: { kind: 'PersistentVolumeClaim', name: 'src', namespace: 'other' } },
      options: fake,
      expected: { dataSource: { kind: 'PersistentVolumeClaim', name: 'src-x-app-x-suffix' }, dataSourceRef: { kind: 'PersistentVolumeClaim', name: 'src-x-other-x-suffix', namespace: 'other' } },
    },
    {
      name: 'snapshot sources are not',
      spec: { dataSource: { apiGroup: 'snapshot.storage.k8s.io', kind: 'VolumeSnapshot', name: 'snap' } },
      options: fake,
      expected: { dataSource: { apiGroup: 'snapshot.storage.k8s.io', kind: 'VolumeSnapshot', name: 'snap' } },
    },
    {
      name: 'skip-translate keeps references',
      spec: { volumeName: 'pv1', dataSource: { kind: 'PersistentVolumeClaim', name: 'src' } },
      annotations: { 'vcluster.loft.sh/skip-translate': 'true' },
      options: real,
      expected: { volumeName: 'pv1', dataSource: { kind: 'PersistentVolumeClaim', name: 'src' } },
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const virtual: PersistentVolumeClaim = { metadata: { name: 'c', namespace: 'app', ...(c.annotations === undefined ? {} : { annotations: c.annotations }) }, spec: c.spec };
      assert.deepEqual(toHostPvc(ctx, { virtual, hostStorageClassExists: c.exists }, c.options).spec, c.expected);
    });
  }
});

describe('bind results flowing back', () => {
  it('withBindAnnotations copies the binder annotations of the host claim', () => {
    assert.deepEqual(
      withBindAnnotations({ keep: '1' }, { 'pv.kubernetes.io/bind-completed': 'yes', 'pv.kubernetes.io/bound-by-controller': 'yes', other: 'x' }),
      { keep: '1', 'pv.kubernetes.io/bind-completed': 'yes', 'pv.kubernetes.io/bound-by-controller': 'yes' },
    );
    assert.equal(withBindAnnotations(undefined, {}), undefined);
    assert.deepEqual(withBindAnnotations({ 'pv.kubernetes.io/bind-completed': 'yes' }, {}), { 'pv.kubernetes.io/bind-completed': '' });
  });
  const volumeCases: [string | undefined, string | undefined, string | undefined][] = [
    [undefined, undefined, undefined],
    ['pvc-123', undefined, 'pvc-123'],
    ['pvc-123', 'pvc-123', undefined],
    ['pvc-123', 'other', 'pvc-123'],
  ];
  for (const [host, virtual, expected] of volumeCases) {
    it(`wantedVirtualVolumeName host=${String(host)} virtual=${String(virtual)}`, () => {
      assert.equal(wantedVirtualVolumeName({ spec: { volumeName: host } }, { spec: { volumeName: virtual } }), expected);
    });
  }
});
