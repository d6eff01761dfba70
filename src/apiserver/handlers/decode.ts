import { parse as parseYaml, YAMLParseError } from 'yaml';
import { isObject, type KubeObject } from '../../api/object.js';
import { errors } from '../../api/status.js';
import { JSON_TYPE, PATCH_TYPES, PROTOBUF_TYPE, parseMediaRanges, YAML_TYPE, type PatchType } from '../http/media.js';
import { decodeProtobufObject, isProtobufDecodeError } from '../protobuf/index.js';

const ACCEPTED = `${JSON_TYPE}, ${YAML_TYPE}, ${PROTOBUF_TYPE}`;

export function contentTypeOf(header: string | undefined): string {
  return parseMediaRanges(header)[0]?.type ?? JSON_TYPE;
}

function parseJson(text: string, what: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    throw errors.badRequest(`${what}: json parse error: ${e instanceof Error ? e.message : String(e)}`);
  }
}

function parseYamlDoc(text: string, what: string): unknown {
  try {
    return parseYaml(text, { strict: true, uniqueKeys: true, maxAliasCount: 100 });
  } catch (e) {
    const message = e instanceof YAMLParseError || e instanceof Error ? e.message : String(e);
    throw errors.badRequest(`${what}: error converting YAML to JSON: ${message}`);
  }
}

/** Decodes a create/update body (JSON, YAML or protobuf) into an object. */
export function decodeObject(body: Buffer, contentTypeHeader: string | undefined): KubeObject {
  const type = contentTypeOf(contentTypeHeader);
  let value: unknown;
  switch (type) {
    case JSON_TYPE:
      value = parseJson(body.toString('utf8'), "couldn't get version/kind");
      break;
    case YAML_TYPE:
    case 'application/x-yaml':
    case 'text/yaml':
      value = parseYamlDoc(body.toString('utf8'), "couldn't get version/kind");
      break;
    case PROTOBUF_TYPE:
      try {
        value = decodeProtobufObject(body);
      } catch (e) {
        if (isProtobufDecodeError(e)) {
          throw e.httpStatus === 415 ? errors.unsupportedMediaType(e.message) : errors.badRequest(`unable to decode protobuf body: ${e.message}`);
        }
        throw e;
      }
      break;
    default:
      throw errors.unsupportedMediaType(`the body of the request was in an unknown format - accepted media types include: ${ACCEPTED}`);
  }
  if (!isObject(value)) throw errors.badRequest(`couldn't get version/kind; json parse error: the request body is not a JSON object`);
  if (value.metadata !== undefined && !isObject(value.metadata)) {
    throw errors.badRequest('the request body has an invalid metadata field: expected an object');
  }
  return value;
}

export interface DecodedPatch {
  readonly type: PatchType;
  readonly patch: unknown;
}

export function decodePatch(body: Buffer, contentTypeHeader: string | undefined): DecodedPatch {
  const type = contentTypeOf(contentTypeHeader);
  const entry = (Object.entries(PATCH_TYPES) as [PatchType, string][]).find(([, media]) => media === type);
  if (!entry) {
    throw errors.unsupportedMediaType(`the body of the request was in an unknown format - accepted media types include: ${Object.values(PATCH_TYPES).join(', ')}`);
  }
  const [patchType] = entry;
  const text = body.toString('utf8');
  const patch = patchType === 'apply' ? parseYamlDoc(text, 'error decoding YAML') : parseJson(text, 'error decoding patch');
  if (patchType === 'json') {
    if (!Array.isArray(patch)) throw errors.badRequest('json patch must be a JSON array of operations');
  } else if (!isObject(patch)) {
    throw errors.badRequest(`${patchType === 'apply' ? 'apply' : 'merge'} patch must be a JSON object`);
  }
  return { type: patchType, patch };
}

/** DeleteOptions from the body (JSON or protobuf), if one was sent. */
export function decodeOptionalObject(body: Buffer, contentTypeHeader: string | undefined): Record<string, unknown> | undefined {
  if (body.length === 0) return undefined;
  return decodeObject(body, contentTypeHeader);
}
