/**
 * Pods, PodTemplates and ReplicationControllers (core/v1): creation rules on top of the pod spec,
 * and the update rules that make most of a running pod's spec immutable.
 */
import { describeChanges } from './diff.js';
import { child, forbidden, goValue, index, invalid, notSupported, required, type FieldError } from './errors.js';
import { goStringMap } from './go-format.js';
import { clone, deepEqual, num, objArr, objOrEmpty, strMap, strOr, type Obj } from './json.js';
import { metaOf, validateKubeObjectMeta, validateKubeObjectMetaUpdate, validateNonnegative } from './meta.js';
import { nameIsDNSSubdomain } from './names.js';
import {
  validateContainerOnlyForPod,
  validatePodSpec,
  validatePodSpecificAnnotations,
  validatePodTemplateSpec,
  validateTolerations,
} from './pod-spec.js';
import { compareQuantity, tryParseQuantity, type Quantity } from './quantity.js';
import { inclusiveRangeError } from './strings.js';
import type { KindValidator } from './types.js';

const MAX_INT32 = 2147483647;

const UPDATABLE_POD_SPEC_FIELDS = [
  '`spec.containers[*].image`',
  '`spec.initContainers[*].image`',
  '`spec.activeDeadlineSeconds`',
  '`spec.tolerations` (only additions to existing tolerations)',
  '`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)',
];

function validatePodMetadataAndSpec(pod: Obj): FieldError[] {
  const spec = objOrEmpty(pod.spec);
  const errs = validateKubeObjectMeta(pod, true, nameIsDNSSubdomain);
  errs.push(...validatePodSpecificAnnotations(strMap(metaOf(pod).annotations), spec, 'metadata.annotations'));
  errs.push(...validatePodSpec(spec, strOr(metaOf(pod).name), 'spec', { resourceIsPod: true }));
  if (strOr(spec.serviceAccountName) === '') {
    objArr(spec.volumes).forEach((vol, vi) => {
      const projected = vol.projected;
      if (projected === undefined || projected === null) return;
      objArr(objOrEmpty(projected).sources).forEach((src, si) => {
        if (src.serviceAccountToken != null) {
          errs.push(
            forbidden(
              `spec.volumes[${vi}].projected.sources[${si}].serviceAccountToken`,
              'must not be specified when serviceAccountName is not set',
            ),
          );
        }
      });
    });
  }
  objArr(spec.containers).forEach((c, i) => errs.push(...validateContainerOnlyForPod(c, index('spec.containers', i))));
  objArr(spec.initContainers).forEach((c, i) => errs.push(...validateContainerOnlyForPod(c, index('spec.initContainers', i))));
  return errs;
}

export function validatePodCreate(pod: Obj): FieldError[] {
  const errs = validatePodMetadataAndSpec(pod);
  const spec = objOrEmpty(pod.spec);
  if (objArr(spec.ephemeralContainers).length > 0) errs.push(forbidden('spec.ephemeralContainers', 'cannot be set on create'));
  if (strOr(spec.nodeName) !== '' && objArr(spec.schedulingGates).length > 0) {
    errs.push(forbidden('spec.nodeName', 'cannot be set until all schedulingGates have been cleared'));
  }
  return errs;
}

// ---- QoS -----------------------------------------------------------------------------------

type QOSClass = 'Guaranteed' | 'Burstable' | 'BestEffort';

/** ComputePodQOS over cpu and memory of regular and init containers. */
export function computePodQOS(pod: Obj): QOSClass {
  const spec = objOrEmpty(pod.spec);
  const requests = new Map<string, Quantity>();
  const limits = new Map<string, Quantity>();
  let guaranteed = true;
  for (const c of [...objArr(spec.containers), ...objArr(spec.initContainers)]) {
    const res = objOrEmpty(c.resources);
    for (const [name, raw] of Object.entries(objOrEmpty(res.requests))) {
      const q = tryParseQuantity(raw);
      if ((name === 'cpu' || name === 'memory') && q !== undefined && q.nanos !== 0n) {
        const prev = requests.get(name);
        requests.set(name, { nanos: (prev?.nanos ?? 0n) + q.nanos, format: q.format });
      }
    }
    const found = new Set<string>();
    for (const [name, raw] of Object.entries(objOrEmpty(res.limits))) {
      const q = tryParseQuantity(raw);
      if ((name === 'cpu' || name === 'memory') && q !== undefined && q.nanos !== 0n) {
        found.add(name);
        const prev = limits.get(name);
        limits.set(name, { nanos: (prev?.nanos ?? 0n) + q.nanos, format: q.format });
      }
    }
    if (!(found.has('cpu') && found.has('memory'))) guaranteed = false;
  }
  if (requests.size === 0 && limits.size === 0) return 'BestEffort';
  if (guaranteed) {
    for (const [name, req] of requests) {
      const lim = limits.get(name);
      if (lim === undefined || compareQuantity(lim, req) !== 0) {
        guaranteed = false;
        break;
      }
    }
  }
  return guaranteed && requests.size === limits.size ? 'Guaranteed' : 'Burstable';
}

