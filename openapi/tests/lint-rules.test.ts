// The project's lint rules really guard the spec: each broken copy of it must fail `redocly lint`.
import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../..', import.meta.url));
const redocly = join(root, 'node_modules', '.bin', 'redocly');
const work = mkdtempSync(join(tmpdir(), 'acs-opensearch-lint-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Copies openapi/ and redocly.yaml, applies `mutate` to one file, lints, and returns the output. */
async function lintMutated(name: string, file: string, mutate: (text: string) => string) {
  const dir = join(work, name);
  cpSync(join(root, 'openapi'), join(dir, 'openapi'), {
    recursive: true,
    filter: (src) => !src.includes('generated') && !src.includes('tests'),
  });
  cpSync(join(root, 'redocly.yaml'), join(dir, 'redocly.yaml'));
  const target = join(dir, 'openapi', file);
  writeFileSync(target, mutate(readFileSync(target, 'utf8')));
  try {
    const { stdout, stderr } = await run(redocly, ['lint', '--format=stylish'], {
      cwd: dir,
      env: { ...process.env, REDOCLY_TELEMETRY: 'off' },
    });
    return { ok: true, output: stdout + stderr };
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string };
    return { ok: false, output: `${e.stdout ?? ''}${e.stderr ?? ''}` };
  }
}

describe('redocly lint guards the spec', { timeout: 60_000 }, () => {
  it('passes on the spec as it is', async () => {
    const result = await lintMutated('unchanged', 'openapi.yaml', (t) => t);
    expect(result.ok).toBe(true);
    expect(result.output).toContain('Your API description is valid');
    expect(result.output).not.toMatch(/\d+ warnings?/);
  });

  it('fails when an operation has no x-acs-action', async () => {
    const result = await lintMutated('no-action', 'paths/function-instances.yaml', (t) =>
      t.replace(/^ {2}x-acs-action: .*\n/m, ''),
    );
    expect(result.ok).toBe(false);
    expect(result.output).toContain('operation-x-acs-action');
  });

  it('fails when an operation has no operationId', async () => {
    const result = await lintMutated('no-operation-id', 'paths/function-instances.yaml', (t) =>
      t.replace(/^ {2}operationId: .*\n/m, ''),
    );
    expect(result.ok).toBe(false);
    expect(result.output).toContain('operation-operationId');
  });

  it('fails when an example does not match its schema', async () => {
    const result = await lintMutated('bad-example', 'components/examples/CamelCaseSample.yaml', (t) =>
      t.replace('"totalCount": 2', '"totalCount": "two"'),
    );
    expect(result.ok).toBe(false);
    expect(result.output).toContain('no-invalid-media-type-examples');
  });

  it('fails when a component is unused', async () => {
    const result = await lintMutated('unused', 'openapi.yaml', (t) =>
      t.replace('components:\n', 'components:\n  schemas:\n    Orphan:\n      type: string\n'),
    );
    expect(result.ok).toBe(false);
    expect(result.output).toContain('no-unused-components');
  });

  it('fails when an operation has no RAM action', async () => {
    const result = await lintMutated('no-ram-action', 'paths/function-instances.yaml', (t) =>
      t.replace(/^ {4}action: opensearch:\w+\n/m, ''),
    );
    expect(result.ok).toBe(false);
    expect(result.output).toContain('acs/operation-ram-action');
  });

  it('fails when an operation has no x-acs-ram at all', async () => {
    const result = await lintMutated('no-ram', 'paths/function-version.yaml', (t) =>
      t.replace(/^ {2}x-acs-ram:\n(?: {4}.*\n)+/m, ''),
    );
    expect(result.ok).toBe(false);
    expect(result.output).toContain('operation-x-acs-ram');
  });

  it('fails when an operation does not link its reference page', async () => {
    const result = await lintMutated('no-docs', 'paths/app-groups.yaml', (t) =>
      t.replace(/^ {2}externalDocs:\n(?: {4}.*\n)+/m, ''),
    );
    expect(result.ok).toBe(false);
    expect(result.output).toContain('operation-external-docs');
  });
});
