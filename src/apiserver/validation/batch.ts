/**
 * batch/v1: Jobs and CronJobs.
 */
import { isValidTimeZone, parseSchedule } from '../../lib/cron.js';
import {
  child,
  duplicate,
  goValue,
  index,
  invalid,
  key,
  notSupported,
  OMIT_VALUE,
  required,
  tooLong,
  tooMany,
  type FieldError,
} from './errors.js';
import { goStringMap } from './go-format.js';
import { clone, deepEqual, num, obj, objArr, objOrEmpty, str, strOr, type Obj } from './json.js';
import {
  goLabelSelector,
  metaOf,
  validateImmutable,
  validateKubeObjectMeta,
  validateKubeObjectMetaUpdate,
  validateLabelSelector,
  validateNonnegative,
  validateQualifiedName,
} from './meta.js';
import { nameIsDNSSubdomain } from './names.js';
import { validatePodTemplateSpec } from './pod-spec.js';
import { isDNS1123Label, isDomainPrefixedPath } from './strings.js';
import type { KindValidator } from './types.js';
import { asSelector, selectorMismatch, templateLabels } from './workloads.js';

export const JOB_NAME_LABEL = 'batch.kubernetes.io/job-name';
export const CONTROLLER_UID_LABEL = 'batch.kubernetes.io/controller-uid';
export const LEGACY_JOB_NAME_LABEL = 'job-name';
export const LEGACY_CONTROLLER_UID_LABEL = 'controller-uid';

const MAX_PARALLELISM_INDEXED = 100000;
const MAX_FAILED_INDEXES = 100000;
const COMPLETIONS_SOFT_LIMIT = 100000;
const PARALLELISM_LIMIT_HIGH_COMPLETIONS = 10000;
const MAX_FAILED_INDEXES_HIGH_COMPLETIONS = 10000;
const MAX_POD_FAILURE_POLICY_RULES = 20;
const MAX_ON_EXIT_CODES_VALUES = 255;
const MAX_ON_POD_CONDITIONS = 20;
const MAX_MANAGED_BY_LENGTH = 63;
const MAX_SUCCEEDED_INDEXES_LENGTH = 64 * 1024;
const MAX_SUCCESS_POLICY_RULES = 20;
const POD_FAILURE_ACTIONS = ['Count', 'FailIndex', 'FailJob', 'Ignore'];

/** validateIndexesFormat: "1,3-5" style index lists; returns how many indexes it names. */
export function parseIndexes(s: string, completions: number): number {
  if (s === '') return 0;
  let last: number | undefined;
  let total = 0;
  for (const interval of s.split(',')) {
    const limits = interval.split('-');
    if (limits.length > 2) {
      throw new Error(`the fragment "${interval}" violates the requirement that an index interval can have at most two parts separated by '-'`);
    }
    const parse = (t: string): number => {
      if (!/^[+-]?[0-9]+$/.test(t)) throw new Error(`cannot convert string to integer for index: "${t}"`);
      const v = Number(t);
      if (v >= completions) throw new Error(`too large index: "${t}"`);
      return v;
    };
    const x = parse(limits[0] ?? '');
    if (last !== undefined && last >= x) throw new Error(`non-increasing order, previous: ${last}, current: ${x}`);
    total++;
    last = x;
    if (limits.length > 1) {
      const y = parse(limits[1] ?? '');
      if (last >= y) throw new Error(`non-increasing order, previous: ${last}, current: ${y}`);
      total += y - x;
      last = y;
    }
  }
  return total;
}

function hasLabel(template: Obj, field: string, k: string, expected: string): FieldError[] {
  const labels = templateLabels(template);
  const actual = labels?.[k];
  if (actual === undefined) return [required(key(child(field, 'labels'), k), expected)];
  if (actual !== expected) return [invalid(key(child(field, 'labels'), k), goValue(goStringMap(labels)), `must be '${expected}'`)];
  return [];
}

