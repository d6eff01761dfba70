/**
 * What turning an object into a typed value checks (typed.AsTyped): scalars have the schema's
 * kind, associative list items have their keys (and are unique unless duplicates are allowed),
 * and struct members are declared. Messages follow structured-merge-diff's ValidationErrors.
 */
import { goFormat, isJsonObject } from '../../patch/json-value.js';
import { goJsonString, goTypeName } from '../go-format.js';
import { elementToString, indexElement, pathToString } from '../path.js';
import type { PathElement } from '../path.js';
import { DEDUCED, memberElement } from '../schema-type.js';
import type { ListType, MapType, ScalarType, TypeRef } from '../schema-type.js';
import { deduce, handler, listItemElement, ListItemError } from './atoms.js';

export interface ValidationError {
  readonly path: string;
  readonly message: string;
}

export interface ValidateOptions {
  /** Live objects may hold duplicate list items; applied configurations may not. */
  readonly allowDuplicates: boolean;
  /** Report members a struct does not declare (kube always does; stored objects are read leniently). */
  readonly rejectUnknownFields: boolean;
}

/** ValidationErrors.Error(). */
export function formatValidationErrors(errors: readonly ValidationError[]): string {
  const one = (e: ValidationError): string => (e.path === '' ? e.message : `${e.path}: ${e.message}`);
  if (errors.length === 1 && errors[0] !== undefined) return one(errors[0]);
  return ['errors:', ...errors.map((e) => `  ${one(e)}`)].join('\n');
}

export function validate(value: unknown, type: TypeRef, options: ValidateOptions): ValidationError[] {
  const errors: ValidationError[] = [];
  walk(value, type, [], options, errors);
  return errors;
}

/** `%v` of a value.Value (a pointer to a struct holding the value). */
function goValue(v: unknown): string {
  return `&{${goFormat(v)}}`;
}

/** `%#v` of a decoded JSON value. */
function goSyntax(v: unknown): string {
  if (v === null || v === undefined) return 'interface {}(nil)';
  if (typeof v === 'string') return goJsonString(v);
  if (Array.isArray(v)) return `[]interface {}{${v.map(goSyntax).join(', ')}}`;
  if (isJsonObject(v)) {
    const entries = Object.keys(v).sort().map((k) => `${goJsonString(k)}:${goSyntax(v[k])}`);
    return `map[string]interface {}{${entries.join(', ')}}`;
  }
  return typeof v === 'number' || typeof v === 'boolean' ? String(v) : '';
}

function scalarError(t: ScalarType, v: unknown): string | undefined {
  if (v === null || v === undefined) return undefined;
  const isScalar = typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean';
  switch (t) {
    case 'numeric':
      return typeof v === 'number' ? undefined : `expected numeric (int or float), got ${goTypeName(v)}`;
    case 'string':
      return typeof v === 'string' ? undefined : `expected string, got &value.valueUnstructured{Value:${goSyntax(v)}}`;
    case 'boolean':
      return typeof v === 'boolean' ? undefined : `expected boolean, got ${goValue(v)}`;
    case 'untyped':
      return isScalar ? undefined : `expected any scalar, got ${goValue(v)}`;
  }
}

/** The walk's position: path elements, printed only when an error is reported. */
type Trail = PathElement[];

function report(errors: ValidationError[], trail: Trail, message: string): void {
  errors.push({ path: pathToString(trail), message });
}

function walk(value: unknown, type: TypeRef, trail: Trail, options: ValidateOptions, errors: ValidationError[]): void {
  const atom = type.atom();
  const h = handler(atom, deduce(atom, value));
  switch (h.kind) {
    case 'none':
      report(errors, trail, 'schema error: invalid atom: inlined');
      return;
    case 'scalar': {
      const message = scalarError(h.scalar, value);
      if (message !== undefined) report(errors, trail, message);
      return;
    }
    case 'list':
      walkList(value, h.list, trail, options, errors);
      return;
    case 'map':
      walkMap(value, h.map, trail, options, errors);
      return;
  }
}

function walkList(value: unknown, list: ListType, trail: Trail, options: ValidateOptions, errors: ValidationError[]): void {
  if (value === null || value === undefined) return;
  if (!Array.isArray(value)) {
    report(errors, trail, `expected list, got ${goValue(value)}`);
    return;
  }
  const seen = new Set<string>();
  for (let i = 0; i < value.length; i++) {
    const item: unknown = value[i];
    let pe: PathElement;
    if (list.atomic) {
      pe = indexElement(i);
    } else {
      try {
        pe = listItemElement(list, item);
      } catch (e) {
        if (!(e instanceof ListItemError)) throw e;
        report(errors, trail, `element ${i}: ${e.message}`);
        return;
      }
      if (seen.has(pe.id) && !options.allowDuplicates) report(errors, trail, `duplicate entries for key ${elementToString(pe)}`);
      seen.add(pe.id);
    }
    trail.push(pe);
    walk(item, list.element, trail, options, errors);
    trail.pop();
  }
}

function walkMap(value: unknown, map: MapType, trail: Trail, options: ValidateOptions, errors: ValidationError[]): void {
  if (value === null || value === undefined) return;
  if (!isJsonObject(value)) {
    report(errors, trail, `expected map, got ${goValue(value)}`);
    return;
  }
  for (const key of Object.keys(value)) {
    let type = map.fields.get(key)?.type ?? map.element;
    trail.push(memberElement(map, key));
    if (type === undefined) {
      if (options.rejectUnknownFields) {
        report(errors, trail, 'field not declared in schema');
        trail.pop();
        return;
      }
      type = DEDUCED;
    }
    walk(value[key], type, trail, options, errors);
    trail.pop();
  }
}
