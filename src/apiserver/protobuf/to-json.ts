/**
 * A decoded message as the JSON that Go's encoding/json writes for the Go struct gogo-protobuf
 * would have decoded it into: the object kubectl would have sent had it sent JSON.
 *
 * Per field (see schema.ts for the options):
 * - absent from the wire: nil for pointers, slices, maps and []byte; the zero value otherwise
 *   (a zero struct, a zero Time, "", 0, false);
 * - nil: left out with omitempty, `null` without;
 * - a non-pointer scalar equal to its zero value: left out with omitempty;
 * - a struct: always written, omitempty notwithstanding (`status: {}`), through its own JSON form
 *   when it has one (a zero Time is `null`);
 * - an embedded struct: its fields are written into the parent.
 * Map keys are sorted, as Go writes them.
 */
import { formToJson } from './go-forms.js';
import type { FieldSpec } from './schema.js';
import { emptyMessage, isMessage } from './wire.js';
import type { DecodedMessage, FieldData, WireValue } from './wire.js';

export type JsonObject = Record<string, unknown>;

/** The JSON of a message: its own form if it has one, else the object of its fields. */
export function messageToJson(msg: DecodedMessage, path: string): unknown {
  const form = msg.spec.form;
  return form === undefined ? structToJson(msg, path, {}) : formToJson(form, msg, path);
}

/** The fields of `msg` written into `out` (which is returned). */
export function structToJson(msg: DecodedMessage, path: string, out: JsonObject): JsonObject {
  for (const field of msg.spec.fields) writeField(out, field, msg.fields.get(field.id), path);
  return out;
}

function join(path: string, name: string): string {
  return path === '' ? name : `${path}.${name}`;
}

function setKey(out: JsonObject, key: string, value: unknown): void {
  // defineProperty, not assignment: a map key may be "__proto__".
  Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
}

function writeField(
  out: JsonObject,
  field: FieldSpec,
  data: FieldData | undefined,
  path: string,
): void {
  const here = join(path, field.name);
  switch (field.cardinality) {
    case 'map': {
      const entries = data?.cardinality === 'map' ? data.entries : undefined;
      if (entries === undefined || entries.size === 0) {
        if (!field.omitempty) setKey(out, field.name, null);
        return;
      }
      const obj: JsonObject = {};
      for (const key of [...entries.keys()].sort()) {
        const value = entries.get(key);
        if (value !== undefined) setKey(obj, key, valueToJson(value, `${here}[${key}]`));
      }
      setKey(out, field.name, obj);
      return;
    }
    case 'repeated': {
      const items = data?.cardinality === 'repeated' ? data.items : [];
      if (items.length === 0) {
        if (!field.omitempty) setKey(out, field.name, null);
        return;
      }
      setKey(
        out,
        field.name,
        items.map((item, i) => valueToJson(item, `${here}[${i}]`)),
      );
      return;
    }
    case 'singular':
      writeSingular(out, field, data?.cardinality === 'singular' ? data.value : undefined, path);
      return;
  }
}

function writeSingular(
  out: JsonObject,
  field: FieldSpec,
  value: WireValue | undefined,
  path: string,
): void {
  const here = join(path, field.name);
  const type = field.value;
  if (type.kind === 'message') {
    let msg = isMessage(value) ? value : undefined;
    if (msg === undefined) {
      if (field.pointer) {
        if (!field.omitempty && !field.embedded) setKey(out, field.name, null);
        return;
      }
      msg = emptyMessage(type.message);
    }
    if (field.embedded) structToJson(msg, path, out);
    else setKey(out, field.name, messageToJson(msg, here));
    return;
  }
  if (type.scalar === 'bytes') {
    // A Go []byte: nil when absent, non-nil (possibly empty) when present.
    if (!(value instanceof Uint8Array)) {
      if (!field.omitempty) setKey(out, field.name, null);
    } else if (!(field.omitempty && value.length === 0)) {
      setKey(out, field.name, base64(value));
    }
    return;
  }
  if (value === undefined || isMessage(value) || value instanceof Uint8Array) {
    if (field.pointer) {
      if (!field.omitempty) setKey(out, field.name, null);
      return;
    }
    value = type.scalar === 'string' ? '' : type.scalar === 'bool' ? false : 0;
  }
  if (field.omitempty && !field.pointer && (value === '' || value === 0 || value === false)) return;
  setKey(out, field.name, value);
}

function valueToJson(value: WireValue, path: string): unknown {
  if (isMessage(value)) return messageToJson(value, path);
  if (value instanceof Uint8Array) return base64(value);
  return value;
}

function base64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
}