function validateGeneratedSelector(job: Obj): FieldError[] {
  const spec = objOrEmpty(job.spec);
  if (spec.manualSelector === true || spec.selector == null) return [];
  const errs: FieldError[] = [];
  const m = metaOf(job);
  const uid = strOr(m.uid);
  const name = strOr(m.name);
  if (uid === '') errs.push(required('metadata.uid'));
  const template = objOrEmpty(spec.template);
  errs.push(...hasLabel(template, 'spec.template.metadata', LEGACY_CONTROLLER_UID_LABEL, uid));
  errs.push(...hasLabel(template, 'spec.template.metadata', LEGACY_JOB_NAME_LABEL, name));
  errs.push(...hasLabel(template, 'spec.template.metadata', CONTROLLER_UID_LABEL, uid));
  errs.push(...hasLabel(template, 'spec.template.metadata', JOB_NAME_LABEL, name));
  const selector = asSelector(spec.selector);
  const expected = { [CONTROLLER_UID_LABEL]: uid, [JOB_NAME_LABEL]: name, [LEGACY_CONTROLLER_UID_LABEL]: uid, [LEGACY_JOB_NAME_LABEL]: name };
  if (selector !== undefined && !selector.matches(expected)) {
    errs.push(invalid('spec.selector', goLabelSelector(spec.selector), '`selector` not auto-generated'));
  }
  return errs;
}

function validatePodFailurePolicy(spec: Obj, field: string): FieldError[] {
  const errs: FieldError[] = [];
  const policy = objOrEmpty(spec.podFailurePolicy);
  const rules = objArr(policy.rules);
  const rulesPath = child(field, 'rules');
  if (rules.length > MAX_POD_FAILURE_POLICY_RULES) errs.push(tooMany(rulesPath, rules.length, MAX_POD_FAILURE_POLICY_RULES));
  const tspec = objOrEmpty(objOrEmpty(spec.template).spec);
  const containerNames = new Set([...objArr(tspec.containers), ...objArr(tspec.initContainers)].map((c) => strOr(c.name)));
  rules.forEach((rule, i) => {
    const rp = index(rulesPath, i);
    const action = strOr(rule.action);
    if (action === '') errs.push(required(child(rp, 'action'), `valid values: ["${POD_FAILURE_ACTIONS.join('" "')}"]`));
    else if (action === 'FailIndex') {
      if (spec.backoffLimitPerIndex == null) errs.push(invalid(child(rp, 'action'), action, 'requires the backoffLimitPerIndex to be set'));
    } else if (!POD_FAILURE_ACTIONS.includes(action)) errs.push(notSupported(child(rp, 'action'), action, POD_FAILURE_ACTIONS));
    const onExit = obj(rule.onExitCodes);
    const onConds = objArr(rule.onPodConditions);
    if (onExit !== undefined) {
      const p = child(rp, 'onExitCodes');
      const op = strOr(onExit.operator);
      if (op === '') errs.push(required(child(p, 'operator'), 'valid values: ["In" "NotIn"]'));
      else if (op !== 'In' && op !== 'NotIn') errs.push(notSupported(child(p, 'operator'), op, ['In', 'NotIn']));
      const cn = str(onExit.containerName);
      if (cn !== undefined && !containerNames.has(cn)) {
        errs.push(invalid(child(p, 'containerName'), cn, 'must be one of the container or initContainer names in the pod template'));
      }
      const values = (Array.isArray(onExit.values) ? onExit.values : []).map((v) => (typeof v === 'number' ? v : 0));
      const vp = child(p, 'values');
      if (values.length === 0) errs.push(invalid(vp, values, 'at least one value is required'));
      else if (values.length > MAX_ON_EXIT_CODES_VALUES) errs.push(tooMany(vp, values.length, MAX_ON_EXIT_CODES_VALUES));
      const seen = new Set<number>();
      let ordered = true;
      for (const [j, v] of values.entries()) {
        if (op === 'In' && v === 0) errs.push(invalid(index(vp, j), v, 'must not be 0 for the In operator'));
        if (seen.has(v)) errs.push(duplicate(index(vp, j), v));
        else seen.add(v);
        if (j > 0 && (values[j - 1] ?? 0) > v) ordered = false;
      }
      if (!ordered) errs.push(invalid(vp, values, 'must be ordered'));
    }
    if (onConds.length > 0) {
      const p = child(rp, 'onPodConditions');
      if (onConds.length > MAX_ON_POD_CONDITIONS) errs.push(tooMany(p, onConds.length, MAX_ON_POD_CONDITIONS));
      onConds.forEach((c, j) => {
        const cp = index(p, j);
        errs.push(...validateQualifiedName(strOr(c.type), child(cp, 'type')));
        const status = strOr(c.status);
        if (status === '') errs.push(required(child(cp, 'status'), 'valid values: ["False" "True" "Unknown"]'));
        else if (!['False', 'True', 'Unknown'].includes(status)) errs.push(notSupported(child(cp, 'status'), status, ['False', 'True', 'Unknown']));
      });
    }
    if (onExit !== undefined && onConds.length > 0) errs.push(invalid(rp, OMIT_VALUE, 'specifying both OnExitCodes and OnPodConditions is not supported'));
    if (onExit === undefined && onConds.length === 0) errs.push(invalid(rp, OMIT_VALUE, 'specifying one of OnExitCodes and OnPodConditions is required'));
  });
  return errs;
}

