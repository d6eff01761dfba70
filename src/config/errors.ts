/** One problem with a configuration, located by the key path a user would write. */
export interface ConfigIssue {
  /** e.g. `sync.toHost.pods.enabled`, `--sync`, `--set sync.x=1`, `(root)`. */
  readonly path: string;
  /** What is wrong, e.g. `expected boolean, got string`. */
  readonly message: string;
}

/** A configuration that cannot be used. Carries every issue found, not just the first. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  readonly issues: readonly ConfigIssue[];

  constructor(issues: readonly ConfigIssue[]) {
    super(formatIssues(issues));
    this.issues = issues;
  }
}

export function formatIssues(issues: readonly ConfigIssue[]): string {
  if (issues.length === 1 && issues[0] !== undefined) return `invalid configuration: ${formatIssue(issues[0])}`;
  return ['invalid configuration:', ...issues.map((issue) => `  - ${formatIssue(issue)}`)].join('\n');
}

export function formatIssue(issue: ConfigIssue): string {
  return `${issue.path}: ${issue.message}`;
}

/** Formats a key path: `a.b`, `a["x.y"]`, `a[0]`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else if (typeof segment === 'symbol') out += `[${segment.toString()}]`;
    else if (/^[A-Za-z_$][\w$-]*$/.test(segment)) out += out === '' ? segment : `.${segment}`;
    else out += `[${JSON.stringify(segment)}]`;
  }
  return out === '' ? '(root)' : out;
}
