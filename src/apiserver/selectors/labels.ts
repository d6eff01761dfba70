/**
 * Label selectors exactly as kube-apiserver reads them: the string form of `?labelSelector=`
 * (k8s.io/apimachinery/pkg/labels) and metav1.LabelSelector objects. Both compile to the same
 * requirement list; parse errors carry kube's message text.
 */
import { aggregateMessage, errorString, index, invalid, key as keyPath, type FieldError } from '../validation/errors.js';
import { goQuote } from '../validation/go-format.js';
import { isQualifiedName, isValidLabelValue } from '../validation/strings.js';
import { SelectorError } from './errors.js';

/** selection.Operator values. */
export type LabelOperator = 'in' | 'notin' | '=' | '==' | '!=' | 'exists' | '!' | 'gt' | 'lt';

export interface LabelRequirement {
  readonly key: string;
  readonly operator: LabelOperator;
  /** Sorted and de-duplicated for set operators, as kube stores them. */
  readonly values: readonly string[];
}

export type Labels = Readonly<Record<string, string>> | undefined;
export type LabelMatcher = (labels: Labels) => boolean;

export interface LabelSelector {
  readonly requirements: readonly LabelRequirement[];
  /** True when the selector does not restrict anything. */
  readonly empty: boolean;
  /** True only for the selector of a nil metav1.LabelSelector, which selects nothing. */
  readonly matchesNothing: boolean;
  matches(labels: Labels): boolean;
  /** The value `key` must equal for this selector to match, if it pins one. */
  requiresExactMatch(key: string): string | undefined;
  toString(): string;
}

/** metav1.LabelSelector as it appears in objects. */
export interface LabelSelectorObject {
  matchLabels?: Record<string, string> | null;
  matchExpressions?: readonly { key: string; operator: string; values?: readonly string[] | null }[] | null;
}

const BINARY_OPERATORS: readonly LabelOperator[] = ['in', 'notin', '=', '==', '!=', 'gt', 'lt'];

// ---- requirements --------------------------------------------------------------------------

function fieldErrorsMessage(errs: FieldError[]): string {
  return aggregateMessage(errs);
}

function parseInt64(s: string): bigint | undefined {
  if (!/^[+-]?[0-9]+$/.test(s)) return undefined;
  const v = BigInt(s);
  if (v > 9223372036854775807n || v < -9223372036854775808n) return undefined;
  return v;
}

/**
 * labels.NewRequirement: validates the key, the operator/value-count combination and every value.
 * `path` prefixes field paths the way a field.Path option does (none for query strings).
 */
export function newRequirement(key: string, operator: LabelOperator, values: readonly string[], path = ''): LabelRequirement {
  const errs: FieldError[] = [];
  const keyField = path === '' ? 'key' : `${path}.key`;
  const valuesField = path === '' ? 'values' : `${path}.values`;
  const keyErrs = isQualifiedName(key);
  if (keyErrs.length > 0) errs.push(invalid(keyField, key, keyErrs.join('; ')));
  switch (operator) {
    case 'in':
    case 'notin':
      if (values.length === 0) errs.push(invalid(valuesField, [...values], "for 'in', 'notin' operators, values set can't be empty"));
      break;
    case '=':
    case '==':
    case '!=':
      if (values.length !== 1) errs.push(invalid(valuesField, [...values], 'exact-match compatibility requires one single value'));
      break;
    case 'exists':
    case '!':
      if (values.length !== 0) errs.push(invalid(valuesField, [...values], 'values set must be empty for exists and does not exist'));
      break;
    case 'gt':
    case 'lt':
      if (values.length !== 1) errs.push(invalid(valuesField, [...values], "for 'Gt', 'Lt' operators, exactly one value is required"));
      values.forEach((v, i) => {
        if (parseInt64(v) === undefined) {
          errs.push(invalid(index(valuesField, i), v, "for 'Gt', 'Lt' operators, the value must be an integer"));
        }
      });
      break;
  }
  values.forEach((v, i) => {
    const valErrs = isValidLabelValue(v);
    if (valErrs.length > 0) errs.push(invalid(keyPath(index(valuesField, i), key), v, valErrs.join('; ')));
  });
  if (errs.length > 0) throw new SelectorError(fieldErrorsMessage(errs));
  return { key, operator, values: [...values] };
}