function validateSuccessPolicy(spec: Obj, field: string): FieldError[] {
  const errs: FieldError[] = [];
  const rules = objArr(objOrEmpty(spec.successPolicy).rules);
  const rulesPath = child(field, 'rules');
  if (rules.length === 0) errs.push(required(rulesPath, 'at least one rules must be specified when the successPolicy is specified'));
  if (rules.length > MAX_SUCCESS_POLICY_RULES) errs.push(tooMany(rulesPath, rules.length, MAX_SUCCESS_POLICY_RULES));
  const completions = num(spec.completions) ?? 0;
  rules.forEach((rule, i) => {
    const rp = index(rulesPath, i);
    const count = num(rule.succeededCount);
    const indexes = str(rule.succeededIndexes);
    if (count === undefined && indexes === undefined) errs.push(required(rp, 'at least one of succeededCount or succeededIndexes must be specified'));
    let total = 0;
    if (indexes !== undefined) {
      const ip = child(rp, 'succeededIndexes');
      if (indexes.length > MAX_SUCCEEDED_INDEXES_LENGTH) errs.push(tooLong(ip, MAX_SUCCEEDED_INDEXES_LENGTH));
      try {
        total = parseIndexes(indexes, completions);
      } catch (e) {
        errs.push(invalid(ip, indexes, `error parsing succeededIndexes: ${(e as Error).message}`));
      }
    }
    if (count !== undefined) {
      const cp = child(rp, 'succeededCount');
      errs.push(...validateNonnegative(count, cp));
      if (count > completions) errs.push(invalid(cp, count, `must be less than or equal to ${completions} (the number of specified completions)`));
      if (indexes !== undefined && count > total) {
        errs.push(invalid(cp, count, `must be less than or equal to ${total} (the number of indexes in the specified succeededIndexes field)`));
      }
    }
  });
  return errs;
}

