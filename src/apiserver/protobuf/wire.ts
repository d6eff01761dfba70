/**
 * Protobuf wire decoding driven by the compiled schema, on protobufjs' Reader.
 *
 * protobufjs' generated decoders are lenient where Go's are strict: a known field with the wrong
 * wire type is silently treated as an unknown field (inside a map entry it is dropped), while
 * gogo-protobuf rejects the message. This walker follows gogo: wrong wire types and lengths running
 * past their enclosing message are errors, unknown field numbers are skipped, a repeated singular
 * message is merged into the first, a repeated singular scalar keeps the last value, repeated
 * scalars may be packed or not.
 */
import protobuf from 'protobufjs';
import type { Long, Reader } from 'protobufjs';
import { ProtobufDecodeError } from './errors.js';
import type { FieldSpec, FieldValueType, MessageSpec, ScalarType } from './schema.js';

export type ScalarValue = string | number | boolean | Uint8Array;
export type WireValue = ScalarValue | DecodedMessage;

export type FieldData =
  | { readonly cardinality: 'singular'; value: WireValue }
  | { readonly cardinality: 'repeated'; readonly items: WireValue[] }
  | { readonly cardinality: 'map'; readonly entries: Map<string, WireValue> };

export interface DecodedMessage {
  readonly spec: MessageSpec;
  /** The fields that were on the wire, by number. */
  readonly fields: Map<number, FieldData>;
}

const WIRE_VARINT = 0;
const WIRE_LEN = 2;

/** Deeper than any path through the schema; a guard should a recursive message ever be added. */
const MAX_DEPTH = 100;

interface Context {
  readonly reader: Reader;
  /** JSON path of the field being read, for error messages. */
  readonly path: string[];
}

export function emptyMessage(spec: MessageSpec): DecodedMessage {
  return { spec, fields: new Map() };
}

export function isMessage(value: WireValue | undefined): value is DecodedMessage {
  return typeof value === 'object' && !(value instanceof Uint8Array);
}

/** Decodes one message of type `spec` that fills all of `bytes`. */
export function decodeMessage(bytes: Uint8Array, spec: MessageSpec): DecodedMessage {
  const ctx: Context = { reader: protobuf.Reader.create(bytes), path: [] };
  const msg = emptyMessage(spec);
  try {
    decodeInto(ctx, ctx.reader.len, msg, 0);
  } catch (e) {
    if (e instanceof ProtobufDecodeError) throw e;
    const detail = e instanceof Error ? e.message : String(e);
    const message = `truncated or garbled protobuf (${detail})`;
    throw new ProtobufDecodeError('Malformed', message, pathOf(ctx), { cause: e });
  }
  return msg;
}

function pathOf(ctx: Context): string {
  return ctx.path.join('.');
}

function malformed(ctx: Context, message: string): ProtobufDecodeError {
  return new ProtobufDecodeError('Malformed', message, pathOf(ctx));
}

function decodeInto(ctx: Context, end: number, msg: DecodedMessage, depth: number): void {
  if (depth > MAX_DEPTH) throw malformed(ctx, 'messages nested too deeply');
  const r = ctx.reader;
  const outerLen = r.len;
  // Bounding the reader makes any read that crosses the end of this message throw.
  r.len = end;
  while (r.pos < end) {
    const tag = r.uint32();
    const id = tag >>> 3;
    const wire = tag & 7;
    if (id === 0) throw malformed(ctx, 'field number 0');
    const field = msg.spec.fieldsById.get(id);
    if (field === undefined) {
      r.skipType(wire, 0, id);
      continue;
    }
    const existing = msg.fields.get(id);
    const index = existing?.cardinality === 'repeated' ? existing.items.length : 0;
    ctx.path.push(field.cardinality === 'repeated' ? `${field.name}[${index}]` : field.name);
    readField(ctx, msg, field, wire, depth);
    ctx.path.pop();
  }
  r.len = outerLen;
}

function readField(
  ctx: Context,
  msg: DecodedMessage,
  field: FieldSpec,
  wire: number,
  depth: number,
): void {
  const existing = msg.fields.get(field.id);
  switch (field.cardinality) {
    case 'singular': {
      expectWire(ctx, field.value, wire);
      if (field.value.kind === 'message') {
        const prior = existing?.cardinality === 'singular' ? existing.value : undefined;
        const target = isMessage(prior) ? prior : emptyMessage(field.value.message);
        readMessageInto(ctx, target, depth);
        msg.fields.set(field.id, { cardinality: 'singular', value: target });
      } else {
        const value = readScalar(ctx, field.value.scalar);
        msg.fields.set(field.id, { cardinality: 'singular', value });
      }
      return;
    }
    case 'repeated': {
      const items = existing?.cardinality === 'repeated' ? existing.items : [];
      msg.fields.set(field.id, { cardinality: 'repeated', items });
      const value = field.value;
      if (value.kind === 'scalar' && wire === WIRE_LEN && packable(value.scalar)) {
        readPacked(ctx, value.scalar, items);
        return;
      }
      expectWire(ctx, value, wire);
      items.push(readValue(ctx, value, depth));
      return;
    }
    case 'map': {
      if (wire !== WIRE_LEN) throw wrongWire(ctx, wire, WIRE_LEN);
      const entries =
        existing?.cardinality === 'map' ? existing.entries : new Map<string, WireValue>();
      msg.fields.set(field.id, { cardinality: 'map', entries });
      readMapEntry(ctx, field.value, entries, depth);
      return;
    }
  }
}

