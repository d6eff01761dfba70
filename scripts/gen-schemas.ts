/**
 * Generates the OpenAPI v3 component schemas of the built-in kinds from kubernetes-types'
 * declarations (doc comments become descriptions) into src/apiserver/schema/generated/.
 *
 *   node --import tsx scripts/gen-schemas.ts [--force]
 *
 * Skips the work when a hash of every input (the declaration files, the tables and converter in
 * src/apiserver/schema/build/, this script, the generator's version) matches the last run.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_CONFIG, SchemaGenerator, createFormatter, createParser } from 'ts-json-schema-generator';
import type { CompletedConfig } from 'ts-json-schema-generator';
import ts from 'typescript';
import { convertModules } from '../src/apiserver/schema/build/convert.js';
import type { RawModule } from '../src/apiserver/schema/build/convert.js';
import { schemaSources } from '../src/apiserver/schema/build/sources.js';
import type { SchemaSource } from '../src/apiserver/schema/build/sources.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const schemaDir = join(root, 'src/apiserver/schema');
const buildDir = join(schemaDir, 'build');
const outDir = join(schemaDir, 'generated');
const outFile = join(outDir, 'definitions.json');
const stampFile = join(outDir, 'inputs.sha256');
const require = createRequire(import.meta.url);

function sourcePath(source: SchemaSource): string {
  if (source.module.startsWith('./')) return join(buildDir, source.module.slice(2));
  const [pkg, ...rest] = source.module.split('/');
  if (pkg === undefined) throw new Error(`bad module ${source.module}`);
  return join(dirname(require.resolve(`${pkg}/package.json`)), `${rest.join('/')}.d.ts`);
}

function packageVersion(name: string): string {
  const manifest = JSON.parse(readFileSync(require.resolve(`${name}/package.json`), 'utf8')) as { version?: string };
  return manifest.version ?? 'unknown';
}

function inputsHash(files: readonly string[]): string {
  const hash = createHash('sha256');
  for (const name of ['kubernetes-types', 'ts-json-schema-generator', 'typescript']) {
    hash.update(`${name}@${packageVersion(name)}\n`);
  }
  // The converter and its tables, and whatever they import from the schema folder.
  const sourcesIn = (dir: string): string[] =>
    readdirSync(dir)
      .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
      .map((f) => join(dir, f));
  const local = [fileURLToPath(import.meta.url), ...sourcesIn(schemaDir), ...sourcesIn(buildDir)];
  for (const file of [...new Set([...files, ...local])].sort()) {
    hash.update(`${file.slice(root.length)}\n`);
    hash.update(readFileSync(file));
  }
  return hash.digest('hex');
}

function isExported(node: ts.Node): boolean {
  return ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
}

type Declaration = ts.InterfaceDeclaration | ts.TypeAliasDeclaration;

function exportedDeclarations(file: ts.SourceFile): Declaration[] {
  return file.statements.filter(
    (s): s is Declaration => (ts.isInterfaceDeclaration(s) || ts.isTypeAliasDeclaration(s)) && isExported(s),
  );
}

/** Short name → full component name, for the module's own types and the ones it imports. */
function resolverFor(
  file: ts.SourceFile,
  pkg: string,
  checker: ts.TypeChecker,
  pkgByFile: ReadonlyMap<string, string>,
): (shortName: string) => string | undefined {
  const names = new Map<string, string>();
  for (const declaration of exportedDeclarations(file)) names.set(declaration.name.text, `${pkg}.${declaration.name.text}`);
  for (const statement of file.statements) {
    if (!ts.isImportDeclaration(statement)) continue;
    const bindings = statement.importClause?.namedBindings;
    if (bindings === undefined || !ts.isNamedImports(bindings)) continue;
    for (const element of bindings.elements) {
      const symbol = checker.getSymbolAtLocation(element.name);
      if (symbol === undefined) continue;
      const target = checker.getAliasedSymbol(symbol);
      const declaredIn = target.declarations?.[0]?.getSourceFile().fileName;
      const targetPkg = declaredIn === undefined ? undefined : pkgByFile.get(declaredIn);
      if (targetPkg === undefined) throw new Error(`${file.fileName}: ${element.name.text} comes from an unknown module`);
      names.set(target.name, `${targetPkg}.${target.name}`);
    }
  }
  return (shortName) => names.get(shortName);
}

function generate(files: readonly string[]): Record<string, unknown> {
  const program = ts.createProgram(files, {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    strict: true,
    skipLibCheck: true,
    noEmit: true,
    types: [],
  });
  const config: CompletedConfig = {
    ...DEFAULT_CONFIG,
    expose: 'export',
    topRef: false,
    jsDoc: 'extended',
    sortProps: false,
    additionalProperties: true,
    skipTypeCheck: true,
  };
  const generator = new SchemaGenerator(program, createParser(program, config), createFormatter(config), config);
  const checker = program.getTypeChecker();
  const pkgByFile = new Map(schemaSources.map((source, i) => [program.getSourceFile(files[i] ?? '')?.fileName ?? '', source.pkg]));

  const modules: RawModule[] = schemaSources.map((source, i) => {
    const file = program.getSourceFile(files[i] ?? '');
    if (file === undefined) throw new Error(`cannot load ${source.module}`);
    const definitions: Record<string, unknown> = {};
    for (const declaration of exportedDeclarations(file)) {
      const name = declaration.name.text;
      const { definitions: children, $schema: _schema, ...body } = generator.createSchemaFromNodes([declaration]);
      // A self-referencing type comes back as a $ref to itself, its body among the children.
      definitions[name] = children?.[name] ?? body;
    }
    return { pkg: source.pkg, definitions, resolve: resolverFor(file, source.pkg, checker, pkgByFile) };
  });
  const groupVersions = schemaSources.flatMap((s) => (s.groupVersion === undefined ? [] : [s.groupVersion]));
  const components = convertModules(modules, { groupVersions });
  return Object.fromEntries(Object.keys(components).sort().map((name) => [name, components[name]]));
}

function main(): void {
  const started = performance.now();
  const force = process.argv.includes('--force');
  const files = schemaSources.map(sourcePath);
  const hash = inputsHash(files);
  if (!force && existsSync(outFile) && existsSync(stampFile) && readFileSync(stampFile, 'utf8').trim() === hash) {
    console.log(`gen-schemas: up to date (${Math.round(performance.now() - started)} ms)`);
    return;
  }
  const definitions = generate(files);
  mkdirSync(outDir, { recursive: true });
  const tmp = `${outFile}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(definitions));
  renameSync(tmp, outFile);
  writeFileSync(stampFile, `${hash}\n`);
  const count = Object.keys(definitions).length;
  console.log(`gen-schemas: ${count} definitions -> ${outFile.slice(root.length + 1)} (${Math.round(performance.now() - started)} ms)`);
}

main();
