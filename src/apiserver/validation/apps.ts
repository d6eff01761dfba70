/**
 * apps/v1: Deployments, ReplicaSets, StatefulSets, DaemonSets and ControllerRevisions.
 */
import { forbidden, goValue, invalid, notSupported, required, type FieldError } from './errors.js';
import { goQuote } from './go-format.js';
import { deepEqual, num, obj, objOrEmpty, strMap, strOr, type Obj } from './json.js';
import {
  goLabelSelector,
  validateImmutable,
  validateKubeObjectMeta,
  validateKubeObjectMetaUpdate,
  validateLabels,
  validateLabelSelector,
  validateAnnotations,
  validateNonnegative,
} from './meta.js';
import { nameIsDNSLabel, nameIsDNSSubdomain } from './names.js';
import { validatePodSpecificAnnotations, validatePodTemplateSpec } from './pod-spec.js';
import type { KindValidator } from './types.js';
import {
  asSelector,
  goIntOrString,
  intOrPercentValue,
  isNotMoreThan100Percent,
  selectorMismatch,
  templateLabels,
  validatePositiveIntOrPercent,
} from './workloads.js';

function validateSelectorPresence(spec: Obj, kindName: string): FieldError[] {
  const sel = obj(spec.selector);
  if (sel === undefined) return [required('spec.selector')];
  const errs = validateLabelSelector(sel, 'spec.selector');
  const n = Object.keys(objOrEmpty(sel.matchLabels)).length + (Array.isArray(sel.matchExpressions) ? sel.matchExpressions.length : 0);
  if (n === 0) errs.push(invalid('spec.selector', goLabelSelector(sel), `empty selector is invalid for ${kindName}`));
  return errs;
}

/** ValidatePodTemplateSpecForReplicaSet (also used by Deployments). */
function validateTemplateForReplicaSet(spec: Obj, kind: string): FieldError[] {
  const errs: FieldError[] = [];
  const selector = asSelector(spec.selector);
  if (selector === undefined) return [invalid('spec.selector', goLabelSelector(spec.selector), 'invalid label selector')];
  const template = objOrEmpty(spec.template);
  if (!selector.empty && !selector.matches(templateLabels(template))) {
    errs.push(selectorMismatch('spec.template.metadata.labels', templateLabels(template)));
  }
  errs.push(...validatePodTemplateSpec(template, 'spec.template'));
  const ts = objOrEmpty(template.spec);
  const rp = strOr(ts.restartPolicy);
  if (rp !== 'Always') errs.push(notSupported('spec.template.spec.restartPolicy', rp, ['Always']));
  if (ts.activeDeadlineSeconds != null) {
    errs.push(forbidden('spec.template.spec.activeDeadlineSeconds', `activeDeadlineSeconds in ${kind} is not Supported`));
  }
  return errs;
}

// ---- Deployment ----------------------------------------------------------------------------

function validateDeploymentStrategy(strategy: Obj): FieldError[] {
  const errs: FieldError[] = [];
  const type = strOr(strategy.type);
  const ru = obj(strategy.rollingUpdate);
  if (type === 'Recreate') {
    if (ru !== undefined) errs.push(forbidden('spec.strategy.rollingUpdate', "may not be specified when strategy `type` is 'Recreate'"));
  } else if (type === 'RollingUpdate') {
    if (ru === undefined) errs.push(required('spec.strategy.rollingUpdate', 'this should be defaulted and never be nil'));
    else {
      const p = 'spec.strategy.rollingUpdate';
      errs.push(...validatePositiveIntOrPercent(ru.maxUnavailable, `${p}.maxUnavailable`));
      errs.push(...validatePositiveIntOrPercent(ru.maxSurge, `${p}.maxSurge`));
      if (intOrPercentValue(ru.maxUnavailable) === 0 && intOrPercentValue(ru.maxSurge) === 0) {
        errs.push(invalid(`${p}.maxUnavailable`, goIntOrString(ru.maxUnavailable), 'may not be 0 when `maxSurge` is 0'));
      }
      errs.push(...isNotMoreThan100Percent(ru.maxUnavailable, `${p}.maxUnavailable`));
    }
  } else {
    // Go prints the strategy struct; a set rollingUpdate pointer would show a memory address.
    const ruText = ru === undefined ? '(*apps.RollingUpdateDeployment)(nil)' : '(*apps.RollingUpdateDeployment)(0xc000000000)';
    errs.push(notSupported('spec.strategy', goValue(`apps.DeploymentStrategy{Type:${goQuote(type)}, RollingUpdate:${ruText}}`), ['Recreate', 'RollingUpdate']));
  }
  return errs;
}