/** validateJobSpec: everything but the selector (shared with CronJob job templates). */
function validateJobSpecCommon(spec: Obj, field: string): FieldError[] {
  const errs: FieldError[] = [];
  for (const k of ['parallelism', 'completions', 'activeDeadlineSeconds', 'backoffLimit', 'ttlSecondsAfterFinished', 'backoffLimitPerIndex']) {
    const v = num(spec[k]);
    if (v !== undefined) errs.push(...validateNonnegative(v, child(field, k)));
  }
  const maxFailed = num(spec.maxFailedIndexes);
  if (maxFailed !== undefined) {
    errs.push(...validateNonnegative(maxFailed, child(field, 'maxFailedIndexes')));
    if (spec.backoffLimitPerIndex == null) errs.push(required(child(field, 'backoffLimitPerIndex'), 'when maxFailedIndexes is specified'));
  }
  const managedBy = str(spec.managedBy);
  if (managedBy !== undefined) {
    errs.push(...isDomainPrefixedPath(child(field, 'managedBy'), managedBy));
    if (managedBy.length > MAX_MANAGED_BY_LENGTH) errs.push(tooLong(child(field, 'managedBy'), MAX_MANAGED_BY_LENGTH));
  }
  const mode = str(spec.completionMode);
  const completions = num(spec.completions);
  const parallelism = num(spec.parallelism);
  const perIndex = num(spec.backoffLimitPerIndex);
  if (mode !== undefined) {
    if (mode !== 'NonIndexed' && mode !== 'Indexed') errs.push(notSupported(child(field, 'completionMode'), mode, ['NonIndexed', 'Indexed']));
    if (mode === 'Indexed') {
      if (completions === undefined) errs.push(required(child(field, 'completions'), 'when completion mode is Indexed'));
      if (parallelism !== undefined && parallelism > MAX_PARALLELISM_INDEXED) {
        errs.push(invalid(child(field, 'parallelism'), parallelism, `must be less than or equal to ${MAX_PARALLELISM_INDEXED} when completion mode is Indexed`));
      }
      if (completions !== undefined && maxFailed !== undefined && maxFailed > completions) {
        errs.push(invalid(child(field, 'maxFailedIndexes'), maxFailed, 'must be less than or equal to completions'));
      }
      if (maxFailed !== undefined && maxFailed > MAX_FAILED_INDEXES) {
        errs.push(invalid(child(field, 'maxFailedIndexes'), maxFailed, `must be less than or equal to ${MAX_FAILED_INDEXES}`));
      }
      if (completions !== undefined && completions > COMPLETIONS_SOFT_LIMIT && perIndex !== undefined) {
        if (maxFailed === undefined) errs.push(required(child(field, 'maxFailedIndexes'), `must be specified when completions is above ${COMPLETIONS_SOFT_LIMIT}`));
        if (parallelism !== undefined && parallelism > PARALLELISM_LIMIT_HIGH_COMPLETIONS) {
          errs.push(invalid(child(field, 'parallelism'), parallelism, `must be less than or equal to ${PARALLELISM_LIMIT_HIGH_COMPLETIONS} when completions are above ${COMPLETIONS_SOFT_LIMIT} and used with backoff limit per index`));
        }
        if (maxFailed !== undefined && maxFailed > MAX_FAILED_INDEXES_HIGH_COMPLETIONS) {
          errs.push(invalid(child(field, 'maxFailedIndexes'), maxFailed, `must be less than or equal to ${MAX_FAILED_INDEXES_HIGH_COMPLETIONS} when completions are above ${COMPLETIONS_SOFT_LIMIT} and used with backoff limit per index`));
        }
      }
    }
  }
  if (mode === undefined || mode === 'NonIndexed') {
    if (perIndex !== undefined) errs.push(invalid(child(field, 'backoffLimitPerIndex'), perIndex, 'requires indexed completion mode'));
    if (maxFailed !== undefined) errs.push(invalid(child(field, 'maxFailedIndexes'), maxFailed, 'requires indexed completion mode'));
  }
  if (spec.podFailurePolicy != null) errs.push(...validatePodFailurePolicy(spec, child(field, 'podFailurePolicy')));
  if (spec.successPolicy != null) {
    if (mode !== 'Indexed') errs.push(invalid(child(field, 'successPolicy'), spec.successPolicy, 'requires indexed completion mode'));
    else errs.push(...validateSuccessPolicy(spec, child(field, 'successPolicy')));
  }
  const prp = str(spec.podReplacementPolicy);
  if (prp !== undefined) {
    if (spec.podFailurePolicy != null) {
      if (prp !== 'Failed') errs.push(notSupported(child(field, 'podReplacementPolicy'), prp, ['Failed']));
    } else if (prp !== 'Failed' && prp !== 'TerminatingOrFailed') {
      errs.push(notSupported(child(field, 'podReplacementPolicy'), prp, ['Failed', 'TerminatingOrFailed']));
    }
  }
  const template = objOrEmpty(spec.template);
  errs.push(...validatePodTemplateSpec(template, child(field, 'template')));
  const rp = strOr(objOrEmpty(template.spec).restartPolicy);
  const rpPath = child(field, 'template', 'spec', 'restartPolicy');
  if (rp === 'Always' || rp === '') errs.push(required(rpPath, 'valid values: "OnFailure", "Never"'));
  else if (rp !== 'OnFailure' && rp !== 'Never') errs.push(notSupported(rpPath, rp, ['OnFailure', 'Never']));
  else if (spec.podFailurePolicy != null && rp !== 'Never') errs.push(invalid(rpPath, rp, 'only "Never" is supported when podFailurePolicy is specified'));
  return errs;
}

function validateJobSpec(spec: Obj): FieldError[] {
  const errs = validateJobSpecCommon(spec, 'spec');
  if (spec.selector == null) errs.push(required('spec.selector'));
  else errs.push(...validateLabelSelector(spec.selector, 'spec.selector'));
  const selector = spec.selector == null ? undefined : asSelector(spec.selector);
  const template = objOrEmpty(spec.template);
  if (selector !== undefined && !selector.matches(templateLabels(template))) {
    errs.push(selectorMismatch('spec.template.metadata.labels', templateLabels(template)));
  }
  return errs;
}

/**
 * The selector and template labels kube generates for a Job that does not ask for a manual
 * selector (job strategy PrepareForCreate). Needs metadata.uid; mutates `job`.
 */
