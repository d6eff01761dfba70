/** Zod validation issues → messages that name the key and say what was expected. */
import type { z } from 'zod';
import { formatPath, type ConfigIssue } from './errors.js';
import { describeValue } from './raw.js';

type ZodIssue = z.core.$ZodIssue;

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let node = root;
  for (const segment of path) {
    if (node === null || typeof node !== 'object' || typeof segment === 'symbol') return undefined;
    node = (node as Record<string | number, unknown>)[segment];
  }
  return node;
}

function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'object') return 'mapping';
  return typeof value;
}

/** The expectations of one issue at its own path (used to summarise union branches). */
function expectation(issue: ZodIssue): string | undefined {
  switch (issue.code) {
    case 'invalid_type':
      return issue.expected === 'object' ? 'mapping' : issue.expected;
    case 'invalid_value':
      return issue.values.map((v) => JSON.stringify(v)).join(' or ');
    default:
      return undefined;
  }
}

function messageFor(issue: ZodIssue, input: unknown): string {
  const got = issue.code === 'invalid_type' ? typeName(input) : describeValue(input);
  switch (issue.code) {
    case 'invalid_type':
      return input === undefined ? `required (expected ${expectation(issue) ?? issue.expected})` : `expected ${expectation(issue) ?? issue.expected}, got ${got}`;
    case 'invalid_value':
      return `expected ${issue.values.map((v) => JSON.stringify(v)).join(', ')}, got ${got}`;
    case 'invalid_union': {
      const options = issue.errors
        .map((branch) => branch.filter((sub) => sub.path.length === 0).map(expectation))
        .flat()
        .filter((e): e is string => e !== undefined);
      return options.length > 0 ? `expected ${[...new Set(options)].join(' or ')}, got ${describeValue(input)}` : issue.message;
    }
    case 'too_small':
      return issue.origin === 'array' ? `expected at least ${String(issue.minimum)} item(s)` : `expected at least ${String(issue.minimum)} character(s)`;
    default:
      return issue.message;
  }
}

/** One issue per problem; unknown keys get an issue each, at their own path. */
export function zodIssues(error: z.ZodError, input: unknown, prefix: readonly PropertyKey[] = []): ConfigIssue[] {
  const out: ConfigIssue[] = [];
  for (const issue of error.issues) {
    const path = [...prefix, ...issue.path];
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) out.push({ path: formatPath([...path, key]), message: 'unknown key' });
      continue;
    }
    out.push({ path: formatPath(path), message: messageFor(issue, valueAt(input, issue.path)) });
  }
  return out;
}
