/**
 * apiextensions.k8s.io/v1: CustomResourceDefinitions, including the structural-schema rules
 * (k8s.io/apiextensions-apiserver: pkg/apis/apiextensions/validation and pkg/apiserver/schema).
 */
import { child, errorString, forbidden, goValue, index, invalid, key, notSupported, required, type FieldError } from './errors.js';
import { isObj, obj, objArr, objOrEmpty, str, strArr, strMap, strOr, type Obj } from './json.js';
import { metaOf, validateImmutable, validateObjectMeta, validateObjectMetaUpdate } from './meta.js';
import { nameIsDNSSubdomain, type NameFn } from './names.js';
import { isDNS1035Label, isDNS1123Subdomain } from './strings.js';
import type { KindValidator } from './types.js';

const OPENAPI_TYPES = ['array', 'boolean', 'integer', 'number', 'object', 'string'];
const PRINTER_COLUMN_TYPES = ['boolean', 'date', 'integer', 'number', 'string'];
const PRINTER_COLUMN_FORMATS = ['byte', 'date', 'date-time', 'double', 'float', 'int32', 'int64', 'password'];
const ACCEPTED_CONVERSION_REVIEW_VERSIONS = ['v1', 'v1beta1'];
const APPROVAL_ANNOTATION = 'api-approved.kubernetes.io';
const ROOT_FIELDS_WITH_STATUS = [
  'Description',
  'Type',
  'Format',
  'Title',
  'Maximum',
  'ExclusiveMaximum',
  'Minimum',
  'ExclusiveMinimum',
  'MaxLength',
  'MinLength',
  'Pattern',
  'MaxItems',
  'MinItems',
  'UniqueItems',
  'MultipleOf',
  'Required',
  'Items',
  'Properties',
  'ExternalDocs',
  'Example',
  'XPreserveUnknownFields',
  'XValidations',
];
const ROOT_KEYS_WITH_STATUS = new Set([
  'description',
  'type',
  'format',
  'title',
  'maximum',
  'exclusiveMaximum',
  'minimum',
  'exclusiveMinimum',
  'maxLength',
  'minLength',
  'pattern',
  'maxItems',
  'minItems',
  'uniqueItems',
  'multipleOf',
  'required',
  'items',
  'properties',
  'externalDocs',
  'example',
  'x-kubernetes-preserve-unknown-fields',
  'x-kubernetes-validations',
]);

// ---- structural schemas --------------------------------------------------------------------

type Level = 'root' | 'item' | 'field';

function schemaProperties(s: Obj): [string, Obj][] {
  return Object.entries(objOrEmpty(s.properties)).map(([k, v]) => [k, objOrEmpty(v)]);
}

function isIntOrStringAnyOf(list: unknown): boolean {
  const a = objArr(list);
  return a.length === 2 && a[0]?.type === 'integer' && a[1]?.type === 'string' && Object.keys(a[0]).length === 1 && Object.keys(a[1]).length === 1;
}

function validateMetadataInvariants(m: Obj, checkMetadata: boolean, lvl: Level, field: string): FieldError[] {
  const errs: FieldError[] = [];
  const type = strOr(m.type);
  if (checkMetadata && type !== 'object') errs.push(invalid(child(field, 'type'), type, 'must be object'));
  if (lvl === 'root') {
    const props = Object.keys(objOrEmpty(m.properties));
    const onlyNames = props.every((p) => p === 'name' || p === 'generateName');
    const extra = Object.keys(m).filter((k) => k !== 'type' && k !== 'default' && !(k === 'properties' && onlyNames));
    if (extra.length > 0) {
      errs.push(forbidden(field, 'must not specify anything other than name and generateName, but metadata is implicitly specified'));
    }
  }
  return errs;
}

