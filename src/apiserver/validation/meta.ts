/**
 * ObjectMeta rules shared by every kind: the generic checks kube-apiserver's registry runs for all
 * resources, the core-group flavour built-in kinds use (stricter finalizer names), update
 * immutability, and the metav1 helpers (labels, label selectors, owner references).
 */
import {
  child,
  forbidden,
  goValue,
  index,
  invalid,
  notSupported,
  required,
  tooLong,
  type FieldError,
} from './errors.js';
import { goQuote, goStringMap, goStringSlice } from './go-format.js';
import { deepEqual, isObj, num, obj, objArr, strArr, strMap, strOr, type Obj } from './json.js';
import { nameIsDNSLabel, type NameFn } from './names.js';
import { isQualifiedName, isValidLabelValue, byteLength } from './strings.js';

export const FIELD_IMMUTABLE = 'field is immutable';
export const IS_NEGATIVE = 'must be greater than or equal to 0';
export const TOTAL_ANNOTATION_SIZE_LIMIT = 256 * 1024;
const FIELD_MANAGER_MAX_LENGTH = 128;
const MAX_SUBRESOURCE_NAME_LENGTH = 256;

export function metaOf(o: Obj): Obj {
  return obj(o.metadata) ?? {};
}

export function validateNonnegative(value: number, field: string): FieldError[] {
  return value < 0 ? [invalid(field, value, IS_NEGATIVE)] : [];
}

/** ValidateImmutableField: Invalid(new value) "field is immutable" when the values differ. */
export function validateImmutable(newVal: unknown, oldVal: unknown, field: string, rendered?: unknown): FieldError[] {
  return deepEqual(newVal, oldVal) ? [] : [invalid(field, rendered ?? newVal ?? null, FIELD_IMMUTABLE)];
}

export function validateLabelName(name: string, field: string): FieldError[] {
  return isQualifiedName(name).map((m) => invalid(field, name, m));
}

export function validateLabels(labels: Record<string, string> | undefined, field: string): FieldError[] {
  const errs: FieldError[] = [];
  for (const [k, v] of Object.entries(labels ?? {})) {
    errs.push(...validateLabelName(k, field));
    for (const m of isValidLabelValue(v)) errs.push(invalid(field, v, m));
  }
  return errs;
}

export function validateQualifiedName(value: string, field: string): FieldError[] {
  return isQualifiedName(value).map((m) => invalid(field, value, m));
}

export function validateAnnotations(annotations: Record<string, string> | undefined, field: string): FieldError[] {
  const errs: FieldError[] = [];
  let total = 0;
  for (const [k, v] of Object.entries(annotations ?? {})) {
    // Annotation keys follow the qualified-name rule but case does not matter.
    for (const m of isQualifiedName(k.toLowerCase())) errs.push(invalid(field, k, m));
    total += byteLength(k) + byteLength(v);
  }
  if (total > TOTAL_ANNOTATION_SIZE_LIMIT) errs.push(tooLong(field, TOTAL_ANNOTATION_SIZE_LIMIT));
  return errs;
}

const STANDARD_FINALIZERS = new Set(['kubernetes', 'orphan', 'foregroundDeletion']);

export function validateFinalizerName(name: string, field: string): FieldError[] {
  return isQualifiedName(name).map((m) => invalid(field, name, m));
}

/** The extra rule built-in kinds apply: an unprefixed finalizer must be a standard one. */
export function validateKubeFinalizerName(name: string, field: string): FieldError[] {
  if (!name.includes('/') && !STANDARD_FINALIZERS.has(name)) {
    return [invalid(field, name, 'name is neither a standard finalizer name nor is it fully qualified')];
  }
  return [];
}

export function validateFinalizers(finalizers: string[], field: string): FieldError[] {
  const errs: FieldError[] = [];
  for (const f of finalizers) errs.push(...validateFinalizerName(f, field));
  if (finalizers.includes('orphan') && finalizers.includes('foregroundDeletion')) {
    errs.push(invalid(field, goValue(goStringSlice(finalizers)), 'finalizer orphan and foregroundDeletion cannot be both set'));
  }
  return errs;
}

function splitAPIVersion(apiVersion: string): { group: string; version: string } {
  if (apiVersion === '') return { group: '', version: '' };
  const i = apiVersion.indexOf('/');
  if (i < 0) return { group: '', version: apiVersion };
  // schema.ParseGroupVersion rejects more than one slash; FromAPIVersionAndKind then leaves both empty.
  if (apiVersion.indexOf('/', i + 1) >= 0) return { group: '', version: '' };
  return { group: apiVersion.slice(0, i), version: apiVersion.slice(i + 1) };
}

