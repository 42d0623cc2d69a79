#!/usr/bin/env node
// Regenerates everything from openapi/ into a temporary folder and fails, naming the
// files, when the result differs from the files in the repository.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GENERATED_FILES, generate, repoRoot } from './generate.mjs';

const outRoot = mkdtempSync(join(tmpdir(), 'acs-opensearch-check-'));
try {
  await generate(outRoot);
  const drifted = [];
  for (const rel of Object.values(GENERATED_FILES)) {
    const committedPath = join(repoRoot, rel);
    if (!existsSync(committedPath)) {
      drifted.push(`${rel} (missing)`);
    } else if (readFileSync(committedPath, 'utf8') !== readFileSync(join(outRoot, rel), 'utf8')) {
      drifted.push(`${rel} (differs)`);
    }
  }
  if (drifted.length > 0) {
    console.error(
      `check:generated: ${drifted.length} generated file(s) are out of date with openapi/:\n  ${drifted.join('\n  ')}\n` +
        'Run `pnpm generate` and commit the result.',
    );
    process.exit(1);
  }
  console.log(`check:generated: ${Object.keys(GENERATED_FILES).length} generated files match openapi/`);
} finally {
  rmSync(outRoot, { recursive: true, force: true });
}