/** Rules on schemas nested in anyOf / allOf / oneOf / not, which may only restrict values. */
function validateNestedValueValidation(v: Obj | undefined, skipAnyOf: boolean, field: string): FieldError[] {
  if (v === undefined) return [];
  const errs = validateValueValidation(v, skipAnyOf, false, field);
  const items = obj(v.items);
  if (items !== undefined) errs.push(...validateNestedValueValidation(items, false, child(field, 'items')));
  for (const [k, p] of schemaProperties(v)) errs.push(...validateNestedValueValidation(p, false, key(child(field, 'properties'), k)));
  if (v.type !== undefined && strOr(v.type) !== '') errs.push(forbidden(child(field, 'type'), 'must be empty to be structural'));
  if (v.additionalProperties !== undefined) errs.push(forbidden(child(field, 'additionalProperties'), 'must be undefined to be structural'));
  if (v.default !== undefined) errs.push(forbidden(child(field, 'default'), 'must be undefined to be structural'));
  if (strOr(v.title) !== '') errs.push(forbidden(child(field, 'title'), 'must be empty to be structural'));
  if (strOr(v.description) !== '') errs.push(forbidden(child(field, 'description'), 'must be empty to be structural'));
  if (v.nullable === true) errs.push(forbidden(child(field, 'nullable'), 'must be false to be structural'));
  if (v['x-kubernetes-preserve-unknown-fields'] === true) errs.push(forbidden(child(field, 'x-kubernetes-preserve-unknown-fields'), 'must be false to be structural'));
  if (v['x-kubernetes-embedded-resource'] === true) errs.push(forbidden(child(field, 'x-kubernetes-embedded-resource'), 'must be false to be structural'));
  if (v['x-kubernetes-int-or-string'] === true) errs.push(forbidden(child(field, 'x-kubernetes-int-or-string'), 'must be false to be structural'));
  if (strArr(v['x-kubernetes-list-map-keys']).length > 0) errs.push(forbidden(child(field, 'x-kubernetes-list-map-keys'), 'must be empty to be structural'));
  if (v['x-kubernetes-list-type'] != null) errs.push(forbidden(child(field, 'x-kubernetes-list-type'), 'must be undefined to be structural'));
  if (v['x-kubernetes-map-type'] != null) errs.push(forbidden(child(field, 'x-kubernetes-map-type'), 'must be undefined to be structural'));
  if (objArr(v['x-kubernetes-validations']).length > 0) errs.push(forbidden(child(field, 'x-kubernetes-validations'), 'must be empty to be structural'));
  if ('metadata' in objOrEmpty(v.properties)) errs.push(forbidden(key(child(field, 'properties'), 'metadata'), 'must not be specified in a nested context'));
  return errs;
}

function validateValueValidation(s: Obj, skipAnyOf: boolean, skipFirstAllOfAnyOf: boolean, field: string): FieldError[] {
  const errs: FieldError[] = [];
  if (!skipAnyOf) objArr(s.anyOf).forEach((v, i) => errs.push(...validateNestedValueValidation(v, false, index(child(field, 'anyOf'), i))));
  objArr(s.allOf).forEach((v, i) => errs.push(...validateNestedValueValidation(v, skipFirstAllOfAnyOf && i === 0, index(child(field, 'allOf'), i))));
  objArr(s.oneOf).forEach((v, i) => errs.push(...validateNestedValueValidation(v, false, index(child(field, 'oneOf'), i))));
  errs.push(...validateNestedValueValidation(obj(s.not), false, child(field, 'not')));
  const pattern = str(s.pattern);
  if (pattern !== undefined && pattern !== '') {
    try {
      new RegExp(pattern, 'u');
    } catch (e) {
      errs.push(invalid(child(field, 'pattern'), pattern, `must be a valid regular expression, but isn't: ${(e as Error).message}`));
    }
  }
  return errs;
}