function validateDeploymentSpec(spec: Obj): FieldError[] {
  const errs = validateNonnegative(num(spec.replicas) ?? 0, 'spec.replicas');
  errs.push(...validateSelectorPresence(spec, 'deployment'));
  errs.push(...validateTemplateForReplicaSet(spec, 'Deployment'));
  errs.push(...validateDeploymentStrategy(objOrEmpty(spec.strategy)));
  const minReady = num(spec.minReadySeconds) ?? 0;
  errs.push(...validateNonnegative(minReady, 'spec.minReadySeconds'));
  const rhl = num(spec.revisionHistoryLimit);
  if (rhl !== undefined) errs.push(...validateNonnegative(rhl, 'spec.revisionHistoryLimit'));
  const pds = num(spec.progressDeadlineSeconds);
  if (pds !== undefined) {
    errs.push(...validateNonnegative(pds, 'spec.progressDeadlineSeconds'));
    if (pds <= minReady) errs.push(invalid('spec.progressDeadlineSeconds', pds, 'must be greater than minReadySeconds'));
  }
  return errs;
}

function selectorImmutable(o: Obj, old: Obj): FieldError[] {
  const sel = objOrEmpty(o.spec).selector;
  return validateImmutable(sel, objOrEmpty(old.spec).selector, 'spec.selector', goLabelSelector(sel));
}

export const deployments: KindValidator = {
  group: 'apps',
  kind: 'Deployment',
  resource: 'deployments',
  namespaced: true,
  nameRule: 'DNS1123Subdomain',
  create: (o) => [...validateKubeObjectMeta(o, true, nameIsDNSSubdomain), ...validateDeploymentSpec(objOrEmpty(o.spec))],
  update: (o, old) => [...validateKubeObjectMetaUpdate(o, old), ...validateDeploymentSpec(objOrEmpty(o.spec)), ...selectorImmutable(o, old)],
};

// ---- ReplicaSet ----------------------------------------------------------------------------

function validateReplicaSetSpec(spec: Obj): FieldError[] {
  const errs = validateNonnegative(num(spec.replicas) ?? 0, 'spec.replicas');
  errs.push(...validateNonnegative(num(spec.minReadySeconds) ?? 0, 'spec.minReadySeconds'));
  // kube reuses the Deployment wording for ReplicaSets.
  errs.push(...validateSelectorPresence(spec, 'deployment'));
  errs.push(...validateTemplateForReplicaSet(spec, 'ReplicaSet'));
  return errs;
}

export const replicaSets: KindValidator = {
  group: 'apps',
  kind: 'ReplicaSet',
  resource: 'replicasets',
  namespaced: true,
  nameRule: 'DNS1123Subdomain',
  create: (o) => [...validateKubeObjectMeta(o, true, nameIsDNSSubdomain), ...validateReplicaSetSpec(objOrEmpty(o.spec))],
  update: (o, old) => [...validateKubeObjectMetaUpdate(o, old), ...validateReplicaSetSpec(objOrEmpty(o.spec)), ...selectorImmutable(o, old)],
};

// ---- StatefulSet ---------------------------------------------------------------------------

function validateRetentionPolicyType(v: unknown, field: string): FieldError[] {
  const s = strOr(v);
  return s === 'Retain' || s === 'Delete' ? [] : [notSupported(field, s, ['Retain', 'Delete'])];
}

