/**
 * batch/v1 defaults (pkg/apis/batch/v1/defaults.go) with the pod template defaults, as of 1.32
 * (JobPodReplacementPolicy enabled).
 */
import { defaultPodTemplateSpec } from './pod-spec.js';
import { ensureObj, objAt, objsAt, setDefault, setDefaultString, type Obj } from './util.js';

const MAX_INT32 = 2147483647;
export const DEFAULT_BACKOFF_LIMIT = 6;

function defaultPodFailurePolicy(spec: Obj): void {
  const policy = objAt(spec, 'podFailurePolicy');
  if (policy === undefined) return;
  for (const rule of objsAt(policy, 'rules')) {
    for (const pattern of objsAt(rule, 'onPodConditions')) setDefaultString(pattern, 'status', 'True');
  }
}

/**
 * SetDefaults_Job. When the Job has no labels it takes its template's labels: kube assigns the
 * same map, so the labels the job registry later generates for the template (see
 * `prepareJobForCreate`) show on the Job too. The object shares that map in the same way.
 */
export function defaultJob(job: Obj): void {
  const spec = ensureObj(job, 'spec');
  if (isUnset(spec.completions) && isUnset(spec.parallelism)) {
    spec.completions = 1;
    spec.parallelism = 1;
  }
  setDefault(spec, 'parallelism', 1);
  setDefault(spec, 'backoffLimit', isUnset(spec.backoffLimitPerIndex) ? DEFAULT_BACKOFF_LIMIT : MAX_INT32);
  const template = objAt(spec, 'template');
  const templateLabels = template === undefined ? undefined : objAt(objAt(template, 'metadata') ?? {}, 'labels');
  if (templateLabels !== undefined) {
    const meta = ensureObj(job, 'metadata');
    if (Object.keys(objAt(meta, 'labels') ?? {}).length === 0) meta.labels = templateLabels;
  }
  setDefaultString(spec, 'completionMode', 'NonIndexed');
  setDefault(spec, 'suspend', false);
  defaultPodFailurePolicy(spec);
  setDefault(spec, 'podReplacementPolicy', objAt(spec, 'podFailurePolicy') === undefined ? 'TerminatingOrFailed' : 'Failed');
  setDefault(spec, 'manualSelector', false);
  defaultPodTemplateSpec(ensureObj(spec, 'template'));
}

/** SetDefaults_CronJob; the job template gets only its pod template's and pod failure policy's. */
export function defaultCronJob(cj: Obj): void {
  const spec = ensureObj(cj, 'spec');
  setDefaultString(spec, 'concurrencyPolicy', 'Allow');
  setDefault(spec, 'suspend', false);
  setDefault(spec, 'successfulJobsHistoryLimit', 3);
  setDefault(spec, 'failedJobsHistoryLimit', 1);
  const jobSpec = ensureObj(ensureObj(spec, 'jobTemplate'), 'spec');
  defaultPodFailurePolicy(jobSpec);
  defaultPodTemplateSpec(ensureObj(jobSpec, 'template'));
}

function isUnset(v: unknown): boolean {
  return v === undefined || v === null;
}