function validateStructuralInvariants(s: Obj | undefined, lvl: Level, field: string): FieldError[] {
  if (s === undefined) return [];
  const errs: FieldError[] = [];
  const type = strOr(s.type);
  const items = obj(s.items);
  if (type === 'array' && items === undefined) errs.push(required(child(field, 'items'), 'must be specified'));
  errs.push(...validateStructuralInvariants(items, 'item', child(field, 'items')));
  for (const [k, p] of schemaProperties(s)) errs.push(...validateStructuralInvariants(p, 'field', key(child(field, 'properties'), k)));
  if (s.additionalProperties !== undefined && s.additionalProperties !== null) {
    if (lvl === 'root') errs.push(forbidden(child(field, 'additionalProperties'), 'must not be used at the root'));
    const ap = obj(s.additionalProperties);
    if (ap !== undefined) errs.push(...validateStructuralInvariants(ap, 'field', child(field, 'additionalProperties')));
  }
  const intOrString = s['x-kubernetes-int-or-string'] === true;
  const preserve = s['x-kubernetes-preserve-unknown-fields'] === true;
  const embedded = s['x-kubernetes-embedded-resource'] === true;
  if (intOrString && preserve) errs.push(invalid(child(field, 'x-kubernetes-preserve-unknown-fields'), true, 'must be false if x-kubernetes-int-or-string is true'));
  if (intOrString && embedded) errs.push(invalid(child(field, 'x-kubernetes-embedded-resource'), true, 'must be false if x-kubernetes-int-or-string is true'));
  const allOf = objArr(s.allOf);
  errs.push(...validateValueValidation(s, isIntOrStringAnyOf(s.anyOf), allOf.length > 0 && isIntOrStringAnyOf(allOf[0]?.anyOf), field));
  const checkMetadata = lvl === 'root' || embedded;
  if (embedded && type !== 'object') {
    if (type === '') errs.push(required(child(field, 'type'), 'must be object if x-kubernetes-embedded-resource is true'));
    else errs.push(invalid(child(field, 'type'), type, 'must be object if x-kubernetes-embedded-resource is true'));
  } else if (type === '' && !intOrString && !preserve) {
    const detail = lvl === 'root' ? 'must not be empty at the root' : lvl === 'item' ? 'must not be empty for specified array items' : 'must not be empty for specified object fields';
    errs.push(required(child(field, 'type'), detail));
  }
  if (embedded && s.additionalProperties != null) errs.push(forbidden(child(field, 'additionalProperties'), 'must not be used if x-kubernetes-embedded-resource is set'));
  if (lvl === 'root' && type !== '' && type !== 'object') errs.push(invalid(child(field, 'type'), type, 'must be object at the root'));
  const props = objOrEmpty(s.properties);
  for (const k of ['kind', 'apiVersion']) {
    const p = obj(props[k]);
    if (p !== undefined && checkMetadata && strOr(p.type) !== 'string') {
      errs.push(invalid(child(key(child(field, 'properties'), k), 'type'), strOr(p.type), 'must be string'));
    }
  }
  const metadata = obj(props.metadata);
  if (metadata !== undefined) errs.push(...validateMetadataInvariants(metadata, checkMetadata, lvl, key(child(field, 'properties'), 'metadata')));
  if (embedded && !preserve && Object.keys(props).length === 0) {
    errs.push(required(child(field, 'properties'), 'must not be empty if x-kubernetes-embedded-resource is true without x-kubernetes-preserve-unknown-fields'));
  }
  return errs;
}

/** ValidateStructural: the invariants, sorted by message as kube sorts them. */
export function validateStructuralSchema(schema: Obj, field: string): FieldError[] {
  const errs = validateStructuralInvariants(schema, 'root', field);
  return errs.sort((a, b) => (errorString(a) < errorString(b) ? -1 : errorString(a) > errorString(b) ? 1 : 0));
}

interface SchemaContext {
  allowDefaults: boolean;
  disallowDefaultsReason: string;
  insideResourceMeta: boolean;
}