export function requirementMatches(r: LabelRequirement, labels: Labels): boolean {
  const has = labels !== undefined && Object.prototype.hasOwnProperty.call(labels, r.key);
  const val = has ? labels[r.key] : undefined;
  switch (r.operator) {
    case 'in':
    case '=':
    case '==':
      return val !== undefined && r.values.includes(val);
    case 'notin':
    case '!=':
      return val === undefined || !r.values.includes(val);
    case 'exists':
      return has;
    case '!':
      return !has;
    case 'gt':
    case 'lt': {
      if (val === undefined || r.values.length !== 1) return false;
      const lv = parseInt64(val);
      const rv = parseInt64(r.values[0] ?? '');
      if (lv === undefined || rv === undefined) return false;
      return r.operator === 'gt' ? lv > rv : lv < rv;
    }
  }
}

export function requirementString(r: LabelRequirement): string {
  const values = r.values.length === 1 ? (r.values[0] ?? '') : [...r.values].sort().join(',');
  switch (r.operator) {
    case 'exists':
      return r.key;
    case '!':
      return `!${r.key}`;
    case 'in':
      return `${r.key} in (${values})`;
    case 'notin':
      return `${r.key} notin (${values})`;
    case 'gt':
      return `${r.key}>${values}`;
    case 'lt':
      return `${r.key}<${values}`;
    default:
      return `${r.key}${r.operator}${values}`;
  }
}

function makeSelector(requirements: LabelRequirement[], matchesNothing = false): LabelSelector {
  return {
    requirements,
    empty: !matchesNothing && requirements.length === 0,
    matchesNothing,
    matches: (labels) => !matchesNothing && requirements.every((r) => requirementMatches(r, labels)),
    requiresExactMatch: (k) => {
      const r = requirements.find((x) => x.key === k);
      if (r === undefined) return undefined;
      if ((r.operator === '=' || r.operator === '==' || r.operator === 'in') && r.values.length === 1) return r.values[0];
      return undefined;
    },
    toString: () => requirements.map(requirementString).join(','),
  };
}

export const everythingLabels: LabelSelector = makeSelector([]);
export const nothingLabels: LabelSelector = makeSelector([], true);

// ---- the string form ------------------------------------------------------------------------

type Token =
  | 'error'
  | 'end'
  | ')'
  | ','
  | '!'
  | '=='
  | '='
  | '>'
  | 'id'
  | 'in'
  | '<'
  | '!='
  | 'notin'
  | '(';

interface Item {
  tok: Token;
  lit: string;
}

const STRING_TO_TOKEN: Record<string, Token> = {
  ')': ')',
  ',': ',',
  '!': '!',
  '==': '==',
  '=': '=',
  '>': '>',
  in: 'in',
  '<': '<',
  '!=': '!=',
  notin: 'notin',
  '(': '(',
};

const isWhitespace = (c: string): boolean => c === ' ' || c === '\t' || c === '\r' || c === '\n';
const isSpecial = (c: string): boolean => '=!(),><'.includes(c);

