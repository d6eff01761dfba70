/**
 * Go's value formatting as it appears inside kube-apiserver error messages: `%q` for strings and
 * `%#v` for maps, slices and structs. Only the shapes that validation messages actually show are
 * covered; anything else falls back to JSON.
 */

/** A pre-rendered Go literal, used as a bad value when the message shows a Go struct or map. */
export class GoRepr {
  constructor(readonly text: string) {}
}

const SIMPLE_ESCAPES: Record<string, string> = {
  '\x07': '\\a',
  '\b': '\\b',
  '\f': '\\f',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '\v': '\\v',
  '"': '\\"',
  '\\': '\\\\',
};

const NON_PRINTABLE = /[\p{C}\p{Z}]/u;

/** strconv.Quote: printable runes kept, the rest escaped the way Go escapes them. */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const simple = SIMPLE_ESCAPES[ch];
    if (simple !== undefined) {
      out += simple;
      continue;
    }
    const cp = ch.codePointAt(0) ?? 0;
    if (cp < 0x20 || cp === 0x7f) {
      out += `\\x${cp.toString(16).padStart(2, '0')}`;
    } else if (ch !== ' ' && NON_PRINTABLE.test(ch)) {
      out += cp > 0xffff ? `\\U${cp.toString(16).padStart(8, '0')}` : `\\u${cp.toString(16).padStart(4, '0')}`;
    } else {
      out += ch;
    }
  }
  return `${out}"`;
}

/** `map[string]string{"a":"b", "c":"d"}` with sorted keys, or `map[string]string(nil)`. */
export function goStringMap(m: Record<string, string> | undefined, type = 'map[string]string'): string {
  if (m === undefined) return `${type}(nil)`;
  const keys = Object.keys(m).sort();
  return `${type}{${keys.map((k) => `${goQuote(k)}:${goQuote(m[k] ?? '')}`).join(', ')}}`;
}

/** `[]string{"a", "b"}` or `[]string(nil)`. */
export function goStringSlice(a: readonly string[] | undefined, type = '[]string'): string {
  if (a === undefined) return `${type}(nil)`;
  return `${type}{${a.map((s) => goQuote(s)).join(', ')}}`;
}

/** `%v` / `%#v` of a JSON value in an error message. */
export function renderGoValue(v: unknown): string {
  if (v instanceof GoRepr) return v.text;
  // Go renders nil (and nil pointers) as the string "null", quotes included.
  if (v === null || v === undefined) return '"null"';
  if (typeof v === 'string') return goQuote(v);
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return goStringSlice(v);
  if (Array.isArray(v) && v.every((x) => typeof x === 'number')) return `[]int32{${v.join(', ')}}`;
  return JSON.stringify(v);
}