/** ValidateCustomResourceDefinitionOpenAPISchema: the rules beyond structurality. */
function validateOpenAPISchema(s: Obj | undefined, field: string, ctx: SchemaContext, isRoot: boolean): FieldError[] {
  if (s === undefined) return [];
  const errs: FieldError[] = [];
  const type = strOr(s.type);
  if (type !== '' && !OPENAPI_TYPES.includes(type)) errs.push(notSupported(child(field, 'type'), type, OPENAPI_TYPES));
  if (s.default !== undefined && !ctx.allowDefaults) {
    errs.push(forbidden(child(field, 'default'), `must not be set${ctx.disallowDefaultsReason === '' ? '' : ` ${ctx.disallowDefaultsReason}`}`));
  }
  if (strOr(s.id) !== '') errs.push(forbidden(child(field, 'id'), 'id is not supported'));
  if (s.additionalItems != null) errs.push(forbidden(child(field, 'additionalItems'), 'additionalItems is not supported'));
  if (Object.keys(objOrEmpty(s.patternProperties)).length > 0) errs.push(forbidden(child(field, 'patternProperties'), 'patternProperties is not supported'));
  if (Object.keys(objOrEmpty(s.definitions)).length > 0) errs.push(forbidden(child(field, 'definitions'), 'definitions is not supported'));
  if (s.dependencies != null) errs.push(forbidden(child(field, 'dependencies'), 'dependencies is not supported'));
  if (s.$ref != null) errs.push(forbidden(child(field, '$ref'), '$ref is not supported'));
  if (type === 'null') errs.push(forbidden(child(field, 'type'), 'type cannot be set to null, use nullable as an alternative'));
  if (Array.isArray(s.items)) errs.push(forbidden(child(field, 'items'), 'items must be a schema object and not an array'));
  if (ctx.insideResourceMeta && s['x-kubernetes-embedded-resource'] === true) {
    errs.push(forbidden(child(field, 'x-kubernetes-embedded-resource'), 'must not be used inside of resource meta'));
  }
  if (s.uniqueItems === true) errs.push(forbidden(child(field, 'uniqueItems'), 'uniqueItems cannot be set to true since the runtime complexity becomes quadratic'));
  const props = schemaProperties(s);
  if (s.additionalProperties !== undefined && s.additionalProperties !== null) {
    if (props.length > 0 && (s.additionalProperties === false || isObj(s.additionalProperties))) {
      errs.push(forbidden(child(field, 'additionalProperties'), 'additionalProperties and properties are mutual exclusive'));
    }
    const sub = ctx.insideResourceMeta ? { ...ctx, allowDefaults: false, disallowDefaultsReason: 'inside additionalProperties applying to object metadata' } : ctx;
    errs.push(...validateOpenAPISchema(obj(s.additionalProperties), child(field, 'additionalProperties'), sub, false));
  }
  for (const [k, p] of props) {
    let sub = ctx;
    if ((isRoot || s['x-kubernetes-embedded-resource'] === true) && ['metadata', 'kind', 'apiVersion'].includes(k)) {
      sub = { ...sub, insideResourceMeta: true };
      if (isRoot) sub = { ...sub, allowDefaults: false, disallowDefaultsReason: `in top-level ${k}` };
    }
    errs.push(...validateOpenAPISchema(p, key(child(field, 'properties'), k), sub, false));
  }
  errs.push(...validateOpenAPISchema(obj(s.not), child(field, 'not'), ctx, false));
  for (const k of ['allOf', 'oneOf', 'anyOf']) objArr(s[k]).forEach((x, i) => errs.push(...validateOpenAPISchema(x, index(child(field, k), i), ctx, false)));
  errs.push(...validateOpenAPISchema(obj(s.items), child(field, 'items'), ctx, false));
  if (s['x-kubernetes-preserve-unknown-fields'] === false) {
    errs.push(invalid(child(field, 'x-kubernetes-preserve-unknown-fields'), false, 'must be true or undefined'));
  }
  const mapType = str(s['x-kubernetes-map-type']);
  if (mapType !== undefined && type !== 'object') {
    if (type === '') errs.push(required(child(field, 'type'), 'must be object if x-kubernetes-map-type is specified'));
    else errs.push(invalid(child(field, 'type'), type, 'must be object if x-kubernetes-map-type is specified'));
  }
  if (mapType !== undefined && mapType !== 'atomic' && mapType !== 'granular') {
    errs.push(notSupported(child(field, 'x-kubernetes-map-type'), mapType, ['atomic', 'granular']));
  }
  const listType = str(s['x-kubernetes-list-type']);
  const items = obj(s.items);
  if (listType !== undefined && type !== 'array') {
    if (type === '') errs.push(required(child(field, 'type'), 'must be array if x-kubernetes-list-type is specified'));
    else errs.push(invalid(child(field, 'type'), type, 'must be array if x-kubernetes-list-type is specified'));
  } else if (listType === 'set' && items !== undefined) {
    if (strOr(items.type) === 'array' && items['x-kubernetes-list-type'] != null && items['x-kubernetes-list-type'] !== 'atomic') {
      errs.push(invalid(child(field, 'items', 'x-kubernetes-list-type'), items['x-kubernetes-list-type'], 'must be atomic as item of a list with x-kubernetes-list-type=set'));
    }
    if (strOr(items.type) === 'object' && items['x-kubernetes-map-type'] !== 'atomic') {
      errs.push(invalid(child(field, 'items', 'x-kubernetes-map-type'), items['x-kubernetes-list-type'] ?? null, 'must be atomic as item of a list with x-kubernetes-list-type=set'));
    }
  }
  if (listType !== undefined && !['atomic', 'set', 'map'].includes(listType)) {
    errs.push(notSupported(child(field, 'x-kubernetes-list-type'), listType, ['atomic', 'set', 'map']));
  }
  const mapKeys = strArr(s['x-kubernetes-list-map-keys']);
  if (mapKeys.length > 0) {
    if (listType === undefined) errs.push(required(child(field, 'x-kubernetes-list-type'), 'must be map if x-kubernetes-list-map-keys is non-empty'));
    else if (listType !== 'map') errs.push(invalid(child(field, 'x-kubernetes-list-type'), listType, 'must be map if x-kubernetes-list-map-keys is non-empty'));
  }
  if (listType === 'map') {
    if (mapKeys.length === 0) errs.push(required(child(field, 'x-kubernetes-list-map-keys'), 'must not be empty if x-kubernetes-list-type is map'));
    if (items === undefined) errs.push(required(child(field, 'items'), 'must have a schema if x-kubernetes-list-type is map'));
    else if (strOr(items.type) !== 'object') {
      errs.push(invalid(child(field, 'items', 'type'), strOr(items.type), "must be object if parent array's x-kubernetes-list-type is map"));
    } else {
      const itemProps = objOrEmpty(items.properties);
      const seen = new Set<string>();
      const requiredProps = new Set(strArr(items.required));
      for (const k of mapKeys) {
        const p = obj(itemProps[k]);
        if (p === undefined) errs.push(invalid(child(field, 'x-kubernetes-list-map-keys'), mapKeys, 'entries must all be names of item properties'));
        else {
          if (strOr(p.type) === 'array' || strOr(p.type) === 'object') {
            errs.push(invalid(child(key(child(field, 'items', 'properties'), k), 'type'), strOr(items.type), "must be a scalar type if parent array's x-kubernetes-list-type is map"));
          }
          if (!requiredProps.has(k) && p.default === undefined) {
            errs.push(required(child(key(child(field, 'items', 'properties'), k), 'default'), 'this property is in x-kubernetes-list-map-keys, so it must have a default or be a required property'));
          }
          if (p.nullable === true) {
            errs.push(forbidden(child(key(child(field, 'items', 'properties'), k), 'nullable'), 'this property is in x-kubernetes-list-map-keys, so it cannot be nullable'));
          }
        }
        if (seen.has(k)) errs.push(invalid(child(field, 'x-kubernetes-list-map-keys'), mapKeys, 'must not contain duplicate entries'));
        seen.add(k);
      }
    }
  }
  if ((listType === 'set' || listType === 'map') && items?.nullable === true) {
    errs.push(forbidden(child(field, 'items', 'nullable'), `cannot be nullable when x-kubernetes-list-type is ${listType}`));
  }
  return errs;
}

