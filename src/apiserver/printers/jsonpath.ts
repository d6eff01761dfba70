/**
 * The JSONPath dialect of client-go's `util/jsonpath`, which kube evaluates CRD printer columns
 * with: fields (`.a`, `['a']`, `\.`-escaped dots), array indexes and slices (`[0]`, `[-1]`,
 * `[1:3]`, `[*]`), unions (`[0,2]`), wildcards (`.*`), recursive descent (`..name`) and filters
 * (`[?(@.type=="Ready")]`, `[?(@.port)]`).
 */
import { compareStrings, isObject } from './json.js';

export class JsonPathError extends Error {
  override readonly name = 'JsonPathError';
}

type Param = { known: boolean; value: number; derived: boolean };

type PathNode =
  | { kind: 'field'; name: string }
  | { kind: 'wildcard' }
  | { kind: 'recursive' }
  | { kind: 'array'; params: [Param, Param, Param] }
  | { kind: 'union'; branches: PathNode[][] }
  | { kind: 'filter'; left: PathNode[]; right: PathNode[]; operator: string }
  | { kind: 'literal'; value: string | boolean | number; numberKind?: 'int' | 'float' };

/** A parsed path: the nodes of one `{...}` action. */
export type JsonPath = { readonly source: string; readonly nodes: readonly PathNode[] };

const TERMINATORS = new Set([' ', '\t', '\r', '\n', '.', ',', '[', ']', '$', '@', '{', '}']);
const SLICE = /^(-?\d*)(:-?\d*)?(:-?\d*)?$/;
const DICT_KEY = /^'([^']*)'$/;
const FILTER = /^([^!<>=]+)([!<>=]+)(.+?)$/;

function isAlphaNumeric(c: string): boolean {
  return /^[\p{L}\p{N}_]$/u.test(c);
}

/** A recursive-descent parser over the text of one action (what sits between `{` and `}`). */
class Parser {
  private pos = 0;
  private readonly nodes: PathNode[] = [];

  constructor(private readonly text: string) {}

  parse(): PathNode[] {
    while (this.pos < this.text.length) this.step();
    return this.nodes;
  }

  private peek(offset = 0): string {
    return this.text[this.pos + offset] ?? '';
  }

  private rest(): string {
    return this.text.slice(this.pos);
  }

  private step(): void {
    const rest = this.rest();
    if (rest.startsWith('[?(')) {
      this.parseFilter();
      return;
    }
    if (rest.startsWith('..')) {
      if (this.nodes.at(-1)?.kind === 'recursive') throw new JsonPathError('invalid multiple recursive descent');
      this.pos += 2;
      this.nodes.push({ kind: 'recursive' });
      if (isAlphaNumeric(this.peek())) this.parseField();
      return;
    }
    const c = this.peek();
    if (c === ' ' || c === '@' || c === '$') {
      this.pos++;
    } else if (c === '\n' || c === '\r') {
      throw new JsonPathError('unclosed action');
    } else if (c === '[') {
      this.parseArray();
    } else if (c === '"' || c === "'") {
      this.parseQuote(c);
    } else if (c === '.') {
      this.pos++;
      this.parseField();
    } else if (c === '+' || c === '-' || /\d/.test(c)) {
      this.parseNumber();
    } else if (isAlphaNumeric(c)) {
      this.parseIdentifier();
    } else {
      throw new JsonPathError(`unrecognized character in action: ${JSON.stringify(c)}`);
    }
  }

  private parseField(): void {
    let raw = '';
    while (this.pos < this.text.length) {
      const c = this.peek();
      if (c === '\\') {
        raw += this.peek(1);
        this.pos += 2;
        continue;
      }
      if (TERMINATORS.has(c)) break;
      raw += c;
      this.pos++;
    }
    this.nodes.push(raw === '*' ? { kind: 'wildcard' } : { kind: 'field', name: raw });
  }

  private parseIdentifier(): void {
    let id = '';
    while (this.pos < this.text.length && isAlphaNumeric(this.peek())) {
      id += this.peek();
      this.pos++;
    }
    if (id === 'true' || id === 'false') {
      this.nodes.push({ kind: 'literal', value: id === 'true' });
      return;
    }
    throw new JsonPathError(`unrecognized identifier ${id}`);
  }

  private parseNumber(): void {
    const start = this.pos;
    if (this.peek() === '+' || this.peek() === '-') this.pos++;
    while (this.peek() === '.' || /\d/.test(this.peek())) this.pos++;
    const text = this.text.slice(start, this.pos);
    if (/^[+-]?\d+$/.test(text)) {
      this.nodes.push({ kind: 'literal', value: Number(text), numberKind: 'int' });
    } else if (/^[+-]?(\d+\.?\d*|\.\d+)$/.test(text)) {
      this.nodes.push({ kind: 'literal', value: Number(text), numberKind: 'float' });
    } else {
      throw new JsonPathError(`cannot parse number ${text}`);
    }
  }

