/**
 * Field errors as kube-apiserver reports them (k8s.io/apimachinery util/validation/field), and
 * the 422 Invalid Status built from them. Messages are rendered the way Go renders them, because
 * clients and users compare them byte for byte (`kubectl` prints the Status message verbatim).
 */
import { goQuote, GoRepr, renderGoValue } from './go-format.js';

export type FieldErrorType =
  | 'FieldValueNotFound'
  | 'FieldValueRequired'
  | 'FieldValueDuplicate'
  | 'FieldValueInvalid'
  | 'FieldValueNotSupported'
  | 'FieldValueForbidden'
  | 'FieldValueTooLong'
  | 'FieldValueTooMany'
  | 'InternalError'
  | 'FieldValueTypeInvalid';

/** Marks a bad value that kube deliberately leaves out of the message. */
export const OMIT_VALUE: unique symbol = Symbol('omit-value');

export interface FieldError {
  readonly type: FieldErrorType;
  /** Dotted path with [index] / [key] subscripts, e.g. `spec.containers[0].image`. */
  readonly field: string;
  readonly detail: string;
  /** The offending value; absent for types whose message never shows one. */
  readonly badValue?: unknown;
  /** The rendered message without the field (`ErrorBody` in Go), as a Status cause carries it. */
  readonly message: string;
}

const TYPE_TEXT: Record<FieldErrorType, string> = {
  FieldValueNotFound: 'Not found',
  FieldValueRequired: 'Required value',
  FieldValueDuplicate: 'Duplicate value',
  FieldValueInvalid: 'Invalid value',
  FieldValueNotSupported: 'Unsupported value',
  FieldValueForbidden: 'Forbidden',
  FieldValueTooLong: 'Too long',
  FieldValueTooMany: 'Too many',
  InternalError: 'Internal error',
  FieldValueTypeInvalid: 'Invalid value',
};

// ---- paths ---------------------------------------------------------------------------------

/** `parent.name`; a path built from an empty root name renders as `[]`, as in Go. */
export function child(parent: string, ...names: string[]): string {
  let p = parent;
  for (const n of names) p = p === '' ? n : `${p}.${n}`;
  return p;
}

export function index(parent: string, i: number): string {
  return `${parent}[${i}]`;
}

export function key(parent: string, k: string): string {
  return `${parent}[${k}]`;
}

// ---- constructors --------------------------------------------------------------------------

/** A field error of any type; `message` is rendered from the other parts. */
export function fieldError(type: FieldErrorType, field: string, detail: string, badValue?: unknown): FieldError {
  const parts = badValue === undefined ? { type, field, detail } : { type, field, detail, badValue };
  return { ...parts, message: errorBody(parts) };
}

export function required(field: string, detail = ''): FieldError {
  return fieldError('FieldValueRequired', field, detail);
}

export function invalid(field: string, badValue: unknown, detail: string): FieldError {
  return fieldError('FieldValueInvalid', field, detail, badValue);
}

export function notFound(field: string, badValue: unknown, detail = ''): FieldError {
  return fieldError('FieldValueNotFound', field, detail, badValue);
}

export function duplicate(field: string, badValue: unknown): FieldError {
  return fieldError('FieldValueDuplicate', field, '', badValue);
}

export function forbidden(field: string, detail: string): FieldError {
  return fieldError('FieldValueForbidden', field, detail);
}

export function notSupported(field: string, badValue: unknown, validValues: readonly string[]): FieldError {
  const detail =
    validValues.length > 0 ? `supported values: ${validValues.map((v) => goQuote(v)).join(', ')}` : '';
  return fieldError('FieldValueNotSupported', field, detail, badValue);
}

export function tooLong(field: string, maxLength: number): FieldError {
  const detail = maxLength >= 0 ? `may not be more than ${maxLength} bytes` : 'value is too long';
  return fieldError('FieldValueTooLong', field, detail);
}

export function tooMany(field: string, actual: number, max: number): FieldError {
  const detail = max >= 0 ? `must have at most ${max} items` : 'has too many items';
  return fieldError('FieldValueTooMany', field, detail, actual >= 0 ? actual : OMIT_VALUE);
}

export function internalError(field: string, message: string): FieldError {
  return fieldError('InternalError', field, message);
}