export function generateJobSelector(job: Obj): void {
  const spec = isObjRecord(job.spec) ? job.spec : (job.spec = {});
  if (spec.manualSelector === true) return;
  const template = isObjRecord(spec.template) ? spec.template : (spec.template = {});
  const meta = isObjRecord(template.metadata) ? template.metadata : (template.metadata = {});
  const labels = isObjRecord(meta.labels) ? meta.labels : (meta.labels = {});
  const name = strOr(metaOf(job).name);
  const uid = strOr(metaOf(job).uid);
  for (const k of [LEGACY_JOB_NAME_LABEL, JOB_NAME_LABEL]) if (!(k in labels)) labels[k] = name;
  for (const k of [LEGACY_CONTROLLER_UID_LABEL, CONTROLLER_UID_LABEL]) if (!(k in labels)) labels[k] = uid;
  const selector = isObjRecord(spec.selector) ? spec.selector : (spec.selector = {});
  const matchLabels = isObjRecord(selector.matchLabels) ? selector.matchLabels : (selector.matchLabels = {});
  if (!(CONTROLLER_UID_LABEL in matchLabels)) matchLabels[CONTROLLER_UID_LABEL] = uid;
}

function isObjRecord(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function prepared(job: Obj): Obj {
  const spec = objOrEmpty(job.spec);
  // Generation is idempotent, so this is a no-op when the registry has already run it.
  if (spec.manualSelector === true || strOr(metaOf(job).uid) === '') return job;
  const copy = clone(job);
  generateJobSelector(copy);
  return copy;
}

function validateJob(raw: Obj): FieldError[] {
  const job = prepared(raw);
  const spec = objOrEmpty(job.spec);
  const errs = validateKubeObjectMeta(job, true, nameIsDNSSubdomain);
  errs.push(...validateGeneratedSelector(job));
  errs.push(...validateJobSpec(spec));
  const completions = num(spec.completions);
  if (str(spec.completionMode) === 'Indexed' && completions !== undefined && completions > 0) {
    const name = strOr(metaOf(job).name);
    const hostname = `${name}-${completions - 1}`;
    if (isDNS1123Label(hostname).length > 0) {
      errs.push(invalid('metadata.name', name, `will not able to create pod with invalid DNS label: ${hostname}`));
    }
  }
  return errs;
}

function validateJobUpdate(o: Obj, old: Obj): FieldError[] {
  const spec = objOrEmpty(o.spec);
  const oldSpec = objOrEmpty(old.spec);
  const errs = [...validateJob(o), ...validateKubeObjectMetaUpdate(o, old), ...validateJobSpec(spec)];
  const isIndexed = str(spec.completionMode) === 'Indexed';
  if (!deepEqual(spec.completions, oldSpec.completions)) {
    if (!isIndexed) errs.push(...validateImmutable(spec.completions, oldSpec.completions, 'spec.completions'));
    else if (spec.completions != null && num(spec.completions) !== num(spec.parallelism)) {
      errs.push(invalid('spec.completions', spec.completions, 'can only be modified in tandem with spec.parallelism'));
    }
  }
  errs.push(...validateImmutable(spec.selector, oldSpec.selector, 'spec.selector', goLabelSelector(spec.selector)));
  // A suspended Job that never started may change its scheduling directives.
  const template = clone(objOrEmpty(spec.template));
  const oldTemplate = clone(objOrEmpty(oldSpec.template));
  if (oldSpec.suspend === true && objOrEmpty(old.status).startTime == null) {
    const ts = objOrEmpty(template.spec);
    const ots = isObjRecord(oldTemplate.spec) ? oldTemplate.spec : (oldTemplate.spec = {});
    ots.nodeSelector = ts.nodeSelector;
    ots.tolerations = ts.tolerations;
    ots.schedulingGates = ts.schedulingGates;
    const oa = objOrEmpty(ots.affinity);
    const na = objOrEmpty(ts.affinity);
    if (ts.affinity === undefined && ots.affinity !== undefined) {
      delete oa.nodeAffinity;
      if (Object.keys(oa).length === 0) delete ots.affinity;
    } else if (ts.affinity !== undefined && ots.affinity === undefined) {
      ots.affinity = { nodeAffinity: na.nodeAffinity };
    } else if (ts.affinity !== undefined) {
      oa.nodeAffinity = na.nodeAffinity;
    }
    const om = isObjRecord(oldTemplate.metadata) ? oldTemplate.metadata : (oldTemplate.metadata = {});
    om.labels = objOrEmpty(template.metadata).labels;
    om.annotations = objOrEmpty(template.metadata).annotations;
  }
  errs.push(...validateImmutable(template, oldTemplate, 'spec.template'));
  for (const k of ['completionMode', 'podFailurePolicy', 'backoffLimitPerIndex', 'managedBy', 'successPolicy']) {
    errs.push(...validateImmutable(spec[k], oldSpec[k], `spec.${k}`));
  }
  return errs;
}

export const jobs: KindValidator = {
  group: 'batch',
  kind: 'Job',
  resource: 'jobs',
  namespaced: true,
  nameRule: 'DNS1123Subdomain',
  create: validateJob,
  update: validateJobUpdate,
};

// ---- CronJob -------------------------------------------------------------------------------

const TZ_PART = /^[A-Za-z.\-_0-9+]{1,14}$/;

function validateTimeZone(tz: unknown, field: string): FieldError[] {
  const zone = str(tz);
  if (zone === undefined) return [];
  if (zone === '') return [invalid(field, zone, 'timeZone must be nil or non-empty string')];
  for (const part of zone.split('/')) {
    if (part === '.' || part === '..' || part.startsWith('-') || !TZ_PART.test(part)) return [invalid(field, zone, `unknown time zone ${zone}`)];
  }
  if (zone.toLowerCase() === 'local') {
    return [invalid(field, zone, 'timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones')];
  }
  if (!isValidTimeZone(zone)) return [invalid(field, zone, `unknown time zone ${zone}`)];
  return [];
}

function validateCronJobSpec(spec: Obj, oldSpec: Obj | undefined): FieldError[] {
  const errs: FieldError[] = [];
  const schedule = strOr(spec.schedule);
  if (schedule === '') errs.push(required('spec.schedule'));
  else {
    try {
      parseSchedule(schedule);
    } catch (e) {
      errs.push(invalid('spec.schedule', schedule, (e as Error).message));
    }
    const allowTZ = oldSpec !== undefined && strOr(oldSpec.schedule).includes('TZ');
    if (allowTZ && schedule.includes('TZ') && spec.timeZone != null) {
      errs.push(invalid('spec.schedule', schedule, 'cannot use both timeZone field and TZ or CRON_TZ in schedule'));
    } else if (!allowTZ && schedule.includes('TZ')) {
      errs.push(invalid('spec.schedule', schedule, 'cannot use TZ or CRON_TZ in schedule, use timeZone field instead'));
    }
  }
  const sds = num(spec.startingDeadlineSeconds);
  if (sds !== undefined) errs.push(...validateNonnegative(sds, 'spec.startingDeadlineSeconds'));
  if (oldSpec === undefined || (oldSpec.timeZone ?? null) !== (spec.timeZone ?? null)) errs.push(...validateTimeZone(spec.timeZone, 'spec.timeZone'));
  const cp = strOr(spec.concurrencyPolicy);
  if (cp === '') errs.push(required('spec.concurrencyPolicy'));
  else if (!['Allow', 'Forbid', 'Replace'].includes(cp)) errs.push(notSupported('spec.concurrencyPolicy', cp, ['Allow', 'Forbid', 'Replace']));
  const jt = objOrEmpty(spec.jobTemplate);
  const jtSpec = objOrEmpty(jt.spec);
  errs.push(...validateJobSpecCommon(jtSpec, 'spec.jobTemplate.spec'));
  if (jtSpec.selector != null) errs.push(invalid('spec.jobTemplate.spec.selector', goLabelSelector(jtSpec.selector), '`selector` will be auto-generated'));
  if (jtSpec.manualSelector === true) errs.push(notSupported('spec.jobTemplate.spec.manualSelector', true, ['nil', 'false']));
  for (const k of ['successfulJobsHistoryLimit', 'failedJobsHistoryLimit']) {
    const v = num(spec[k]);
    if (v !== undefined) errs.push(...validateNonnegative(v, `spec.${k}`));
  }
  return errs;
}

export const cronJobs: KindValidator = {
  group: 'batch',
  kind: 'CronJob',
  resource: 'cronjobs',
  namespaced: true,
  nameRule: 'DNS1123Subdomain',
  create: (o) => {
    const errs = [...validateKubeObjectMeta(o, true, nameIsDNSSubdomain), ...validateCronJobSpec(objOrEmpty(o.spec), undefined)];
    const name = strOr(metaOf(o).name);
    // The controller appends an 11-character suffix when it creates Jobs.
    if (name.length > 52) errs.push(invalid('metadata.name', name, 'must be no more than 52 characters'));
    return errs;
  },
  update: (o, old) => [...validateKubeObjectMetaUpdate(o, old), ...validateCronJobSpec(objOrEmpty(o.spec), objOrEmpty(old.spec))],
};

