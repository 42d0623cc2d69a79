// Every operation's code samples (the bundle's `x-codeSamples`, what each reference page shows)
// compile against the built packages: the client call, the TanStack Query options and the mocks.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const siteRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const spec = JSON.parse(readFileSync(join(siteRoot, '..', 'openapi', 'generated', 'openapi.json'), 'utf8'));
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');

interface Sample {
  lang: string;
  label: string;
  source: string;
}
const operations = Object.values(
  spec.paths as Record<string, Record<string, { operationId?: string; 'x-codeSamples'?: Sample[] }>>,
)
  .flatMap((item) => Object.values(item))
  .filter((op) => op.operationId);

describe('the code samples of the reference', () => {
  it('every operation has a client, a TanStack Query and a mocks sample, in TypeScript', () => {
    expect(operations.length).toBeGreaterThan(0);
    for (const op of operations) {
      const samples = op['x-codeSamples'] ?? [];
      expect(
        samples.map((s) => s.label),
        op.operationId,
      ).toEqual(['Client', 'TanStack Query', 'Mocks (MSW)']);
      for (const sample of samples) expect(sample.lang).toBe('TypeScript');
      // The client sample calls the operation's own method.
      expect(samples[0]?.source).toContain(`client.${op.operationId}(`);
    }
  });

  it('every sample compiles against the built client, query and mocks packages (tsc, strict)', () => {
    const dir = join(siteRoot, 'node_modules', '.cache', 'samples');
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    const owner = new Map<string, string>();
    for (const op of operations)
      (op['x-codeSamples'] ?? []).forEach((sample, i) => {
        const file = `${op.operationId}.${i}.ts`;
        owner.set(file, `${op.operationId} (${sample.label})`);
        writeFileSync(join(dir, file), `${sample.source}\n`);
      });
    writeFileSync(
      join(dir, 'tsconfig.json'),
      JSON.stringify({
        extends: '../../../../tsconfig.base.json',
        compilerOptions: { noEmit: true, types: ['node'], noUnusedLocals: true, declaration: false },
        include: ['*.ts'],
      }),
    );
    let output = '';
    try {
      execFileSync(process.execPath, [tsc, '-p', join(dir, 'tsconfig.json')], { cwd: siteRoot, encoding: 'utf8' });
    } catch (error) {
      output = String((error as { stdout?: string }).stdout ?? error);
    }
    const failing = [...new Set([...output.matchAll(/([\w.]+\.ts)\(\d+/g)].map((m) => owner.get(m[1] ?? '') ?? m[1]))];
    expect(failing, output.slice(0, 4000)).toEqual([]);
    expect(output).toBe('');
    expect(owner.size).toBe(operations.length * 3);
  });
});
