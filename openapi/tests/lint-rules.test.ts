// The project's lint rules really guard the spec: a copy broken in one place per rule must fail
// `redocly lint`, naming each rule under the file it was broken in. One lint of one broken copy
// shows every rule at work (each Redocly run costs a second or two of CPU; one per rule was most
// of this file's time).
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

type Mutation = { file: string; mutate: (text: string) => string };

/** Copies openapi/ and redocly.yaml, applies each mutation to its file, lints, and returns the output. */
async function lintMutated(name: string, mutations: Mutation[]) {
  const dir = join(work, name);
  cpSync(join(root, 'openapi'), join(dir, 'openapi'), {
    recursive: true,
    filter: (src) => !src.includes('generated') && !src.includes('tests'),
  });
  cpSync(join(root, 'redocly.yaml'), join(dir, 'redocly.yaml'));
  for (const { file, mutate } of mutations) {
    const target = join(dir, 'openapi', file);
    const before = readFileSync(target, 'utf8');
    const after = mutate(before);
    if (after === before)
      throw new Error(`the mutation of ${file} changed nothing: the test no longer breaks the spec`);
    writeFileSync(target, after);
  }
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

/** The problems the stylish report lists under one file (`openapi/<file>:` up to the next blank line). */
function problemsIn(output: string, file: string): string {
  const start = output.indexOf(`openapi/${file}:\n`);
  if (start < 0) return '';
  const end = output.indexOf('\n\n', start);
  return output.slice(start, end < 0 ? undefined : end);
}

/** One break per rule, each in a file of its own: the rule's id, and how to break the spec. */
const BREAKS: Array<{ rule: string; why: string } & Mutation> = [
  {
    rule: 'operation-x-acs-action',
    why: 'an operation has no x-acs-action',
    file: 'paths/function-instances.yaml',
    mutate: (t) => t.replace(/^ {2}x-acs-action: .*\n/m, ''),
  },
  {
    rule: 'operation-operationId',
    why: 'an operation has no operationId',
    file: 'paths/function-instance.yaml',
    mutate: (t) => t.replace(/^ {2}operationId: .*\n/m, ''),
  },
  {
    rule: 'no-invalid-media-type-examples',
    why: 'an example does not match its schema',
    file: 'components/examples/CamelCaseSample.yaml',
    mutate: (t) => t.replace('"totalCount": 2', '"totalCount": "two"'),
  },
  {
    rule: 'no-unused-components',
    why: 'a component is unused',
    file: 'openapi.yaml',
    mutate: (t) => t.replace('components:\n', 'components:\n  schemas:\n    Orphan:\n      type: string\n'),
  },
  {
    rule: 'acs/operation-ram-action',
    why: 'an operation has no RAM action',
    file: 'paths/function-instance-tasks.yaml',
    mutate: (t) => t.replace(/^ {4}action: opensearch:\w+\n/m, ''),
  },
  {
    rule: 'operation-x-acs-ram',
    why: 'an operation has no x-acs-ram at all',
    file: 'paths/function-version.yaml',
    mutate: (t) => t.replace(/^ {2}x-acs-ram:\n(?: {4}.*\n)+/m, ''),
  },
  {
    rule: 'operation-external-docs',
    why: 'an operation does not link its reference page',
    file: 'paths/app-groups.yaml',
    mutate: (t) => t.replace(/^ {2}externalDocs:\n(?: {4}.*\n)+/m, ''),
  },
  {
    rule: 'acs/operation-ram-convention',
    why: '"all resources" is written as a bare *',
    file: 'paths/regions.yaml',
    mutate: (t) => t.replace('resource: "acs:opensearch:{#regionId}:{#accountId}:*"', 'resource: "*"'),
  },
  {
    rule: 'acs/operation-ram-convention',
    why: "an access level is not one of the reference's",
    file: 'paths/domain.yaml',
    mutate: (t) => t.replace(/accessLevel: \w+/, 'accessLevel: Fetch'),
  },
];

describe('redocly lint guards the spec', { timeout: 60_000 }, () => {
  it('passes on the spec as it is', async () => {
    const result = await lintMutated('unchanged', []);
    expect(result.ok).toBe(true);
    expect(result.output).toMatch(/Your API descriptions? (is|are) valid/);
    expect(result.output).toContain("using lint rules for api 'opensearch-app@v3'");
    expect(result.output).not.toMatch(/\d+ warnings?/);
  });

  let broken: ReturnType<typeof lintMutated> | undefined;
  it.each(BREAKS)('fails, naming $rule, when $why', async ({ rule, file }) => {
    broken ??= lintMutated('broken', BREAKS);
    const result = await broken;
    expect(result.ok).toBe(false);
    // The rule is named among the problems of the file it was broken in: a break elsewhere
    // cannot stand in for it.
    expect(problemsIn(result.output, file)).toContain(rule);
  });
});
