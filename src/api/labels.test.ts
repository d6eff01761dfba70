import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as labels from './labels.js';

/** The exact strings upstream vcluster writes (spec §1.1, §1.8, §3.1): a host must not tell us apart. */
const expected: Record<string, string> = {
  NAME_ANNOTATION: 'vcluster.loft.sh/object-name',
  NAMESPACE_ANNOTATION: 'vcluster.loft.sh/object-namespace',
  UID_ANNOTATION: 'vcluster.loft.sh/object-uid',
  KIND_ANNOTATION: 'vcluster.loft.sh/object-kind',
  HOST_NAME_ANNOTATION: 'vcluster.loft.sh/object-host-name',
  HOST_NAMESPACE_ANNOTATION: 'vcluster.loft.sh/object-host-namespace',
  MANAGED_ANNOTATIONS_ANNOTATION: 'vcluster.loft.sh/managed-annotations',
  MANAGED_LABELS_ANNOTATION: 'vcluster.loft.sh/managed-labels',
  IMPORTED_ANNOTATION: 'vcluster.loft.sh/object-imported',
  MARKER_LABEL: 'vcluster.loft.sh/managed-by',
  NAMESPACE_LABEL: 'vcluster.loft.sh/namespace',
  CONTROLLER_LABEL: 'vcluster.loft.sh/controlled-by',
  RELEASE_LABEL: 'release',
  LABEL_PREFIX: 'vcluster.loft.sh/label',
  NAMESPACE_LABEL_PREFIX: 'vcluster.loft.sh/ns-label',
  SERVICE_NAME_LABEL: 'kubernetes.io/service-name',
  VCLUSTER_NAME_LABEL: 'vcluster.loft.sh/vcluster-name',
  VCLUSTER_NAMESPACE_LABEL: 'vcluster.loft.sh/vcluster-namespace',
  FAKE_NODE_LABEL: 'vcluster.loft.sh/fake-node',
  FAKE_PV_LABEL: 'vcluster.loft.sh/fake-pv',
  FORCE_SYNC_ANNOTATION: 'vcluster.loft.sh/force-sync',
  SKIP_TRANSLATE_ANNOTATION: 'vcluster.loft.sh/skip-translate',
  HOST_PV_ANNOTATION: 'vcluster.loft.sh/host-pv',
  HOST_VOLUME_SNAPSHOT_CONTENT_ANNOTATION: 'vcluster.loft.sh/host-volumesnapshotcontent',
  SKIP_BACKSYNC_ANNOTATION: 'vcluster.loft.sh/skip-backsync',
  LOCK_ANNOTATION: 'vcluster.loft.sh/lock',
  BLOCK_DELETION_ANNOTATION: 'vcluster.loft.sh/block-deletion',
  ORIGINAL_TAINTS_ANNOTATION: 'vcluster.loft.sh/original-taints',
  VOLUME_SNAPSHOT_CONTENT_GC_FINALIZER: 'vcluster.loft.sh/physical-volumesnapshotcontent-gc',
  POD_NAMESPACE_ANNOTATION: 'vcluster.loft.sh/namespace',
  POD_NAME_ANNOTATION: 'vcluster.loft.sh/name',
  POD_UID_ANNOTATION: 'vcluster.loft.sh/uid',
  POD_SERVICE_ACCOUNT_NAME_ANNOTATION: 'vcluster.loft.sh/service-account-name',
  POD_LABELS_ANNOTATION: 'vcluster.loft.sh/labels',
  POD_OWNER_REFERENCES_ANNOTATION: 'vcluster.loft.sh/owner-references',
  POD_OWNER_SET_KIND_ANNOTATION: 'vcluster.loft.sh/owner-set-kind',
  POD_HOSTS_REWRITTEN_ANNOTATION: 'vcluster.loft.sh/hosts-rewritten',
  POD_TOKEN_ANNOTATION_PREFIX: 'vcluster.loft.sh/token-',
};

describe('vcluster label and annotation keys', () => {
  for (const [name, value] of Object.entries(expected)) {
    it(`${name} = ${value}`, () => {
      assert.equal((labels as Record<string, unknown>)[name], value);
    });
  }

  it('every exported string key is listed above', () => {
    const exported = Object.entries(labels).filter(([, v]) => typeof v === 'string').map(([k]) => k);
    assert.deepEqual(exported.filter((k) => k !== 'VCLUSTER_DOMAIN' && !(k in expected)), []);
  });

  it('the bookkeeping annotations are exactly the eight of spec §1.8 step 4', () => {
    assert.deepEqual([...labels.SYNC_METADATA_ANNOTATIONS].sort(), [
      'vcluster.loft.sh/managed-annotations',
      'vcluster.loft.sh/managed-labels',
      'vcluster.loft.sh/object-host-name',
      'vcluster.loft.sh/object-host-namespace',
      'vcluster.loft.sh/object-kind',
      'vcluster.loft.sh/object-name',
      'vcluster.loft.sh/object-namespace',
      'vcluster.loft.sh/object-uid',
    ]);
  });
});