  private parseQuote(quote: string): void {
    let i = this.pos + 1;
    let value = '';
    for (;;) {
      const c = this.text[i];
      if (c === undefined || c === '\n') throw new JsonPathError('unterminated quoted string');
      if (c === '\\') {
        const next = this.text[i + 1] ?? '';
        value += ({ n: '\n', t: '\t', r: '\r' } as Record<string, string>)[next] ?? next;
        i += 2;
        continue;
      }
      if (c === quote) break;
      value += c;
      i++;
    }
    this.pos = i + 1;
    this.nodes.push({ kind: 'literal', value });
  }

  private parseArray(): void {
    const close = this.text.indexOf(']', this.pos);
    const newline = this.text.indexOf('\n', this.pos);
    if (close < 0 || (newline >= 0 && newline < close)) throw new JsonPathError('unterminated array');
    let inner = this.text.slice(this.pos + 1, close);
    this.pos = close + 1;
    if (inner === '*') inner = ':';

    const parts = inner.split(',');
    if (parts.length > 1) {
      this.nodes.push({ kind: 'union', branches: parts.map((p) => parseNodes(`[${p.trim()}]`)) });
      return;
    }
    const key = DICT_KEY.exec(inner);
    if (key) {
      // kube reparses the key as `.key`, so dots inside it still split fields.
      this.nodes.push(...parseNodes(`.${key[1] ?? ''}`));
      return;
    }
    const slice = SLICE.exec(inner);
    if (!slice) throw new JsonPathError(`invalid array index ${inner}`);
    const params: [Param, Param, Param] = [
      { known: false, value: 0, derived: false },
      { known: false, value: 0, derived: false },
      { known: false, value: 0, derived: false },
    ];
    for (let i = 0; i < 3; i++) {
      let part = slice[i + 1] ?? '';
      const p = params[i] as Param;
      if (part !== '') {
        if (i > 0) part = part.slice(1);
        if (i > 0 && part === '') {
          p.known = false;
        } else {
          if (!/^-?\d+$/.test(part)) throw new JsonPathError(`array index ${part} is not a number`);
          p.known = true;
          p.value = Number(part);
        }
      } else if (i === 1) {
        p.known = true;
        p.value = params[0].value + 1;
        p.derived = true;
      }
    }
    this.nodes.push({ kind: 'array', params });
  }

  private parseFilter(): void {
    const start = this.pos + 3;
    let i = start;
    let begin = false;
    let end = false;
    let pair = '';
    for (;;) {
      const c = this.text[i];
      if (c === undefined || c === '\n') throw new JsonPathError('unterminated filter');
      i++;
      if (c === '"' || c === "'") {
        if (!begin) {
          begin = true;
          pair = c;
          continue;
        }
        if (this.text[i - 2] !== '\\' && c === pair) end = true;
      } else if (c === ')' && begin === end) {
        break;
      }
    }
    if (this.text[i] !== ']') throw new JsonPathError('unclosed array expect ]');
    const body = this.text.slice(start, i - 1);
    this.pos = i + 1;
    const m = FILTER.exec(body);
    if (!m) {
      this.nodes.push({ kind: 'filter', left: parseNodes(body), right: [], operator: 'exists' });
      return;
    }
    this.nodes.push({
      kind: 'filter', left: parseNodes(m[1] ?? ''), right: parseNodes(m[3] ?? ''), operator: m[2] ?? '',
    });
  }
}

function parseNodes(text: string): PathNode[] {
  return new Parser(text).parse();
}

/**
 * Parses a path as kube does for a CRD column (`{` + path + `}`).
 * @throws JsonPathError when the path is not valid.
 */
export function parseJsonPath(path: string): JsonPath {
  return { source: path, nodes: parseNodes(path) };
}

function children(value: unknown): unknown[] {
  if (Array.isArray(value)) return value;
  if (isObject(value)) return Object.keys(value).sort(compareStrings).map((k) => value[k]);
  return [];
}

function evalArray(input: unknown[], params: [Param, Param, Param]): unknown[] {
  const out: unknown[] = [];
  for (const value of input) {
    if (value === null || value === undefined) continue;
    if (!Array.isArray(value)) throw new JsonPathError('value is not array or slice');
    const len = value.length;
    let start = params[0].known ? params[0].value : 0;
    if (start < 0) start += len;
    let end = params[1].known ? params[1].value : len;
    if (end < 0 || (end === 0 && params[1].derived)) end += len;
    if (end === start) return out;
    if (start >= len || start < 0) throw new JsonPathError(`array index out of bounds: index ${start}, length ${len}`);
    if (end > len || end < 0) throw new JsonPathError(`array index out of bounds: index ${end - 1}, length ${len}`);
    if (start > end) throw new JsonPathError(`starting index ${start} is greater than ending index ${end}`);
    let step = 1;
    if (params[2].known) {
      if (params[2].value <= 0) throw new JsonPathError('step must be > 0');
      step = params[2].value;
    }
    const slice = value.slice(start, end);
    for (let i = 0; i < slice.length; i += step) out.push(slice[i]);
  }
  return out;
}

