/**
 * The JSON of the Go types that marshal themselves instead of as structs (`option (go.json)` in the
 * schema). Each takes the decoded protobuf message, which is empty when the Go value was the zero
 * value (gogo writes a zero Time as an empty message).
 */
import { ProtobufDecodeError } from './errors.js';
import type { GoJsonForm } from './schema.js';
import { isMessage } from './wire.js';
import type { DecodedMessage, ScalarValue } from './wire.js';

export function formToJson(form: GoJsonForm, msg: DecodedMessage, path: string): unknown {
  switch (form) {
    case 'time':
      return timeToJson(msg, path, false);
    case 'micro-time':
      return timeToJson(msg, path, true);
    case 'quantity':
      return quantityToJson(msg, path);
    case 'int-or-string':
      return intOrStringToJson(msg, path);
    case 'raw-json':
      return rawJson(msg, path);
    case 'list':
      return listToJson(msg);
  }
}

function scalar(msg: DecodedMessage, id: number): ScalarValue | undefined {
  const data = msg.fields.get(id);
  return data?.cardinality === 'singular' && !isMessage(data.value) ? data.value : undefined;
}

function numberField(msg: DecodedMessage, id: number): number {
  const v = scalar(msg, id);
  return typeof v === 'number' ? v : 0;
}

function stringField(msg: DecodedMessage, id: number): string | undefined {
  const v = scalar(msg, id);
  return typeof v === 'string' ? v : undefined;
}

/** Unix seconds of 0001-01-01T00:00:00Z, Go's zero time.Time. */
const GO_ZERO_TIME_SECONDS = -62135596800;
/** Unix seconds of 0000-01-01T00:00:00Z and 10000-01-01T00:00:00Z. */
const MIN_SECONDS = -62167219200;
const END_SECONDS = 253402300800;
const NANOS_PER_SECOND = 1_000_000_000;

/**
 * metav1.Time (RFC 3339, whole seconds, UTC) and metav1.MicroTime (six fractional digits): `null`
 * for the zero time. Go would print years outside 0–9999 in a form RFC 3339 has no room for; they
 * are refused instead.
 */
function timeToJson(msg: DecodedMessage, path: string, micro: boolean): string | null {
  if (msg.fields.size === 0) return null;
  let seconds = numberField(msg, 1);
  let nanos = numberField(msg, 2);
  // As Go's time.Unix, fold nanoseconds outside [0, 1e9) into the seconds.
  if (nanos < 0 || nanos >= NANOS_PER_SECOND) {
    seconds += Math.floor(nanos / NANOS_PER_SECOND);
    nanos = ((nanos % NANOS_PER_SECOND) + NANOS_PER_SECOND) % NANOS_PER_SECOND;
  }
  if (seconds === GO_ZERO_TIME_SECONDS && nanos === 0) return null;
  if (seconds < MIN_SECONDS || seconds >= END_SECONDS) {
    const message = `time ${seconds}s after the Unix epoch is outside years 0-9999`;
    throw new ProtobufDecodeError('InvalidValue', message, path);
  }
  const whole = new Date(seconds * 1000).toISOString().slice(0, 19);
  if (!micro) return `${whole}Z`;
  return `${whole}.${String(Math.floor(nanos / 1000)).padStart(6, '0')}Z`;
}

/**
 * resource.Quantity's grammar (quantity.go): a signed decimal number with a binary-SI, decimal-SI
 * or exponent suffix.
 */
const QUANTITY = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[KMGTPE]i|[numkMGTPE]|[eE][+-]?\d+)?$/;

/**
 * kubectl writes quantities in canonical form, which is also their JSON form, so the string is
 * kept as sent once its syntax is checked (an absent string is Go's zero Quantity, "0").
 */
function quantityToJson(msg: DecodedMessage, path: string): string {
  const s = stringField(msg, 1);
  if (s === undefined) return '0';
  if (!QUANTITY.test(s)) {
    const message = `quantity ${JSON.stringify(s)} is not a valid resource quantity`;
    throw new ProtobufDecodeError('InvalidValue', message, path);
  }
  return s;
}

/** intstr.IntOrString: `type` 0 carries intVal, 1 strVal. */
function intOrStringToJson(msg: DecodedMessage, path: string): number | string {
  const type = numberField(msg, 1);
  if (type === 0) return numberField(msg, 2);
  if (type === 1) return stringField(msg, 3) ?? '';
  const message = `IntOrString type ${type} is neither 0 (int) nor 1 (string)`;
  throw new ProtobufDecodeError('InvalidValue', message, path);
}

/** metav1.FieldsV1: its raw bytes are the JSON. */
function rawJson(msg: DecodedMessage, path: string): unknown {
  const raw = scalar(msg, 1);
  if (!(raw instanceof Uint8Array)) return null;
  try {
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(raw)) as unknown;
  } catch (e) {
    const message = 'raw field is not valid JSON';
    throw new ProtobufDecodeError('InvalidValue', message, path, { cause: e });
  }
}

/** A `[]string` type wrapped in a message for protobuf (UserInfo's ExtraValue). */
function listToJson(msg: DecodedMessage): string[] | null {
  const data = msg.fields.get(1);
  if (data?.cardinality !== 'repeated' || data.items.length === 0) return null;
  return data.items.filter((v): v is string => typeof v === 'string');
}
