import { existsSync, readFileSync, writeFileSync } from 'node:fs';

const FILE = 'BENCHMARKS.md';

/** Replaces (or appends) the `## title` section of BENCHMARKS.md with `body`. */
export function writeSection(title: string, body: string): void {
  const text = existsSync(FILE) ? readFileSync(FILE, 'utf8') : '# Benchmarks\n\nFigures measured by `bench/`, each beside the physical limit measured in the same run.\n';
  const heading = `## ${title}`;
  const start = text.indexOf(heading);
  const section = `${heading}\n\n${body.trimEnd()}\n\n`;
  if (start < 0) {
    writeFileSync(FILE, `${text.trimEnd()}\n\n${section.trimEnd()}\n`);
    return;
  }
  const next = text.indexOf('\n## ', start + heading.length);
  writeFileSync(FILE, text.slice(0, start) + section + (next < 0 ? '' : text.slice(next + 1)));
}
