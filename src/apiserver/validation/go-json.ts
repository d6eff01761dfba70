/**
 * The syntax errors Go's encoding/json reports (its scanner's wording), for messages kube passes
 * through verbatim, such as a malformed `.dockerconfigjson`. Input is scanned byte by byte, as Go
 * does; `goJSONSyntaxError` returns undefined for well-formed JSON.
 */

/** Go's quoteChar: the offending byte in single quotes, escaped like strconv.Quote. */
function quoteChar(c: number): string {
  if (c === 0x27) return "'\\''";
  if (c === 0x22) return '\'"\'';
  const q = JSON.stringify(String.fromCharCode(c));
  // JSON.stringify escapes like strconv.Quote for the cases that matter here, except \u00XX forms.
  const inner = q.slice(1, -1).replace(/\\u00([0-9a-f]{2})/g, (_m, h: string) => `\\x${h}`);
  return `'${inner}'`;
}

class GoJSONSyntaxError extends Error {}

const isSpace = (c: number): boolean => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
const isDigit = (c: number): boolean => c >= 0x30 && c <= 0x39;
const isHex = (c: number): boolean => isDigit(c) || (c >= 0x61 && c <= 0x66) || (c >= 0x41 && c <= 0x46);

class Scanner {
  private i = 0;
  constructor(private readonly b: Uint8Array) {}

  private peek(): number | undefined {
    return this.b[this.i];
  }

  private next(): number {
    const c = this.b[this.i];
    if (c === undefined) throw new GoJSONSyntaxError('unexpected end of JSON input');
    this.i++;
    return c;
  }

  private fail(c: number, context: string): never {
    throw new GoJSONSyntaxError(`invalid character ${quoteChar(c)} ${context}`);
  }

  private skipSpace(): number {
    let c = this.next();
    while (isSpace(c)) c = this.next();
    return c;
  }

  document(): void {
    this.value(this.skipSpace());
    for (let c = this.peek(); c !== undefined; c = this.peek()) {
      this.i++;
      if (!isSpace(c)) this.fail(c, 'after top-level value');
    }
  }

  private value(c: number): void {
    if (c === 0x7b) this.object();
    else if (c === 0x5b) this.array();
    else if (c === 0x22) this.string();
    else if (c === 0x2d || isDigit(c)) this.number(c);
    else if (c === 0x74) this.literal('true');
    else if (c === 0x66) this.literal('false');
    else if (c === 0x6e) this.literal('null');
    else this.fail(c, 'looking for beginning of value');
  }

  private object(): void {
    let c = this.skipSpace();
    if (c === 0x7d) return;
    for (;;) {
      if (c !== 0x22) this.fail(c, 'looking for beginning of object key string');
      this.string();
      c = this.skipSpace();
      if (c !== 0x3a) this.fail(c, 'after object key');
      this.value(this.skipSpace());
      c = this.skipSpace();
      if (c === 0x7d) return;
      if (c !== 0x2c) this.fail(c, 'after object key:value pair');
      c = this.skipSpace();
    }
  }

  private array(): void {
    let c = this.skipSpace();
    if (c === 0x5d) return;
    for (;;) {
      this.value(c);
      c = this.skipSpace();
      if (c === 0x5d) return;
      if (c !== 0x2c) this.fail(c, 'after array element');
      c = this.skipSpace();
    }
  }

  private string(): void {
    for (;;) {
      const c = this.next();
      if (c === 0x22) return;
      if (c < 0x20) this.fail(c, 'in string literal');
      if (c !== 0x5c) continue;
      const e = this.next();
      if (e === 0x75) {
        for (let k = 0; k < 4; k++) {
          const h = this.next();
          if (!isHex(h)) this.fail(h, 'in \\u hexadecimal character escape');
        }
      } else if (!'"\\/bfnrt'.includes(String.fromCharCode(e))) {
        this.fail(e, 'in string escape code');
      }
    }
  }

  private number(first: number): void {
    let c: number | undefined = first;
    if (c === 0x2d) {
      c = this.next();
      if (!isDigit(c)) this.fail(c, 'in numeric literal');
    }
    if (c !== 0x30) while (this.peek() !== undefined && isDigit(this.peek() ?? 0)) this.i++;
    if (this.peek() === 0x2e) {
      this.i++;
      const d = this.next();
      if (!isDigit(d)) this.fail(d, 'after decimal point in numeric literal');
      while (isDigit(this.peek() ?? -1)) this.i++;
    }
    c = this.peek();
    if (c === 0x65 || c === 0x45) {
      this.i++;
      let d = this.next();
      if (d === 0x2b || d === 0x2d) d = this.next();
      if (!isDigit(d)) this.fail(d, 'in exponent of numeric literal');
      while (isDigit(this.peek() ?? -1)) this.i++;
    }
  }

  private literal(word: string): void {
    for (let k = 1; k < word.length; k++) {
      const c = this.next();
      const want = word.charCodeAt(k);
      if (c !== want) this.fail(c, `in literal ${word} (expecting ${quoteChar(want)})`);
    }
  }
}

/** Go's json syntax error message for `bytes`, or undefined when they are well-formed JSON. */
export function goJSONSyntaxError(bytes: Uint8Array): string | undefined {
  try {
    new Scanner(bytes).document();
    return undefined;
  } catch (e) {
    if (e instanceof GoJSONSyntaxError) return e.message;
    throw e;
  }
}

/**
 * The error json.Unmarshal gives decoding `bytes` into a map[string]interface{}: a syntax error,
 * or a type mismatch at the top level; undefined when it decodes (null included).
 */
export function goUnmarshalObjectError(bytes: Uint8Array): string | undefined {
  const syntax = goJSONSyntaxError(bytes);
  if (syntax !== undefined) return syntax;
  const parsed: unknown = JSON.parse(Buffer.from(bytes).toString('utf8'));
  if (parsed === null || (typeof parsed === 'object' && !Array.isArray(parsed))) return undefined;
  const t = Array.isArray(parsed) ? 'array' : typeof parsed === 'string' ? 'string' : typeof parsed === 'number' ? 'number' : 'bool';
  return `json: cannot unmarshal ${t} into Go value of type map[string]interface {}`;
}