function lex(s: string): Item[] {
  const items: Item[] = [];
  let pos = 0;
  for (;;) {
    while (pos < s.length && isWhitespace(s[pos] ?? '')) pos++;
    if (pos >= s.length) {
      items.push({ tok: 'end', lit: '' });
      return items;
    }
    const c = s[pos] ?? '';
    if (isSpecial(c)) {
      let buffer = '';
      let last: Item | undefined;
      while (pos < s.length && isSpecial(s[pos] ?? '')) {
        const next = buffer + (s[pos] ?? '');
        const t = STRING_TO_TOKEN[next];
        if (t !== undefined) {
          buffer = next;
          last = { tok: t, lit: next };
          pos++;
        } else if (last !== undefined) {
          break;
        } else {
          buffer = next;
          pos++;
        }
      }
      items.push(last ?? { tok: 'error', lit: `error expected: keyword found '${buffer}'` });
    } else {
      let buffer = '';
      while (pos < s.length && !isSpecial(s[pos] ?? '') && !isWhitespace(s[pos] ?? '')) {
        buffer += s[pos] ?? '';
        pos++;
      }
      const t = STRING_TO_TOKEN[buffer];
      items.push(t !== undefined ? { tok: t, lit: buffer } : { tok: 'id', lit: buffer });
    }
  }
}

class ParseError extends Error {}

class Parser {
  private position = 0;
  constructor(private readonly items: Item[]) {}

  // In a values context the keywords `in` and `notin` are ordinary identifiers.
  private lookahead(values: boolean): Item {
    const it = this.items[this.position] ?? { tok: 'end', lit: '' };
    return values && (it.tok === 'in' || it.tok === 'notin') ? { tok: 'id', lit: it.lit } : it;
  }

  private consume(values: boolean): Item {
    const it = this.lookahead(values);
    this.position++;
    return it;
  }

  parse(): LabelRequirement[] {
    const reqs: LabelRequirement[] = [];
    for (;;) {
      const { tok, lit } = this.lookahead(true);
      if (tok === 'id' || tok === '!') {
        let r: LabelRequirement;
        try {
          r = this.parseRequirement();
        } catch (e) {
          if (e instanceof ParseError || e instanceof SelectorError) {
            throw new ParseError(`unable to parse requirement: ${e.message}`);
          }
          throw e;
        }
        reqs.push(r);
        const next = this.consume(true);
        if (next.tok === 'end') return reqs;
        if (next.tok === ',') {
          const after = this.lookahead(true);
          if (after.tok !== 'id' && after.tok !== '!') {
            throw new ParseError(`found '${after.lit}', expected: identifier after ','`);
          }
          continue;
        }
        throw new ParseError(`found '${next.lit}', expected: ',' or 'end of string'`);
      }
      if (tok === 'end') return reqs;
      throw new ParseError(`found '${lit}', expected: !, identifier, or 'end of string'`);
    }
  }

  private parseRequirement(): LabelRequirement {
    let { tok, lit } = this.consume(true);
    let operator: LabelOperator | undefined;
    if (tok === '!') {
      operator = '!';
      ({ tok, lit } = this.consume(true));
    }
    if (tok !== 'id') throw new ParseError(`found '${lit}', expected: identifier`);
    const keyErrs = isQualifiedName(lit);
    if (keyErrs.length > 0) throw new ParseError(errorString(invalid('<nil>', lit, keyErrs.join('; '))));
    const key = lit;
    const after = this.lookahead(true).tok;
    if ((after === 'end' || after === ',') && operator !== '!') operator = 'exists';
    if (operator === 'exists' || operator === '!') return newRequirement(key, operator, []);

    const op = this.parseOperator();
    const values = op === 'in' || op === 'notin' ? this.parseValues() : this.parseExactValue();
    return newRequirement(key, op, [...values].sort());
  }

  private parseOperator(): LabelOperator {
    const { tok, lit } = this.consume(false);
    switch (tok) {
      case 'in':
        return 'in';
      case '=':
        return '=';
      case '==':
        return '==';
      case '>':
        return 'gt';
      case '<':
        return 'lt';
      case 'notin':
        return 'notin';
      case '!=':
        return '!=';
      default:
        throw new ParseError(`found '${lit}', expected: ${BINARY_OPERATORS.join(', ')}`);
    }
  }

