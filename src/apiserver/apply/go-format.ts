/**
 * How Go prints the values that end up in managedFields keys, conflict messages and the
 * last-applied annotation: encoding/json (and json-iterator in its standard-library mode), `%q`
 * and `%v`. Byte-for-byte equality with kube-apiserver matters for FieldsV1 keys, which clients
 * compare as strings.
 */
import { isJsonObject } from '../patch/json-value.js';

/**
 * Orders strings as Go does (by UTF-8 bytes, i.e. by code point). JavaScript's `<` compares UTF-16
 * code units, which differs only when a surrogate pair meets a code unit above U+D7FF.
 */
export function compareGoStrings(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    if (x >= 0xd800 && y >= 0xd800) {
      const cx = a.codePointAt(i) ?? x;
      const cy = b.codePointAt(i) ?? y;
      return cx < cy ? -1 : 1;
    }
    return x < y ? -1 : 1;
  }
  return a.length < b.length ? -1 : a.length > b.length ? 1 : 0;
}

export interface JsonStyle {
  /**
   * encoding/json since Go 1.22 writes `\b` and `\f`; json-iterator (which writes FieldsV1 keys)
   * writes `\u0008` and `\u000c`.
   */
  readonly shortControlEscapes: boolean;
}

export const STDLIB_JSON: JsonStyle = { shortControlEscapes: true };
export const JSONITER_JSON: JsonStyle = { shortControlEscapes: false };

const HEX = '0123456789abcdef';

function unicodeEscape(code: number): string {
  return `\\u${HEX[(code >> 12) & 0xf] ?? ''}${HEX[(code >> 8) & 0xf] ?? ''}${HEX[(code >> 4) & 0xf] ?? ''}${HEX[code & 0xf] ?? ''}`;
}

function needsEscape(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || c === 0x22 || c === 0x5c || c === 0x3c || c === 0x3e || c === 0x26 || c === 0x2028 || c === 0x2029) return true;
    if (c >= 0xd800 && c <= 0xdfff) return true;
  }
  return false;
}

/** A JSON string literal with Go's escaping (HTML-safe, U+2028/U+2029 escaped). */
export function goJsonString(s: string, style: JsonStyle = STDLIB_JSON): string {
  if (!needsEscape(s)) return `"${s}"`;
  let out = '"';
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    let escape: string | undefined;
    if (c === 0x22) escape = '\\"';
    else if (c === 0x5c) escape = '\\\\';
    else if (c === 0x0a) escape = '\\n';
    else if (c === 0x0d) escape = '\\r';
    else if (c === 0x09) escape = '\\t';
    else if (c === 0x08 && style.shortControlEscapes) escape = '\\b';
    else if (c === 0x0c && style.shortControlEscapes) escape = '\\f';
    else if (c < 0x20 || c === 0x3c || c === 0x3e || c === 0x26 || c === 0x2028 || c === 0x2029) escape = unicodeEscape(c);
    else if (c >= 0xd800 && c <= 0xdfff) {
      // A lone surrogate is invalid UTF-8 to Go, which writes U+FFFD instead.
      const pair = c <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00;
      if (pair) {
        i++;
        continue;
      }
      escape = '\\ufffd';
    }
    if (escape !== undefined) {
      out += s.slice(start, i) + escape;
      start = i + 1;
    }
  }
  return `${out}${s.slice(start)}"`;
}

/** encoding/json's float formatting: exponent form below 1e-6 and from 1e21, as JavaScript does. */
function goJsonNumber(n: number): string {
  if (!Number.isFinite(n)) throw new TypeError(`json: unsupported value: ${String(n)}`);
  return Object.is(n, -0) ? '-0' : String(n);
}

/** encoding/json of a decoded JSON value: object keys sorted, HTML-safe strings, no whitespace. */
export function goJson(value: unknown, style: JsonStyle = STDLIB_JSON): string {
  if (value === null || value === undefined) return 'null';
  switch (typeof value) {
    case 'string':
      return goJsonString(value, style);
    case 'number':
      return goJsonNumber(value);
    case 'boolean':
      return value ? 'true' : 'false';
    default:
      break;
  }
  if (Array.isArray(value)) return `[${value.map((v) => goJson(v, style)).join(',')}]`;
  if (isJsonObject(value)) {
    const keys = Object.keys(value).sort(compareGoStrings);
    return `{${keys.map((k) => `${goJsonString(k, style)}:${goJson(value[k], style)}`).join(',')}}`;
  }
  return 'null';
}

const PRINTABLE = /[\p{L}\p{M}\p{N}\p{P}\p{S} ]/u;

/** Go's `%q` (strconv.Quote) for the strings of paths in conflict messages. */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0) ?? 0;
    switch (ch) {
      case '"':
        out += '\\"';
        continue;
      case '\\':
        out += '\\\\';
        continue;
      case '\x07':
        out += '\\a';
        continue;
      case '\b':
        out += '\\b';
        continue;
      case '\f':
        out += '\\f';
        continue;
      case '\n':
        out += '\\n';
        continue;
      case '\r':
        out += '\\r';
        continue;
      case '\t':
        out += '\\t';
        continue;
      case '\v':
        out += '\\v';
        continue;
      default:
        break;
    }
    if (PRINTABLE.test(ch)) out += ch;
    else if (c < 0x80) out += `\\x${HEX[c >> 4] ?? ''}${HEX[c & 0xf] ?? ''}`;
    else if (c >= 0xd800 && c <= 0xdfff) out += '\\ufffd';
    else if (c <= 0xffff) out += unicodeEscape(c);
    else out += `\\U${c.toString(16).padStart(8, '0')}`;
  }
  return `${out}"`;
}

/** Go's `%v` of a float64: shortest representation, exponent from 1e21 and below 1e-4. */
export function goFloat(n: number): string {
  if (Number.isInteger(n) && Math.abs(n) < 1e21) return String(n);
  if (!Number.isFinite(n)) return n > 0 ? '+Inf' : n < 0 ? '-Inf' : 'NaN';
  const abs = Math.abs(n);
  if (abs >= 1e-4 && abs < 1e21) return String(n);
  const [mantissa = '', exponent = '0'] = n.toExponential().split('e');
  const exp = Number(exponent);
  return `${mantissa}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
}

/** Go's type names for the decoded JSON values kube prints with `%T`. */
export function goTypeName(v: unknown): string {
  if (v === null || v === undefined) return '<nil>';
  if (Array.isArray(v)) return '[]interface {}';
  switch (typeof v) {
    case 'string':
      return 'string';
    case 'boolean':
      return 'bool';
    case 'number':
      return Number.isInteger(v) ? 'int64' : 'float64';
    default:
      return 'map[string]interface {}';
  }
}