function readValue(ctx: Context, type: FieldValueType, depth: number): WireValue {
  if (type.kind === 'scalar') return readScalar(ctx, type.scalar);
  const msg = emptyMessage(type.message);
  readMessageInto(ctx, msg, depth);
  return msg;
}

/** Reads a length-delimited message body into `msg` (merging, as protobuf does). */
function readMessageInto(ctx: Context, msg: DecodedMessage, depth: number): void {
  const end = delimitedEnd(ctx);
  decodeInto(ctx, end, msg, depth + 1);
}

function delimitedEnd(ctx: Context): number {
  const r = ctx.reader;
  const length = r.uint32();
  const end = r.pos + length;
  if (end > r.len) {
    throw malformed(ctx, `length ${length} runs past the end of the enclosing message`);
  }
  return end;
}

function readMapEntry(
  ctx: Context,
  valueType: FieldValueType,
  entries: Map<string, WireValue>,
  depth: number,
): void {
  const r = ctx.reader;
  const end = delimitedEnd(ctx);
  const outerLen = r.len;
  r.len = end;
  let key = '';
  let value: WireValue | undefined;
  while (r.pos < end) {
    const tag = r.uint32();
    const id = tag >>> 3;
    const wire = tag & 7;
    if (id === 1) {
      if (wire !== WIRE_LEN) throw wrongWire(ctx, wire, WIRE_LEN);
      key = r.string();
    } else if (id === 2) {
      expectWire(ctx, valueType, wire);
      // gogo replaces (does not merge) a repeated map value.
      value = readValue(ctx, valueType, depth);
    } else if (id === 0) {
      throw malformed(ctx, 'field number 0 in a map entry');
    } else {
      r.skipType(wire, 0, id);
    }
  }
  r.len = outerLen;
  entries.set(key, value ?? zeroValue(valueType));
}

function zeroValue(type: FieldValueType): WireValue {
  if (type.kind === 'message') return emptyMessage(type.message);
  switch (type.scalar) {
    case 'string':
      return '';
    case 'bytes':
      return new Uint8Array(0);
    case 'bool':
      return false;
    case 'int32':
    case 'int64':
      return 0;
  }
}

function packable(scalar: ScalarType): boolean {
  return scalar === 'bool' || scalar === 'int32' || scalar === 'int64';
}

function readPacked(ctx: Context, scalar: ScalarType, items: WireValue[]): void {
  const r = ctx.reader;
  const end = delimitedEnd(ctx);
  const outerLen = r.len;
  r.len = end;
  while (r.pos < end) items.push(readScalar(ctx, scalar));
  r.len = outerLen;
}

function expectWire(ctx: Context, type: FieldValueType, wire: number): void {
  const delimited = type.kind === 'message' || type.scalar === 'string' || type.scalar === 'bytes';
  const expected = delimited ? WIRE_LEN : WIRE_VARINT;
  if (wire !== expected) throw wrongWire(ctx, wire, expected);
}

function wrongWire(ctx: Context, wire: number, expected: number): ProtobufDecodeError {
  return malformed(ctx, `wrong wire type ${wire} (expected ${expected})`);
}

function readScalar(ctx: Context, scalar: ScalarType): ScalarValue {
  const r = ctx.reader;
  switch (scalar) {
    case 'string':
      return r.string();
    case 'bytes':
      return r.bytes();
    case 'bool':
      return r.bool();
    case 'int32':
      return r.int32();
    case 'int64':
      return safeInteger(ctx, r.int64());
  }
}

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/** int64 values become numbers, as in JSON; one JavaScript cannot hold exactly is refused. */
function safeInteger(ctx: Context, value: Long | number): number {
  if (typeof value === 'number') return value;
  const big = (BigInt(value.high) << 32n) | BigInt(value.low >>> 0);
  if (big > MAX_SAFE || big < -MAX_SAFE) {
    const message = `integer ${big} is beyond what this server can hold exactly`;
    throw new ProtobufDecodeError('InvalidValue', message, pathOf(ctx));
  }
  return Number(big);
}