/** A bad value rendered as Go's `%#v` would render the Go value (struct and map literals). */
export function goValue(text: string): GoRepr {
  return new GoRepr(text);
}

// ---- rendering -----------------------------------------------------------------------------

/** The message without the field: what a Status cause carries (`ErrorBody` in Go). */
export function errorBody(e: Pick<FieldError, 'type' | 'detail' | 'badValue'>): string {
  let s: string;
  switch (e.type) {
    case 'FieldValueRequired':
    case 'FieldValueForbidden':
    case 'FieldValueTooLong':
    case 'InternalError':
      s = TYPE_TEXT[e.type];
      break;
    default:
      s =
        e.badValue === OMIT_VALUE
          ? TYPE_TEXT[e.type]
          : `${TYPE_TEXT[e.type]}: ${renderGoValue(e.badValue)}`;
  }
  return e.detail.length > 0 ? `${s}: ${e.detail}` : s;
}

/** `field: body`, the form inside aggregated messages (`Error()` in Go). */
export function errorString(e: FieldError): string {
  return `${e.field}: ${errorBody(e)}`;
}

/**
 * The aggregate form Go builds with ErrorList.ToAggregate(): duplicates (by message) dropped, one
 * message bare, several in brackets joined by ", ". Empty when there are no errors.
 */
export function aggregateMessage(errors: readonly FieldError[]): string {
  const seen = new Set<string>();
  const msgs: string[] = [];
  for (const e of errors) {
    const m = errorString(e);
    if (seen.has(m)) continue;
    seen.add(m);
    msgs.push(m);
  }
  if (msgs.length === 0) return '';
  if (msgs.length === 1) return msgs[0] ?? '';
  return `[${msgs.join(', ')}]`;
}

export interface GroupKind {
  readonly group: string;
  readonly kind: string;
}

/** `Kind` for the core group, `Kind.group` otherwise (schema.GroupKind.String()). */
export function qualifiedKind(gk: GroupKind): string {
  return gk.group === '' ? gk.kind : `${gk.kind}.${gk.group}`;
}

/** kube-apiserver's 422 message: `Pod "x" is invalid: [a: Required value, b: ...]`. */
export function invalidMessage(gk: GroupKind, name: string, errors: readonly FieldError[]): string {
  const agg = aggregateMessage(errors);
  const head = `${qualifiedKind(gk)} ${goQuote(name)} is invalid`;
  return agg === '' ? head : `${head}: ${agg}`;
}

export interface StatusCause {
  reason: FieldErrorType;
  message: string;
  field?: string;
}

/** The Status causes list; `field` is omitted when empty, as Go's omitempty does. */
export function statusCauses(errors: readonly FieldError[]): StatusCause[] {
  return errors.map((e) => {
    const cause: StatusCause = { reason: e.type, message: errorBody(e) };
    if (e.field !== '') cause.field = e.field;
    return cause;
  });
}

export interface InvalidStatus {
  kind: 'Status';
  apiVersion: 'v1';
  metadata: Record<string, never>;
  status: 'Failure';
  message: string;
  reason: 'Invalid';
  details: { name?: string; group?: string; kind: string; causes: StatusCause[] };
  code: 422;
}

/** The complete Status kube-apiserver answers with for a failed validation. */
export function invalidStatus(gk: GroupKind, name: string, errors: readonly FieldError[]): InvalidStatus {
  const details: InvalidStatus['details'] = { kind: gk.kind, causes: statusCauses(errors) };
  if (name !== '') details.name = name;
  if (gk.group !== '') details.group = gk.group;
  return {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message: invalidMessage(gk, name, errors),
    reason: 'Invalid',
    details,
    code: 422,
  };
}

/** A typed error the API server turns into the 422 Status above. */
export class InvalidError extends Error {
  override readonly name = 'InvalidError';
  readonly code = 422;
  readonly reason = 'Invalid';
  constructor(
    readonly groupKind: GroupKind,
    readonly objectName: string,
    readonly errors: readonly FieldError[],
  ) {
    super(invalidMessage(groupKind, objectName, errors));
  }

  toStatus(): InvalidStatus {
    return invalidStatus(this.groupKind, this.objectName, this.errors);
  }
}