// Go prints pointer addresses for the *bool fields; the pointed-to value is more useful here.
function renderOwnerReference(r: Obj): string {
  const b = (v: unknown): string => (typeof v === 'boolean' ? `(*bool)(${v})` : '(*bool)(nil)');
  return `v1.OwnerReference{APIVersion:${goQuote(strOr(r.apiVersion))}, Kind:${goQuote(strOr(r.kind))}, Name:${goQuote(strOr(r.name))}, UID:${goQuote(strOr(r.uid))}, Controller:${b(r.controller)}, BlockOwnerDeletion:${b(r.blockOwnerDeletion)}}`;
}

function renderOwnerReferences(refs: Obj[]): string {
  return `[]v1.OwnerReference{${refs.map(renderOwnerReference).join(', ')}}`;
}

export function validateOwnerReferences(refsRaw: unknown, field: string): FieldError[] {
  const errs: FieldError[] = [];
  const refs = objArr(refsRaw);
  let firstController = '';
  for (const ref of refs) {
    const apiVersion = strOr(ref.apiVersion);
    const kind = strOr(ref.kind);
    const { group, version } = splitAPIVersion(apiVersion);
    if (version === '') errs.push(invalid(child(field, 'apiVersion'), apiVersion, 'version must not be empty'));
    if (kind === '') errs.push(invalid(child(field, 'kind'), kind, 'kind must not be empty'));
    if (strOr(ref.name) === '') errs.push(invalid(child(field, 'name'), strOr(ref.name), 'name must not be empty'));
    if (strOr(ref.uid) === '') errs.push(invalid(child(field, 'uid'), strOr(ref.uid), 'uid must not be empty'));
    if (group === '' && version === 'v1' && kind === 'Event') {
      errs.push(invalid(field, goValue(renderOwnerReference(ref)), '/v1, Kind=Event is disallowed from being an owner'));
    }
    if (ref.controller === true) {
      const current = `${kind}/${strOr(ref.name)}`;
      if (firstController !== '') {
        errs.push(
          invalid(
            field,
            goValue(renderOwnerReferences(refs)),
            `Only one reference can have Controller set to true. Found "true" in references for ${firstController} and ${current}`,
          ),
        );
      } else {
        firstController = current;
      }
    }
  }
  return errs;
}

function isPrintable(ch: string): boolean {
  return ch === ' ' || !/[\p{C}\p{Z}]/u.test(ch);
}