function validateSchema(version: Obj, statusEnabled: boolean, field: string): FieldError[] {
  const schema = obj(objOrEmpty(version.schema).openAPIV3Schema);
  if (schema === undefined) return [];
  const p = child(field, 'schema', 'openAPIV3Schema');
  const errs: FieldError[] = [];
  if (statusEnabled) {
    for (const [k, v] of Object.entries(schema)) {
      if (v === undefined || v === null || v === false || v === '' || (Array.isArray(v) && v.length === 0)) continue;
      if (k === 'type') {
        if (v !== 'object') {
          errs.push(invalid(child(field, 'schema', 'openAPIV3Schema.type'), v, 'only "object" is allowed as the type at the root of the schema if the status subresource is enabled'));
          break;
        }
        continue;
      }
      if (!ROOT_KEYS_WITH_STATUS.has(k)) {
        errs.push(invalid(p, schema, `only [${ROOT_FIELDS_WITH_STATUS.join(' ')}] fields are allowed at the root of the schema if the status subresource is enabled`));
        break;
      }
    }
  }
  if (schema.nullable === true) errs.push(forbidden(child(field, 'schema', 'openAPIV3Schema.nullable'), 'nullable cannot be true at the root'));
  errs.push(...validateStructuralSchema(schema, p));
  errs.push(...validateOpenAPISchema(schema, p, { allowDefaults: true, disallowDefaultsReason: '', insideResourceMeta: false }, true));
  return errs;
}

// ---- the rest of the spec ------------------------------------------------------------------

function validateSimpleJSONPath(s: string, field: string): FieldError[] {
  if (s === '') return [invalid(field, s, 'must not be empty')];
  if (!s.startsWith('.')) return [invalid(field, s, 'must be a simple json path starting with .')];
  return [];
}

function validateSubresources(sub: Obj | undefined, field: string): FieldError[] {
  const scale = obj(sub?.scale);
  if (scale === undefined) return [];
  const errs: FieldError[] = [];
  for (const [k, prefix] of [
    ['specReplicasPath', '.spec.'],
    ['statusReplicasPath', '.status.'],
  ] as const) {
    const p = child(field, `scale.${k}`);
    const v = strOr(scale[k]);
    if (v === '') errs.push(required(p));
    else {
      const e = validateSimpleJSONPath(v, p);
      if (e.length > 0) errs.push(...e);
      else if (!v.startsWith(prefix)) errs.push(invalid(p, v, `should be a json path under ${prefix.slice(0, -1)}`));
    }
  }
  const lsp = str(scale.labelSelectorPath);
  if (lsp !== undefined && lsp !== '') {
    const p = child(field, 'scale.labelSelectorPath');
    const e = validateSimpleJSONPath(lsp, p);
    if (e.length > 0) errs.push(...e);
    else if (!lsp.startsWith('.spec.') && !lsp.startsWith('.status.')) errs.push(invalid(p, lsp, 'should be a json path under either .spec or .status'));
  }
  return errs;
}