function evalRecursive(input: unknown[]): unknown[] {
  const out: unknown[] = [];
  for (const value of input) {
    const kids = children(value);
    if (kids.length === 0) continue;
    out.push(value, ...evalRecursive(kids));
  }
  return out;
}

type Kind = 'bool' | 'int' | 'float' | 'string';

/** Go template comparisons: only like basic kinds compare. */
function basicKind(v: unknown, numberKind?: 'int' | 'float'): Kind {
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'string') return 'string';
  if (typeof v === 'number') return numberKind ?? (Number.isInteger(v) ? 'int' : 'float');
  throw new JsonPathError('invalid type for comparison');
}

type Operand = { value: unknown; numberKind?: 'int' | 'float' };

function compareOperands(operator: string, left: Operand, right: Operand): boolean {
  const lk = basicKind(left.value, left.numberKind);
  const rk = basicKind(right.value, right.numberKind);
  if (lk !== rk) throw new JsonPathError('incompatible types for comparison');
  const l = left.value as string | number | boolean;
  const r = right.value as string | number | boolean;
  const less = (): boolean => {
    if (lk === 'bool') throw new JsonPathError('invalid type for comparison');
    return lk === 'string' ? compareStrings(l as string, r as string) < 0 : (l as number) < (r as number);
  };
  switch (operator) {
    case '==':
      return l === r;
    case '!=':
      return l !== r;
    case '<':
      return less();
    case '<=':
      return less() || l === r;
    case '>':
      return !(less() || l === r);
    case '>=':
      return !less();
    default:
      throw new JsonPathError(`unrecognized filter operator ${operator}`);
  }
}

/** Evaluates a filter side against one element; literals keep their Go number kind. */
function operands(nodes: PathNode[], element: unknown): Operand[] {
  const last = nodes.at(-1);
  if (nodes.length === 1 && last?.kind === 'literal') {
    return last.numberKind === undefined ? [{ value: last.value }] : [{ value: last.value, numberKind: last.numberKind }];
  }
  return evalNodes(nodes, [element]).map((value) => ({ value }));
}

function evalFilter(input: unknown[], node: Extract<PathNode, { kind: 'filter' }>): unknown[] {
  const out: unknown[] = [];
  for (const value of input) {
    if (!Array.isArray(value)) throw new JsonPathError('value is not array or slice and cannot be filtered');
    for (const element of value) {
      if (node.operator === 'exists') {
        let found: unknown[] = [];
        try {
          found = evalNodes(node.left, [element]);
        } catch {
          found = [];
        }
        if (found.length > 0) out.push(element);
        continue;
      }
      const lefts = operands(node.left, element);
      if (lefts.length === 0) continue;
      if (lefts.length > 1) throw new JsonPathError('can only compare one element at a time');
      const rights = operands(node.right, element);
      if (rights.length === 0) continue;
      if (rights.length > 1) throw new JsonPathError('can only compare one element at a time');
      if (compareOperands(node.operator, lefts[0] as Operand, rights[0] as Operand)) out.push(element);
    }
  }
  return out;
}

function evalNode(node: PathNode, input: unknown[]): unknown[] {
  switch (node.kind) {
    case 'field':
      if (node.name === '') return input;
      return input.flatMap((v) => (isObject(v) && Object.hasOwn(v, node.name) ? [v[node.name]] : []));
    case 'wildcard':
      return input.flatMap(children);
    case 'recursive':
      return evalRecursive(input);
    case 'array':
      return evalArray(input, node.params);
    case 'union':
      return node.branches.flatMap((branch) => evalNodes(branch, input));
    case 'filter':
      return evalFilter(input, node);
    case 'literal':
      return [node.value];
  }
}

function evalNodes(nodes: readonly PathNode[], input: unknown[]): unknown[] {
  let cur = input;
  for (const node of nodes) cur = evalNode(node, cur);
  return cur;
}

/**
 * Every value the path selects in `data` (client-go `FindResults`, missing keys allowed).
 * @throws JsonPathError on an evaluation error (index out of range, filtering a non-list, ...).
 */
export function findResults(path: JsonPath, data: unknown): unknown[] {
  return evalNodes(path.nodes, [data]);
}