function validateStatefulSetSpec(spec: Obj): FieldError[] {
  const errs: FieldError[] = [];
  const pmp = strOr(spec.podManagementPolicy);
  if (pmp === '') errs.push(required('spec.podManagementPolicy'));
  else if (pmp !== 'OrderedReady' && pmp !== 'Parallel') {
    errs.push(invalid('spec.podManagementPolicy', pmp, "must be 'OrderedReady' or 'Parallel'"));
  }
  const us = objOrEmpty(spec.updateStrategy);
  const ust = strOr(us.type);
  const ru = obj(us.rollingUpdate);
  if (ust === '') errs.push(required('spec.updateStrategy'));
  else if (ust === 'OnDelete') {
    if (ru !== undefined) errs.push(invalid('spec.updateStrategy.rollingUpdate', ru, "only allowed for updateStrategy 'RollingUpdate'"));
  } else if (ust === 'RollingUpdate') {
    if (ru !== undefined) {
      errs.push(...validateNonnegative(num(ru.partition) ?? 0, 'spec.updateStrategy.rollingUpdate.partition'));
      if (ru.maxUnavailable != null) {
        const p = 'spec.updateStrategy.rollingUpdate.maxUnavailable';
        errs.push(...validatePositiveIntOrPercent(ru.maxUnavailable, p));
        if (intOrPercentValue(ru.maxUnavailable) === 0) errs.push(invalid(p, goIntOrString(ru.maxUnavailable), 'cannot be 0'));
        errs.push(...isNotMoreThan100Percent(ru.maxUnavailable, p));
      }
    }
  } else {
    errs.push(invalid('spec.updateStrategy', us, "must be 'RollingUpdate' or 'OnDelete'"));
  }
  const retention = obj(spec.persistentVolumeClaimRetentionPolicy);
  if (retention !== undefined) {
    errs.push(...validateRetentionPolicyType(retention.whenDeleted, 'spec.persistentVolumeClaimRetentionPolicy.whenDeleted'));
    errs.push(...validateRetentionPolicyType(retention.whenScaled, 'spec.persistentVolumeClaimRetentionPolicy.whenScaled'));
  }
  errs.push(...validateNonnegative(num(spec.replicas) ?? 0, 'spec.replicas'));
  errs.push(...validateNonnegative(num(spec.minReadySeconds) ?? 0, 'spec.minReadySeconds'));
  const ordinals = obj(spec.ordinals);
  if (ordinals !== undefined) errs.push(...validateNonnegative(num(ordinals.start) ?? 0, 'spec.ordinals.start'));
  errs.push(...validateSelectorPresence(spec, 'statefulset'));
  const selector = asSelector(spec.selector);
  const template = objOrEmpty(spec.template);
  if (selector === undefined) {
    errs.push(invalid('spec.selector', goLabelSelector(spec.selector), ''));
  } else {
    // Kube checks only the template's metadata here: a StatefulSet's pod spec is not validated
    // (its volume mounts may name volumeClaimTemplates, which the pod spec check would reject).
    if (!selector.empty && !selector.matches(templateLabels(template))) {
      errs.push(selectorMismatch('spec.template.metadata.labels', templateLabels(template)));
    }
    const m = objOrEmpty(template.metadata);
    errs.push(...validateLabels(strMap(m.labels), 'spec.template.labels'));
    errs.push(...validateAnnotations(strMap(m.annotations), 'spec.template.annotations'));
    errs.push(...validatePodSpecificAnnotations(strMap(m.annotations), objOrEmpty(template.spec), 'spec.template.annotations'));
  }
  const ts = objOrEmpty(template.spec);
  const rp = strOr(ts.restartPolicy);
  if (rp !== 'Always') errs.push(notSupported('spec.template.spec.restartPolicy', rp, ['Always']));
  if (ts.activeDeadlineSeconds != null) {
    errs.push(forbidden('spec.template.spec.activeDeadlineSeconds', 'activeDeadlineSeconds in StatefulSet is not Supported'));
  }
  return errs;
}

const STS_MUTABLE = ['replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy', 'minReadySeconds'];

export const statefulSets: KindValidator = {
  group: 'apps',
  kind: 'StatefulSet',
  resource: 'statefulsets',
  namespaced: true,
  nameRule: 'DNS1123Label',
  create: (o) => [...validateKubeObjectMeta(o, true, nameIsDNSLabel), ...validateStatefulSetSpec(objOrEmpty(o.spec))],
  update: (o, old) => {
    const spec = objOrEmpty(o.spec);
    const errs = [...validateKubeObjectMetaUpdate(o, old), ...validateStatefulSetSpec(spec)];
    const immutablePart = (s: Obj): Obj => Object.fromEntries(Object.entries(s).filter(([k]) => !STS_MUTABLE.includes(k)));
    const a = immutablePart(spec);
    const b = immutablePart(objOrEmpty(old.spec));
    if (!deepEqual(a, b)) {
      errs.push(
        forbidden(
          'spec',
          "updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden",
        ),
      );
    }
    return errs;
  },
};

// ---- DaemonSet -----------------------------------------------------------------------------