function validatePrinterColumn(col: Obj, field: string): FieldError[] {
  const errs: FieldError[] = [];
  if (strOr(col.name) === '') errs.push(required(child(field, 'name')));
  const type = strOr(col.type);
  if (type === '') errs.push(required(child(field, 'type'), `must be one of ${PRINTER_COLUMN_TYPES.join(',')}`));
  else if (!PRINTER_COLUMN_TYPES.includes(type)) errs.push(invalid(child(field, 'type'), type, `must be one of ${PRINTER_COLUMN_TYPES.join(',')}`));
  const format = strOr(col.format);
  if (format !== '' && !PRINTER_COLUMN_FORMATS.includes(format)) errs.push(invalid(child(field, 'format'), format, `must be one of ${PRINTER_COLUMN_FORMATS.join(',')}`));
  const jsonPath = strOr(col.jsonPath);
  if (jsonPath === '') errs.push(required(child(field, 'JSONPath')));
  else errs.push(...validateSimpleJSONPath(jsonPath, child(field, 'JSONPath')));
  return errs;
}

export function validateCRDNames(names: Obj, field: string): FieldError[] {
  const errs: FieldError[] = [];
  for (const k of ['plural', 'singular']) {
    const v = strOr(names[k]);
    const e = isDNS1035Label(v);
    if (v !== '' && e.length > 0) errs.push(invalid(child(field, k), v, e.join(',')));
  }
  for (const k of ['kind', 'listKind']) {
    const v = strOr(names[k]);
    const e = isDNS1035Label(v.toLowerCase());
    if (v !== '' && e.length > 0) errs.push(invalid(child(field, k), v, `may have mixed case, but should otherwise match: ${e.join(',')}`));
  }
  strArr(names.shortNames).forEach((s, i) => {
    const e = isDNS1035Label(s);
    if (e.length > 0) errs.push(invalid(index(child(field, 'shortNames'), i), s, e.join(',')));
  });
  const kind = strOr(names.kind);
  if (kind !== '' && kind === strOr(names.listKind)) errs.push(invalid(child(field, 'listKind'), strOr(names.listKind), 'kind and listKind may not be the same'));
  strArr(names.categories).forEach((c, i) => {
    const e = isDNS1035Label(c);
    if (e.length > 0) errs.push(invalid(index(child(field, 'categories'), i), c, e.join(',')));
  });
  return errs;
}

function validateConversion(conversion: Obj | undefined, preserveUnknownFields: boolean): FieldError[] {
  if (conversion === undefined) return [];
  const errs: FieldError[] = [];
  const strategy = strOr(conversion.strategy);
  if (strategy !== 'None' && preserveUnknownFields) {
    errs.push(invalid('spec.conversion.strategy', strategy, 'must be None if spec.preserveUnknownFields is true'));
  }
  if (strategy === '') errs.push(required('spec.conversion.strategy'));
  else if (strategy !== 'None' && strategy !== 'Webhook') errs.push(notSupported('spec.conversion.strategy', strategy, ['None', 'Webhook']));
  const webhook = obj(conversion.webhook);
  if (strategy === 'Webhook') {
    if (webhook === undefined) {
      errs.push(required('spec.conversion.webhook', 'required when strategy is set to Webhook'));
      return errs;
    }
    const cc = obj(webhook.clientConfig);
    if (cc === undefined) errs.push(required('spec.conversion.webhook.clientConfig', 'required when strategy is set to Webhook'));
    else if ((cc.url == null) === (cc.service == null)) errs.push(required('spec.conversion.webhook.clientConfig', 'exactly one of url or service is required'));
    const versions = strArr(webhook.conversionReviewVersions);
    const vp = 'spec.conversion.webhook.conversionReviewVersions';
    if (versions.length === 0) errs.push(required(vp));
    else {
      const seen = new Set<string>();
      let accepted = false;
      for (const [i, v] of versions.entries()) {
        if (seen.has(v)) {
          errs.push(invalid(index(vp, i), v, 'duplicate version'));
          continue;
        }
        seen.add(v);
        for (const m of isDNS1035Label(v)) errs.push(invalid(index(vp, i), v, m));
        if (ACCEPTED_CONVERSION_REVIEW_VERSIONS.includes(v)) accepted = true;
      }
      if (!accepted) {
        errs.push(invalid(vp, versions, `none of the versions accepted by this server. accepted version(s) are ${ACCEPTED_CONVERSION_REVIEW_VERSIONS.join(', ')}`));
      }
    }
  } else if (webhook !== undefined) {
    errs.push(forbidden('spec.conversion.webhook', 'should not be set when strategy is not set to Webhook'));
  }
  return errs;
}

