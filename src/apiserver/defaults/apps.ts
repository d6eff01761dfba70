/**
 * apps/v1 defaults (pkg/apis/apps/v1/defaults.go), each including its pod template's.
 */
import { defaultPodTemplateSpec, defaultPVCSpec } from './pod-spec.js';
import { ensureObj, objAt, objsAt, setDefault, setDefaultString, type Obj } from './util.js';

function template(o: Obj): void {
  defaultPodTemplateSpec(ensureObj(ensureObj(o, 'spec'), 'template'));
}

export function defaultDeployment(d: Obj): void {
  const spec = ensureObj(d, 'spec');
  setDefault(spec, 'replicas', 1);
  const strategy = ensureObj(spec, 'strategy');
  setDefaultString(strategy, 'type', 'RollingUpdate');
  if (strategy.type === 'RollingUpdate') {
    const ru = ensureObj(strategy, 'rollingUpdate');
    setDefault(ru, 'maxUnavailable', '25%');
    setDefault(ru, 'maxSurge', '25%');
  }
  setDefault(spec, 'revisionHistoryLimit', 10);
  setDefault(spec, 'progressDeadlineSeconds', 600);
  template(d);
}

export function defaultReplicaSet(rs: Obj): void {
  setDefault(ensureObj(rs, 'spec'), 'replicas', 1);
  template(rs);
}

export function defaultDaemonSet(ds: Obj): void {
  const spec = ensureObj(ds, 'spec');
  const strategy = ensureObj(spec, 'updateStrategy');
  setDefaultString(strategy, 'type', 'RollingUpdate');
  if (strategy.type === 'RollingUpdate') {
    const ru = ensureObj(strategy, 'rollingUpdate');
    setDefault(ru, 'maxUnavailable', 1);
    setDefault(ru, 'maxSurge', 0);
  }
  setDefault(spec, 'revisionHistoryLimit', 10);
  template(ds);
}

export function defaultStatefulSet(sts: Obj): void {
  const spec = ensureObj(sts, 'spec');
  setDefaultString(spec, 'podManagementPolicy', 'OrderedReady');
  const strategy = ensureObj(spec, 'updateStrategy');
  if (strategy.type === undefined || strategy.type === null || strategy.type === '') {
    strategy.type = 'RollingUpdate';
    setDefault(strategy, 'rollingUpdate', {});
  }
  const ru = objAt(strategy, 'rollingUpdate');
  if (strategy.type === 'RollingUpdate' && ru !== undefined) setDefault(ru, 'partition', 0);
  const retention = ensureObj(spec, 'persistentVolumeClaimRetentionPolicy');
  setDefaultString(retention, 'whenDeleted', 'Retain');
  setDefaultString(retention, 'whenScaled', 'Retain');
  setDefault(spec, 'replicas', 1);
  setDefault(spec, 'revisionHistoryLimit', 10);
  for (const claim of objsAt(spec, 'volumeClaimTemplates')) {
    // Claim templates get the PersistentVolumeClaim defaults, status phase included.
    claim.apiVersion = 'v1';
    claim.kind = 'PersistentVolumeClaim';
    defaultPVCSpec(ensureObj(claim, 'spec'));
    setDefaultString(ensureObj(claim, 'status'), 'phase', 'Pending');
  }
  template(sts);
}