// ---- updates -------------------------------------------------------------------------------

function validateContainerUpdates(newCs: Obj[], oldCs: Obj[], field: string): [FieldError[], boolean] {
  if (newCs.length !== oldCs.length) return [[forbidden(field, 'pod updates may not add or remove containers')], true];
  const errs: FieldError[] = [];
  newCs.forEach((c, i) => {
    const image = strOr(c.image);
    if (image === '') errs.push(required(child(index(field, i), 'image')));
    if (image.trim().length !== image.length) errs.push(invalid(child(index(field, i), 'image'), image, 'must not have leading or trailing whitespace'));
  });
  return [errs, false];
}

function sameExceptSeconds(oldT: Obj, newT: Obj): boolean {
  return deepEqual({ ...oldT, tolerationSeconds: undefined }, { ...newT, tolerationSeconds: undefined });
}

function validateOnlyAddedTolerations(newTs: Obj[], oldTs: Obj[], field: string): FieldError[] {
  for (const old of oldTs) {
    if (!newTs.some((t) => sameExceptSeconds(old, t))) {
      return [forbidden(field, 'existing toleration can not be modified except its tolerationSeconds')];
    }
  }
  return validateTolerations(newTs, field);
}

export function validatePodUpdate(pod: Obj, old: Obj): FieldError[] {
  const errs = validateKubeObjectMetaUpdate(pod, old);
  errs.push(...validatePodMetadataAndSpec(pod));
  const oldAnn = strMap(metaOf(old).annotations) ?? {};
  const newAnn = strMap(metaOf(pod).annotations) ?? {};
  const mirror = 'kubernetes.io/config.mirror';
  if (oldAnn[mirror] !== newAnn[mirror]) {
    if (oldAnn[mirror] !== undefined) errs.push(forbidden(`metadata.annotations[${mirror}]`, 'may not remove or update mirror pod annotation'));
    else errs.push(forbidden(`metadata.annotations[${mirror}]`, 'may not add mirror pod annotation'));
  }
  const spec = objOrEmpty(pod.spec);
  const oldSpec = objOrEmpty(old.spec);

  let [cErrs, stop] = validateContainerUpdates(objArr(spec.containers), objArr(oldSpec.containers), 'spec.containers');
  errs.push(...cErrs);
  if (stop) return errs;
  [cErrs, stop] = validateContainerUpdates(objArr(spec.initContainers), objArr(oldSpec.initContainers), 'spec.initContainers');
  errs.push(...cErrs);
  if (stop) return errs;

  const newADS = num(spec.activeDeadlineSeconds);
  const oldADS = num(oldSpec.activeDeadlineSeconds);
  if (newADS !== undefined) {
    if (newADS < 0 || newADS > MAX_INT32) {
      errs.push(invalid('spec.activeDeadlineSeconds', newADS, inclusiveRangeError(0, MAX_INT32)));
      return errs;
    }
    if (oldADS !== undefined && oldADS < newADS) {
      errs.push(invalid('spec.activeDeadlineSeconds', newADS, 'must be less than or equal to previous value'));
      return errs;
    }
  } else if (oldADS !== undefined) {
    errs.push(invalid('spec.activeDeadlineSeconds', null, 'must not update from a positive integer to nil value'));
  }

  errs.push(...validateOnlyAddedTolerations(objArr(spec.tolerations), objArr(oldSpec.tolerations), 'spec.tolerations'));

  const newGates = objArr(spec.schedulingGates).map((g) => strOr(g.name));
  const oldGates = new Set(objArr(oldSpec.schedulingGates).map((g) => strOr(g.name)));
  newGates.forEach((g, i) => {
    if (!oldGates.has(g)) errs.push(forbidden(`spec.schedulingGates[${i}].name`, `only deletion is allowed, but found new scheduling gate '${g}'`));
  });

  if (deepEqual(spec, oldSpec)) return errs;

  const oldQOS = strOr(objOrEmpty(old.status).qosClass) || computePodQOS(old);
  if (oldQOS !== computePodQOS(pod)) {
    errs.push(invalid('metadata', strOr(objOrEmpty(pod.status).qosClass), 'Pod QoS is immutable'));
  }

  // Replace every field an update may change with its old value, then demand equality.
  const munged = clone(spec);
  const oldContainers = objArr(oldSpec.containers);
  objArr(munged.containers).forEach((c, i) => (c.image = oldContainers[i]?.image));
  const oldInits = objArr(oldSpec.initContainers);
  objArr(munged.initContainers).forEach((c, i) => (c.image = oldInits[i]?.image));
  munged.activeDeadlineSeconds = oldSpec.activeDeadlineSeconds;
  munged.schedulingGates = oldSpec.schedulingGates;
  munged.tolerations = oldSpec.tolerations;
  const oldTGPS = num(oldSpec.terminationGracePeriodSeconds);
  if (oldTGPS !== undefined && oldTGPS < 0 && num(munged.terminationGracePeriodSeconds) === 1) {
    munged.terminationGracePeriodSeconds = oldSpec.terminationGracePeriodSeconds;
  }
  if (objArr(oldSpec.schedulingGates).length > 0) {
    // Gated pods may still gain node selectors and node affinity.
    munged.nodeSelector = oldSpec.nodeSelector;
    const affinity = objOrEmpty(munged.affinity);
    if (munged.affinity !== undefined) affinity.nodeAffinity = objOrEmpty(oldSpec.affinity).nodeAffinity;
  }
  if (!deepEqual(munged, oldSpec)) {
    errs.push(
      forbidden(
        'spec',
        `pod updates may not change fields other than ${UPDATABLE_POD_SPEC_FIELDS.join(',')}\n${describeChanges(oldSpec, munged)}`,
      ),
    );
  }
  return errs;
}