function validateCRDSpec(spec: Obj, requireSchema: boolean): FieldError[] {
  const errs: FieldError[] = [];
  const group = strOr(spec.group);
  if (group === '') errs.push(required('spec.group'));
  else {
    const e = isDNS1123Subdomain(group);
    if (e.length > 0) errs.push(invalid('spec.group', group, e.join(',')));
    else if (group.split('.').length < 2) errs.push(invalid('spec.group', group, 'should be a domain with at least one dot'));
  }
  const scope = strOr(spec.scope);
  if (scope === '') errs.push(required('spec.scope'));
  else if (scope !== 'Cluster' && scope !== 'Namespaced') errs.push(notSupported('spec.scope', scope, ['Cluster', 'Namespaced']));
  const versions = objArr(spec.versions);
  if (requireSchema) {
    versions.forEach((v, i) => {
      if (obj(objOrEmpty(v.schema).openAPIV3Schema) === undefined) {
        errs.push(required(index('spec.versions', i) + '.schema.openAPIV3Schema', 'schemas are required'));
      }
    });
  }
  let storage = 0;
  const names = new Set<string>();
  let unique = true;
  for (const [i, v] of versions.entries()) {
    const p = index('spec.versions', i);
    if (v.storage === true) storage++;
    const name = strOr(v.name);
    if (names.has(name)) unique = false;
    names.add(name);
    const e = isDNS1035Label(name);
    if (e.length > 0) errs.push(invalid(child(p, 'name'), name, e.join(',')));
    if (v.deprecated !== true && v.deprecationWarning != null) {
      errs.push(invalid(child(p, 'deprecationWarning'), v.deprecationWarning, 'can only be set for deprecated versions'));
    }
    const warning = str(v.deprecationWarning);
    if (warning !== undefined && warning.length > 256) errs.push(invalid(child(p, 'deprecationWarning'), warning, 'must be <= 256 characters long'));
    const sub = obj(v.subresources);
    errs.push(...validateSchema(v, sub?.status != null, p));
    errs.push(...validateSubresources(sub, child(p, 'subresources')));
    objArr(v.additionalPrinterColumns).forEach((c, j) => errs.push(...validatePrinterColumn(c, index(child(p, 'additionalPrinterColumns'), j))));
  }
  // Go prints the version structs in full; an empty list is exact, a non-empty one is shown as JSON.
  const shownVersions =
    versions.length > 0 ? versions : goValue(`[]apiextensions.CustomResourceDefinitionVersion${Array.isArray(spec.versions) ? '{}' : '(nil)'}`);
  if (!unique) errs.push(invalid('spec.versions', shownVersions, 'must contain unique version names'));
  if (storage !== 1) errs.push(invalid('spec.versions', shownVersions, 'must have exactly one version marked as storage version'));
  const n = objOrEmpty(spec.names);
  for (const k of ['plural', 'singular', 'kind', 'listKind']) if (strOr(n[k]) === '') errs.push(required(`spec.names.${k}`));
  errs.push(...validateCRDNames(n, 'spec.names'));
  errs.push(...validateConversion(obj(spec.conversion), spec.preserveUnknownFields === true));
  return errs;
}

function validateStoredVersions(crd: Obj): FieldError[] {
  const raw = objOrEmpty(crd.status).storedVersions;
  const stored = strArr(raw);
  if (stored.length === 0) {
    return [invalid('status.storedVersions', goValue(Array.isArray(raw) ? '[]string{}' : '[]string(nil)'), 'must have at least one stored version')];
  }
  const errs: FieldError[] = [];
  const remaining = new Map(stored.map((v, i) => [v, i]));
  for (const v of objArr(objOrEmpty(crd.spec).versions)) {
    const name = strOr(v.name);
    if (v.storage === true && !remaining.has(name)) errs.push(invalid('status.storedVersions', stored, `must have the storage version ${name}`));
    remaining.delete(name);
  }
  for (const [v, i] of remaining) errs.push(invalid(index('status.storedVersions', i), v, 'must appear in spec.versions'));
  return errs;
}