  private parseValues(): Set<string> {
    const open = this.consume(true);
    if (open.tok !== '(') throw new ParseError(`found '${open.lit}' expected: '('`);
    const { tok, lit } = this.lookahead(true);
    if (tok === 'id' || tok === ',') {
      const s = this.parseIdentifiersList();
      if (this.consume(true).tok !== ')') throw new ParseError(`found '${lit}', expected: ')'`);
      return s;
    }
    if (tok === ')') {
      this.consume(true);
      return new Set(['']);
    }
    throw new ParseError(`found '${lit}', expected: ',', ')' or identifier`);
  }

  private parseIdentifiersList(): Set<string> {
    const s = new Set<string>();
    for (;;) {
      const { tok, lit } = this.consume(true);
      if (tok === 'id') {
        s.add(lit);
        const next = this.lookahead(true);
        if (next.tok === ',') continue;
        if (next.tok === ')') return s;
        throw new ParseError(`found '${next.lit}', expected: ',' or ')'`);
      }
      if (tok === ',') {
        if (s.size === 0) s.add('');
        const next = this.lookahead(true).tok;
        if (next === ')') {
          s.add('');
          return s;
        }
        if (next === ',') {
          this.consume(true);
          s.add('');
        }
        continue;
      }
      throw new ParseError(`found '${lit}', expected: ',', or identifier`);
    }
  }

  private parseExactValue(): Set<string> {
    const next = this.lookahead(true).tok;
    if (next === 'end' || next === ',') return new Set(['']);
    const { tok, lit } = this.consume(true);
    if (tok === 'id') return new Set([lit]);
    throw new ParseError(`found '${lit}', expected: identifier`);
  }
}

/** labels.Parse: the `?labelSelector=` syntax. Throws SelectorError with kube's message. */
export function parseLabelSelector(selector: string): LabelSelector {
  let reqs: LabelRequirement[];
  try {
    reqs = new Parser(lex(selector)).parse();
  } catch (e) {
    if (e instanceof ParseError) throw new SelectorError(e.message);
    throw e;
  }
  // Sorted by key so evaluation and String() are deterministic, as kube does.
  reqs.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return makeSelector(reqs);
}

// ---- metav1.LabelSelector -------------------------------------------------------------------

const OBJECT_OPERATORS: Record<string, LabelOperator> = { In: 'in', NotIn: 'notin', Exists: 'exists', DoesNotExist: '!' };

/**
 * metav1.LabelSelectorAsSelector: nil selects nothing, an empty selector selects everything.
 * Throws SelectorError for invalid keys, values or operators.
 */
export function labelSelectorFromObject(sel: LabelSelectorObject | null | undefined): LabelSelector {
  if (sel === null || sel === undefined) return nothingLabels;
  const matchLabels = sel.matchLabels ?? {};
  const exprs = sel.matchExpressions ?? [];
  if (Object.keys(matchLabels).length + exprs.length === 0) return everythingLabels;
  // Objects may come straight from decoded JSON: read every member defensively.
  const text = (v: unknown): string => (typeof v === 'string' ? v : String(v));
  const reqs: LabelRequirement[] = [];
  for (const [k, v] of Object.entries(matchLabels)) reqs.push(newRequirement(k, '=', [text(v)]));
  for (const e of exprs) {
    const operator = text(e.operator);
    const op = Object.prototype.hasOwnProperty.call(OBJECT_OPERATORS, operator) ? OBJECT_OPERATORS[operator] : undefined;
    if (op === undefined) throw new SelectorError(`${goQuote(operator)} is not a valid label selector operator`);
    reqs.push(newRequirement(text(e.key), op, Array.isArray(e.values) ? e.values.map(text) : []));
  }
  reqs.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return makeSelector(reqs);
}

/** A matcher for either form; `undefined` or "" (query string) select everything. */
export function compileLabelSelector(sel: string | LabelSelectorObject | null | undefined): LabelMatcher {
  if (sel === undefined || sel === '') return () => true;
  const s = typeof sel === 'string' ? parseLabelSelector(sel) : labelSelectorFromObject(sel);
  return (labels) => s.matches(labels);
}