export const pods: KindValidator = {
  group: '',
  kind: 'Pod',
  resource: 'pods',
  namespaced: true,
  nameRule: 'DNS1123Subdomain',
  create: validatePodCreate,
  update: validatePodUpdate,
};

export const podTemplates: KindValidator = {
  group: '',
  kind: 'PodTemplate',
  resource: 'podtemplates',
  namespaced: true,
  nameRule: 'DNS1123Subdomain',
  create: (o) => [...validateKubeObjectMeta(o, true, nameIsDNSSubdomain), ...validatePodTemplateSpec(objOrEmpty(o.template), 'template')],
  update: (o, old) => [...validateKubeObjectMetaUpdate(o, old), ...validatePodTemplateSpec(objOrEmpty(o.template), 'template')],
};

// ---- ReplicationController -----------------------------------------------------------------

function validateRCSpec(spec: Obj): FieldError[] {
  const errs = validateNonnegative(num(spec.minReadySeconds) ?? 0, 'spec.minReadySeconds');
  const selector = strMap(spec.selector) ?? {};
  if (Object.keys(selector).length === 0) errs.push(required('spec.selector'));
  errs.push(...validateNonnegative(num(spec.replicas) ?? 0, 'spec.replicas'));
  const template = spec.template;
  if (template === undefined || template === null) {
    errs.push(required('spec.template'));
    return errs;
  }
  const t = objOrEmpty(template);
  const labels = strMap(objOrEmpty(t.metadata).labels);
  if (Object.keys(selector).length > 0 && !Object.entries(selector).every(([k, v]) => labels?.[k] === v)) {
    errs.push(invalid('spec.template.metadata.labels', goValue(goStringMap(labels)), '`selector` does not match template `labels`'));
  }
  errs.push(...validatePodTemplateSpec(t, 'spec.template'));
  const ts = objOrEmpty(t.spec);
  const rp = strOr(ts.restartPolicy);
  if (rp !== 'Always') errs.push(notSupported('spec.template.spec.restartPolicy', rp, ['Always']));
  if (ts.activeDeadlineSeconds != null) {
    errs.push(forbidden('spec.template.spec.activeDeadlineSeconds', 'activeDeadlineSeconds in ReplicationController is not Supported'));
  }
  return errs;
}

export const replicationControllers: KindValidator = {
  group: '',
  kind: 'ReplicationController',
  resource: 'replicationcontrollers',
  namespaced: true,
  nameRule: 'DNS1123Subdomain',
  create: (o) => [...validateKubeObjectMeta(o, true, nameIsDNSSubdomain), ...validateRCSpec(objOrEmpty(o.spec))],
  update: (o, old) => [...validateKubeObjectMetaUpdate(o, old), ...validateRCSpec(objOrEmpty(o.spec))],
};
