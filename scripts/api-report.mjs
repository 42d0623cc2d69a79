#!/usr/bin/env node
// API report: every name each published entry point exports, with its kind and its signature (the
// type of a function or a constant, the declaration of a type), read from the built type
// declarations with the TypeScript compiler, and checked against what the ESM and CJS builds export
// at run time. `pnpm api:update` writes packages/<pkg>/api-report.md; `pnpm api:check` (part of
// `pnpm test`) fails when the public surface changed without the report, so a change is deliberate
// and shows in review. It also fails when a package's surface differs from the one it was last
// released with (`acsApiSurface` in its package.json, which `pnpm version-packages` records) and no
// pending changeset names the package.
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import ts from 'typescript';

const root = fileURLToPath(new URL('..', import.meta.url));
const check = process.argv.includes('--check');
const require = createRequire(import.meta.url);

/**
 * Every JavaScript entry point a package's `exports` declares (a new subpath is reported with no
 * edit here): its types, and the ESM and CJS files Node loads (the `node` condition when there is one).
 */
function entriesOf(dir) {
  const { exports } = JSON.parse(readFileSync(join(root, 'packages', dir, 'package.json'), 'utf8'));
  const strip = (path) => path.replace(/^\.\//, '');
  const entries = {};
  for (const [key, target] of Object.entries(exports)) {
    if (typeof target !== 'object') continue; // ./package.json, ./openapi.json
    const node = target.node ?? target;
    entries[key] = {
      types: strip(target.import.types),
      esm: strip(node.import.default),
      cjs: strip(node.require.default),
    };
  }
  return entries;
}

const PACKAGES = {
  client: { name: '@acs-opensearch/client', entries: entriesOf('client') },
  // Every interface, class and type alias the declarations name must be importable by users.
  mocks: { name: '@acs-opensearch/mocks', entries: entriesOf('mocks'), allExported: true },
  query: { name: '@acs-opensearch/query', entries: entriesOf('query') },
};

/**
 * What is wrong with a bundle of declarations: any `any` (a public signature that types nothing),
 * and, with `allExported`, a declaration the public signatures use but the entry does not export.
 */
function declarationProblems(file, allExported) {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const found = [];
  const visit = (node) => {
    if (node.kind === ts.SyntaxKind.AnyKeyword) {
      const { line } = source.getLineAndCharacterOfPosition(node.getStart());
      found.push(`${file.replace(root, '')}:${line + 1}: \`any\` in a public declaration (use unknown or a real type)`);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  if (!allExported) return found;
  const exported = new Set();
  const declared = [];
  for (const statement of source.statements) {
    if (ts.isExportDeclaration(statement) && statement.exportClause && ts.isNamedExports(statement.exportClause))
      for (const e of statement.exportClause.elements) exported.add((e.propertyName ?? e.name).text);
    const isExported = statement.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
    const declaration =
      ts.isInterfaceDeclaration(statement) || ts.isTypeAliasDeclaration(statement) || ts.isClassDeclaration(statement);
    if (declaration && statement.name && !isExported) declared.push(statement.name.text);
  }
  for (const name of declared)
    if (!exported.has(name))
      found.push(`${file.replace(root, '')}: ${name} is used by the public API but not exported`);
  return found;
}

function kindOf(symbol, checker) {
  const target = symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
  const f = target.flags;
  if (f & ts.SymbolFlags.Class) return 'class';
  if (f & ts.SymbolFlags.Function) return 'function';
  if (f & ts.SymbolFlags.Enum) return 'enum';
  if (f & ts.SymbolFlags.Variable) return 'const';
  if (f & ts.SymbolFlags.Interface) return 'interface';
  if (f & ts.SymbolFlags.TypeAlias) return 'type';
  return 'other';
}

function declaredExports(file) {
  const program = ts.createProgram([file], {
    strict: true,
    skipLibCheck: true,
    noEmit: true,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
  });
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(file);
  const moduleSymbol = checker.getSymbolAtLocation(source);
  return checker
    .getExportsOfModule(moduleSymbol)
    .flatMap((s) => {
      const entry = { name: s.getName(), kind: kindOf(s, checker), signature: signatureOf(s, checker) };
      return [entry, ...membersOf(s, checker, entry)];
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** A long interface's members, each on its own row (`OperationMethods.listAppGroups`), so a renamed member shows. */
function membersOf(symbol, checker, entry) {
  if (entry.kind !== 'interface' || !entry.signature.includes(' … (')) return [];
  const target = symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
  const out = [];
  for (const declaration of target.declarations ?? [])
    for (const member of declaration.members ?? []) {
      const name = member.name?.getText();
      if (!name) continue;
      const text = member
        .getText()
        .replace(/\/\*\*[\s\S]*?\*\//g, '')
        .replace(/\s+/g, ' ')
        .trim();
      out.push({
        name: `${entry.name}.${name}`,
        kind: 'member',
        signature: text.length <= MAX_SIGNATURE ? text : shorten(text),
      });
    }
  return out;
}

function shorten(text) {
  const hash = createHash('sha256').update(text).digest('hex').slice(0, 16);
  return `${text.slice(0, MAX_SIGNATURE)} … (${text.length} characters, sha256 ${hash})`;
}

/** Past this many characters a signature is recorded as its start and a hash of the whole. */
const MAX_SIGNATURE = 600;

/** The text that identifies an export's shape: a value's type, or a type's declaration, on one line. */
function signatureOf(symbol, checker) {
  const target = symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
  const flags = ts.TypeFormatFlags.NoTruncation;
  let text;
  if (target.flags & (ts.SymbolFlags.Function | ts.SymbolFlags.Variable | ts.SymbolFlags.Enum)) {
    const declaration = target.valueDeclaration ?? target.declarations?.[0];
    text = checker.typeToString(checker.getTypeOfSymbolAtLocation(target, declaration), undefined, flags);
  } else {
    text = (target.declarations ?? []).map((d) => d.getText().replace(/\/\*\*[\s\S]*?\*\//g, '')).join(' ');
  }
  text = text.replace(/\s+/g, ' ').trim();
  return text.length <= MAX_SIGNATURE ? text : shorten(text);
}

/** The packages named by the pending changesets (.changeset/*.md, frontmatter `"name": bump`). */
function changesetPackages() {
  const dir = join(root, '.changeset');
  const named = new Set();
  if (!existsSync(dir)) return named;
  for (const file of readdirSync(dir)) {
    if (!file.endsWith('.md') || file === 'README.md') continue;
    const front = /^---\n([\s\S]*?)\n---/.exec(readFileSync(join(dir, file), 'utf8'))?.[1] ?? '';
    for (const m of front.matchAll(/^\s*["']?(@?[\w./-]+)["']?\s*:\s*(major|minor|patch)\s*$/gm)) named.add(m[1]);
  }
  return named;
}

/** The hash of a report: what `acsApiSurface` records at a release. */
const surfaceOf = (report) => createHash('sha256').update(report).digest('hex').slice(0, 32);

const problems = [];

// The checks have teeth: a declaration file with an `any` and a hidden interface must fail both.
{
  const dir = mkdtempSync(join(tmpdir(), 'api-report-'));
  const probe = join(dir, 'probe.d.ts');
  writeFileSync(probe, 'interface Hidden { a: string }\nexport declare function f(x: any): Hidden;\nexport {};\n');
  const found = declarationProblems(probe, true);
  rmSync(dir, { recursive: true, force: true });
  if (!found.some((f) => f.includes('`any`')) || !found.some((f) => f.includes('Hidden is used')))
    problems.push(`the declaration checks missed a planted \`any\` or hidden interface: ${found.join('; ')}`);
}

/** A package's report, and the problems of its declarations and of its exports (ESM and CJS). */
async function reportOf(dir, pkg) {
  const base = join(root, 'packages', dir);
  const found = [];
  const lines = [
    `# API report: ${pkg.name}`,
    '',
    'Generated by `pnpm api:update` from the built type declarations; `pnpm api:check` (part of `pnpm test`) fails when the public surface changes without this file.',
    '',
  ];
  for (const [entry, files] of Object.entries(pkg.entries)) {
    const declared = declaredExports(join(base, files.types));
    found.push(...declarationProblems(join(base, files.types), pkg.allExported === true));
    const values = declared.filter((e) => ['class', 'function', 'const', 'enum'].includes(e.kind)).map((e) => e.name);
    const names = declared.filter((e) => e.kind !== 'member').length;
    const esm = Object.keys(await import(pathToFileURL(join(base, files.esm)).href)).filter((k) => k !== 'default');
    const cjs = Object.keys(require(join(base, files.cjs))).filter((k) => k !== 'default' && k !== '__esModule');
    for (const [label, names] of [
      ['ESM', esm],
      ['CJS', cjs],
    ]) {
      const missing = values.filter((v) => !names.includes(v));
      const extra = names.filter((n) => !values.includes(n));
      if (missing.length || extra.length) {
        found.push(
          `${pkg.name}${entry === '.' ? '' : entry.slice(1)} ${label}: declared but not exported [${missing}], exported but not declared [${extra}]`,
        );
      }
    }
    lines.push(
      `## \`${pkg.name}${entry === '.' ? '' : entry.slice(1)}\` (${names} names)`,
      '',
      '| name | kind | signature |',
      '| --- | --- | --- |',
    );
    const cell = (text) => text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/`/g, "'");
    for (const e of declared) lines.push(`| \`${e.name}\` | ${e.kind} | \`${cell(e.signature)}\` |`);
    lines.push('');
  }
  return { report: `${lines.join('\n').trimEnd()}\n`, found };
}

/**
 * The report of a package and the problems its declarations have, cached by the hash of its built
 * files and of this script: `api:check` runs several times on one build (test:new-operations runs
 * it three times), and reading the declarations with the TypeScript compiler is most of its time.
 */
function cached(dir, compute) {
  const base = join(root, 'packages', dir);
  const hash = createHash('sha256').update(readFileSync(fileURLToPath(import.meta.url)));
  // Every built file (an entry's declarations import shared chunks) and the package's manifest.
  hash.update(readFileSync(join(base, 'package.json')));
  for (const file of readdirSync(join(base, 'dist'), { recursive: true }).map(String).sort()) {
    const path = join(base, 'dist', file);
    if (statSync(path).isFile()) hash.update(file).update(readFileSync(path));
  }
  const cacheDir = join(root, 'node_modules', '.cache', 'api-report');
  const file = join(cacheDir, `${dir}-${hash.digest('hex').slice(0, 32)}.json`);
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8'));
  return compute().then((result) => {
    mkdirSync(cacheDir, { recursive: true });
    writeFileSync(file, JSON.stringify(result));
    return result;
  });
}

for (const [dir, pkg] of Object.entries(PACKAGES)) {
  const base = join(root, 'packages', dir);
  const { report, found } = await cached(dir, () => reportOf(dir, pkg));
  problems.push(...found);
  const target = join(base, 'api-report.md');
  const manifestPath = join(base, 'package.json');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
  if (process.argv.includes('--record-release')) {
    // `pnpm version-packages`, after `changeset version` consumed the changesets: the report and
    // the surface each package is released with.
    manifest.acsApiSurface = surfaceOf(report);
    writeFileSync(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
    writeFileSync(target, report);
    console.log(`api-report: packages/${dir} released with the surface of api-report.md`);
    continue;
  }
  if (manifest.acsApiSurface !== surfaceOf(report) && !changesetPackages().has(pkg.name))
    problems.push(
      `${pkg.name}: its public API differs from the one it was last released with, and no pending changeset names it. ` +
        `Run \`pnpm changeset\`, pick ${pkg.name} and the bump (a renamed or removed export is a breaking change), ` +
        `and say in a sentence what users gain or must change.`,
    );
  if (check) {
    let current = '';
    try {
      current = readFileSync(target, 'utf8');
    } catch {}
    if (current !== report)
      problems.push(
        `packages/${dir}/api-report.md is out of date: the public surface changed. Review it, then run pnpm api:update.`,
      );
  } else {
    writeFileSync(target, report);
    console.log(`api-report: wrote packages/${dir}/api-report.md`);
  }
}

if (problems.length) {
  console.error(`api-report:\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
if (check) console.log('api-report: the public surface matches packages/*/api-report.md');