export function validateFieldManager(manager: string, field: string): FieldError[] {
  const errs: FieldError[] = [];
  if (byteLength(manager) > FIELD_MANAGER_MAX_LENGTH) errs.push(tooLong(field, FIELD_MANAGER_MAX_LENGTH));
  let pos = 0;
  for (const ch of manager) {
    if (!isPrintable(ch)) {
      const cp = ch.codePointAt(0) ?? 0;
      const u = `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
      errs.push(invalid(field, manager, `invalid character ${u} (at position ${pos})`));
    }
    pos += byteLength(ch);
  }
  return errs;
}

export function validateManagedFields(entries: unknown, field: string): FieldError[] {
  const errs: FieldError[] = [];
  objArr(entries).forEach((e, i) => {
    const p = index(field, i);
    const op = strOr(e.operation);
    if (op !== 'Apply' && op !== 'Update') errs.push(invalid(child(p, 'operation'), op, 'must be `Apply` or `Update`'));
    const ft = strOr(e.fieldsType);
    if (ft !== '' && ft !== 'FieldsV1') errs.push(invalid(child(p, 'fieldsType'), ft, 'must be `FieldsV1`'));
    errs.push(...validateFieldManager(strOr(e.manager), child(p, 'manager')));
    if (byteLength(strOr(e.subresource)) > MAX_SUBRESOURCE_NAME_LENGTH) {
      errs.push(tooLong(child(p, 'subresource'), MAX_SUBRESOURCE_NAME_LENGTH));
    }
  });
  return errs;
}

/**
 * ValidateObjectMetaAccessor (apimachinery): name or generateName per `nameFn`, namespace required
 * or forbidden by scope, labels, annotations, owner references, finalizers, managed fields.
 */
export function validateObjectMeta(o: Obj, namespaced: boolean, nameFn: NameFn, field = 'metadata'): FieldError[] {
  const m = metaOf(o);
  const errs: FieldError[] = [];
  const generateName = strOr(m.generateName);
  if (generateName !== '') {
    for (const msg of nameFn(generateName, true)) errs.push(invalid(child(field, 'generateName'), generateName, msg));
  }
  const name = strOr(m.name);
  if (name === '') errs.push(required(child(field, 'name'), 'name or generateName is required'));
  else for (const msg of nameFn(name, false)) errs.push(invalid(child(field, 'name'), name, msg));
  const ns = strOr(m.namespace);
  if (namespaced) {
    if (ns === '') errs.push(required(child(field, 'namespace')));
    else for (const msg of nameIsDNSLabel(ns, false)) errs.push(invalid(child(field, 'namespace'), ns, msg));
  } else if (ns !== '') {
    errs.push(forbidden(child(field, 'namespace'), 'not allowed on this type'));
  }
  const generation = num(m.generation);
  if (generation !== undefined) errs.push(...validateNonnegative(generation, child(field, 'generation')));
  errs.push(...validateLabels(strMap(m.labels), child(field, 'labels')));
  errs.push(...validateAnnotations(strMap(m.annotations), child(field, 'annotations')));
  errs.push(...validateOwnerReferences(m.ownerReferences, child(field, 'ownerReferences')));
  errs.push(...validateFinalizers(strArr(m.finalizers), child(field, 'finalizers')));
  errs.push(...validateManagedFields(m.managedFields, child(field, 'managedFields')));
  return errs;
}

/** The core-group ValidateObjectMeta: the generic rules plus kube's finalizer-name rule. */
export function validateKubeObjectMeta(o: Obj, namespaced: boolean, nameFn: NameFn, field = 'metadata'): FieldError[] {
  const errs = validateObjectMeta(o, namespaced, nameFn, field);
  strArr(metaOf(o).finalizers).forEach((f, i) => {
    errs.push(...validateKubeFinalizerName(f, index(child(field, 'finalizers'), i)));
  });
  return errs;
}

/** metav1.Time's String(): `2006-01-02 15:04:05 +0000 UTC`. */
export function goTime(v: unknown): unknown {
  if (typeof v !== 'string') return v ?? null;
  const d = new Date(v);
  if (Number.isNaN(d.getTime())) return v;
  const iso = d.toISOString();
  const frac = iso.slice(20, 23).replace(/0+$/, '');
  return goValue(`${iso.slice(0, 10)} ${iso.slice(11, 19)}${frac === '' ? '' : `.${frac}`} +0000 UTC`);
}

/** ValidateObjectMetaAccessorUpdate (apimachinery). */
export function validateObjectMetaUpdate(o: Obj, old: Obj, field = 'metadata'): FieldError[] {
  const m = metaOf(o);
  const om = metaOf(old);
  const errs: FieldError[] = [];
  if (om.deletionTimestamp !== undefined && om.deletionTimestamp !== null) {
    const oldSet = new Set(strArr(om.finalizers));
    const extra = [...new Set(strArr(m.finalizers).filter((f) => !oldSet.has(f)))].sort();
    if (extra.length > 0) {
      errs.push(
        forbidden(
          child(field, 'finalizers'),
          `no new finalizers can be added if the object is being deleted, found new finalizers ${goStringSlice(extra)}`,
        ),
      );
    }
  }
  const rv = strOr(m.resourceVersion);
  if (rv === '') errs.push(invalid(child(field, 'resourceVersion'), rv, 'must be specified for an update'));
  const gen = num(m.generation) ?? 0;
  if (gen < (num(om.generation) ?? 0)) errs.push(invalid(child(field, 'generation'), gen, 'must not be decremented'));
  errs.push(...validateImmutable(strOr(m.name), strOr(om.name), child(field, 'name')));
  errs.push(...validateImmutable(strOr(m.namespace), strOr(om.namespace), child(field, 'namespace')));
  errs.push(...validateImmutable(strOr(m.uid), strOr(om.uid), child(field, 'uid')));
  errs.push(...validateImmutable(m.creationTimestamp, om.creationTimestamp, child(field, 'creationTimestamp'), goTime(m.creationTimestamp)));
  errs.push(...validateImmutable(m.deletionTimestamp, om.deletionTimestamp, child(field, 'deletionTimestamp'), goTime(m.deletionTimestamp)));
  errs.push(...validateImmutable(m.deletionGracePeriodSeconds, om.deletionGracePeriodSeconds, child(field, 'deletionGracePeriodSeconds')));
  errs.push(...validateLabels(strMap(m.labels), child(field, 'labels')));
  errs.push(...validateAnnotations(strMap(m.annotations), child(field, 'annotations')));
  errs.push(...validateOwnerReferences(m.ownerReferences, child(field, 'ownerReferences')));
  errs.push(...validateManagedFields(m.managedFields, child(field, 'managedFields')));
  return errs;
}

/** The core-group ValidateObjectMetaUpdate: adds the finalizer-name rule. */
export function validateKubeObjectMetaUpdate(o: Obj, old: Obj, field = 'metadata'): FieldError[] {
  const errs = validateObjectMetaUpdate(o, old, field);
  strArr(metaOf(o).finalizers).forEach((f, i) => {
    errs.push(...validateKubeFinalizerName(f, index(child(field, 'finalizers'), i)));
  });
  return errs;
}

/**
 * What kube-apiserver does to the incoming object before an update is validated: system fields the
 * client cannot change are carried over from the stored object (uid when omitted, creation
 * timestamp, deletion timestamp and grace period, generation).
 */
export function carryOverSystemMeta(o: Obj, old: Obj): void {
  const m = isObj(o.metadata) ? o.metadata : (o.metadata = {});
  const om = metaOf(old);
  if (om.generation !== undefined) m.generation = om.generation;
  else delete m.generation;
  if (strOr(m.uid) === '' && om.uid !== undefined) m.uid = om.uid;
  if (om.creationTimestamp !== undefined && om.creationTimestamp !== null) m.creationTimestamp = om.creationTimestamp;
  if (om.deletionTimestamp !== undefined && om.deletionTimestamp !== null) m.deletionTimestamp = om.deletionTimestamp;
  if (om.deletionGracePeriodSeconds !== undefined && om.deletionGracePeriodSeconds !== null && m.deletionGracePeriodSeconds == null) {
    m.deletionGracePeriodSeconds = om.deletionGracePeriodSeconds;
  }
}

// ---- metav1.LabelSelector --------------------------------------------------------------------

/** `v1.LabelSelector{...}` as Go's %#v prints it, for immutability messages. */
export function goLabelSelector(sel: unknown): unknown {
  const s = obj(sel);
  if (s === undefined) return null;
  const exprs = objArr(s.matchExpressions);
  const exprText =
    s.matchExpressions === undefined
      ? '[]v1.LabelSelectorRequirement(nil)'
      : `[]v1.LabelSelectorRequirement{${exprs
          .map(
            (e) =>
              `v1.LabelSelectorRequirement{Key:${goQuote(strOr(e.key))}, Operator:${goQuote(strOr(e.operator))}, Values:${goStringSlice(
                Array.isArray(e.values) ? strArr(e.values) : undefined,
              )}}`,
          )
          .join(', ')}}`;
  return goValue(`v1.LabelSelector{MatchLabels:${goStringMap(strMap(s.matchLabels))}, MatchExpressions:${exprText}}`);
}

export interface LabelSelectorValidationOptions {
  allowInvalidLabelValueInSelector?: boolean;
}

/** metav1validation.ValidateLabelSelector. */
export function validateLabelSelector(sel: unknown, field: string, opts: LabelSelectorValidationOptions = {}): FieldError[] {
  const s = obj(sel);
  if (s === undefined) return [];
  const errs = validateLabels(strMap(s.matchLabels), child(field, 'matchLabels'));
  objArr(s.matchExpressions).forEach((e, i) => {
    const p = index(child(field, 'matchExpressions'), i);
    const values = strArr(e.values);
    const op = strOr(e.operator);
    switch (op) {
      case 'In':
      case 'NotIn':
        if (values.length === 0) errs.push(required(child(p, 'values'), "must be specified when `operator` is 'In' or 'NotIn'"));
        break;
      case 'Exists':
      case 'DoesNotExist':
        if (values.length > 0) errs.push(forbidden(child(p, 'values'), "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
        break;
      default:
        errs.push(invalid(child(p, 'operator'), op, 'not a valid selector operator'));
    }
    errs.push(...validateLabelName(strOr(e.key), child(p, 'key')));
    if (opts.allowInvalidLabelValueInSelector !== true) {
      values.forEach((v, j) => {
        for (const m of isValidLabelValue(v)) errs.push(invalid(index(child(p, 'values'), j), v, m));
      });
    }
  });
  return errs;
}

/** The `type` of a node-selector / toleration style enum check with Go's sorted value list. */
export function validateEnum(value: string, field: string, allowed: readonly string[], requiredWhenEmpty = true): FieldError[] {
  if (value === '') return requiredWhenEmpty ? [required(field)] : [];
  return allowed.includes(value) ? [] : [notSupported(field, value, allowed)];
}