function validateDaemonSetSpec(spec: Obj): FieldError[] {
  const errs = validateLabelSelector(spec.selector, 'spec.selector');
  const selector = asSelector(spec.selector);
  const template = objOrEmpty(spec.template);
  if (selector !== undefined && !selector.matches(templateLabels(template))) {
    errs.push(selectorMismatch('spec.template.metadata.labels', templateLabels(template)));
  }
  const sel = obj(spec.selector);
  if (sel !== undefined && Object.keys(objOrEmpty(sel.matchLabels)).length + (Array.isArray(sel.matchExpressions) ? sel.matchExpressions.length : 0) === 0) {
    errs.push(invalid('spec.selector', goLabelSelector(sel), 'empty selector is invalid for daemonset'));
  }
  errs.push(...validatePodTemplateSpec(template, 'spec.template'));
  const ts = objOrEmpty(template.spec);
  const rp = strOr(ts.restartPolicy);
  if (rp !== 'Always') errs.push(notSupported('spec.template.spec.restartPolicy', rp, ['Always']));
  if (ts.activeDeadlineSeconds != null) {
    errs.push(forbidden('spec.template.spec.activeDeadlineSeconds', 'activeDeadlineSeconds in DaemonSet is not Supported'));
  }
  errs.push(...validateNonnegative(num(spec.minReadySeconds) ?? 0, 'spec.minReadySeconds'));
  const us = objOrEmpty(spec.updateStrategy);
  const type = strOr(us.type);
  if (type === 'RollingUpdate') {
    const ru = obj(us.rollingUpdate);
    if (ru === undefined) errs.push(required('spec.updateStrategy.rollingUpdate'));
    else {
      const p = 'spec.updateStrategy.rollingUpdate';
      errs.push(...validatePositiveIntOrPercent(ru.maxUnavailable, `${p}.maxUnavailable`));
      errs.push(...validatePositiveIntOrPercent(ru.maxSurge, `${p}.maxSurge`));
      errs.push(...isNotMoreThan100Percent(ru.maxUnavailable, `${p}.maxUnavailable`));
      errs.push(...isNotMoreThan100Percent(ru.maxSurge, `${p}.maxSurge`));
      const hasUnavailable = intOrPercentValue(ru.maxUnavailable) !== 0;
      const hasSurge = intOrPercentValue(ru.maxSurge) !== 0;
      if (hasUnavailable && hasSurge) errs.push(invalid(`${p}.maxSurge`, goIntOrString(ru.maxSurge), 'may not be set when maxUnavailable is non-zero'));
      else if (!hasUnavailable && !hasSurge) errs.push(required(`${p}.maxUnavailable`, 'cannot be 0 when maxSurge is 0'));
    }
  } else if (type !== 'OnDelete') {
    errs.push(notSupported('spec.updateStrategy', us, ['RollingUpdate', 'OnDelete']));
  }
  const rhl = num(spec.revisionHistoryLimit);
  if (rhl !== undefined) errs.push(...validateNonnegative(rhl, 'spec.revisionHistoryLimit'));
  return errs;
}

export const daemonSets: KindValidator = {
  group: 'apps',
  kind: 'DaemonSet',
  resource: 'daemonsets',
  namespaced: true,
  nameRule: 'DNS1123Subdomain',
  create: (o) => [...validateKubeObjectMeta(o, true, nameIsDNSSubdomain), ...validateDaemonSetSpec(objOrEmpty(o.spec))],
  update: (o, old) => [...validateKubeObjectMetaUpdate(o, old), ...validateDaemonSetSpec(objOrEmpty(o.spec)), ...selectorImmutable(o, old)],
};

// ---- ControllerRevision --------------------------------------------------------------------

function validateControllerRevision(o: Obj): FieldError[] {
  const errs = validateKubeObjectMeta(o, true, nameIsDNSSubdomain);
  if (o.data === undefined || o.data === null) errs.push(required('data', 'data is mandatory'));
  errs.push(...validateNonnegative(num(o.revision) ?? 0, 'revision'));
  return errs;
}

export const controllerRevisions: KindValidator = {
  group: 'apps',
  kind: 'ControllerRevision',
  resource: 'controllerrevisions',
  namespaced: true,
  nameRule: 'DNS1123Subdomain',
  create: validateControllerRevision,
  update: (o, old) => [...validateKubeObjectMetaUpdate(o, old), ...validateControllerRevision(o), ...validateImmutable(o.data, old.data, 'data')],
};