function isProtectedGroup(group: string): boolean {
  return group === 'k8s.io' || group.endsWith('.k8s.io') || group === 'kubernetes.io' || group.endsWith('.kubernetes.io');
}

type Approval = 'missing' | 'bypassed' | 'approved' | 'invalid';

function approvalState(annotations: Record<string, string> | undefined): Approval {
  const v = annotations?.[APPROVAL_ANNOTATION] ?? '';
  if (v === '') return 'missing';
  if (v.startsWith('unapproved')) return 'bypassed';
  return /^[a-zA-Z][a-zA-Z0-9+.-]*:\S*$|^\/\S*$/.test(v) ? 'approved' : 'invalid';
}

function validateAPIApproval(crd: Obj, old: Obj | undefined): FieldError[] {
  if (!isProtectedGroup(strOr(objOrEmpty(crd.spec).group))) return [];
  const state = approvalState(strMap(metaOf(crd).annotations));
  if (old !== undefined && approvalState(strMap(metaOf(old).annotations)) === state) return [];
  const p = key('metadata.annotations', APPROVAL_ANNOTATION);
  if (state === 'missing') {
    return [required(p, `protected groups must have approval annotation "${APPROVAL_ANNOTATION}", see https://github.com/kubernetes/enhancements/pull/1111`)];
  }
  if (state === 'invalid') {
    return [
      invalid(
        p,
        (strMap(metaOf(crd).annotations) ?? {})[APPROVAL_ANNOTATION] ?? '',
        `protected groups must have approval annotation "${APPROVAL_ANNOTATION}" with either a URL or a reason starting with "unapproved", see https://github.com/kubernetes/enhancements/pull/1111`,
      ),
    ];
  }
  return [];
}

function crdNameFn(crd: Obj): NameFn {
  const spec = objOrEmpty(crd.spec);
  const requiredName = `${strOr(objOrEmpty(spec.names).plural)}.${strOr(spec.group)}`;
  return (name, prefix) => {
    const errs = nameIsDNSSubdomain(name, prefix);
    if (name !== requiredName) errs.push('must be spec.names.plural+"."+spec.group');
    return errs;
  };
}

function validateCRD(crd: Obj, old: Obj | undefined): FieldError[] {
  const errs = old === undefined ? validateObjectMeta(crd, false, crdNameFn(crd)) : validateObjectMetaUpdate(crd, old);
  const requireSchema = old === undefined || objArr(objOrEmpty(old.spec).versions).every((v) => obj(objOrEmpty(v.schema).openAPIV3Schema) !== undefined);
  errs.push(...validateCRDSpec(objOrEmpty(crd.spec), requireSchema));
  errs.push(...validateCRDNames(objOrEmpty(objOrEmpty(crd.status).acceptedNames), 'status.acceptedNames'));
  errs.push(...validateStoredVersions(crd));
  errs.push(...validateAPIApproval(crd, old));
  if (objOrEmpty(crd.spec).preserveUnknownFields === true && !(old !== undefined && objOrEmpty(old.spec).preserveUnknownFields === true)) {
    errs.push(invalid('spec.preserveUnknownFields', true, 'cannot set to true, set x-kubernetes-preserve-unknown-fields to true in spec.versions[*].schema instead'));
  }
  return errs;
}

function isEstablished(crd: Obj): boolean {
  return objArr(objOrEmpty(crd.status).conditions).some((c) => c.type === 'Established' && c.status === 'True');
}

export const customResourceDefinitions: KindValidator = {
  group: 'apiextensions.k8s.io',
  kind: 'CustomResourceDefinition',
  resource: 'customresourcedefinitions',
  namespaced: false,
  nameRule: 'DNS1123Subdomain',
  create: (o) => validateCRD(o, undefined),
  update: (o, old) => {
    const errs = validateCRD(o, old);
    const spec = objOrEmpty(o.spec);
    const oldSpec = objOrEmpty(old.spec);
    if (isEstablished(old)) {
      errs.push(...validateImmutable(strOr(spec.scope), strOr(oldSpec.scope), 'spec.scope'));
      errs.push(...validateImmutable(strOr(objOrEmpty(spec.names).kind), strOr(objOrEmpty(oldSpec.names).kind), 'spec.names.kind'));
    }
    errs.push(...validateImmutable(strOr(spec.group), strOr(oldSpec.group), 'spec.group'));
    errs.push(...validateImmutable(strOr(objOrEmpty(spec.names).plural), strOr(objOrEmpty(oldSpec.names).plural), 'spec.names.plural'));
    return errs;
  },
};
