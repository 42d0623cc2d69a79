// `pnpm changeset:add`: a changeset with no prompt, or a message saying why none was written.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { addChangeset } from '../add-changeset.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'acs-changeset-'));
mkdirSync(join(work, '.changeset'));
cpSync(join(root, '.changeset', 'config.json'), join(work, '.changeset', 'config.json'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const read = (file: string) => readFileSync(file, 'utf8');

describe('changeset:add', () => {
  it('writes the bump for every package of the fixed group by default, and the summary', () => {
    const file = addChangeset(work, ['minor', 'Data-source', 'assistants:', 'list tables and fields.']);
    expect(file.endsWith('data-source-assistants-list-tables-and.md')).toBe(true);
    expect(read(file)).toBe(
      '---\n"@acs-opensearch/client": minor\n"@acs-opensearch/mocks": minor\n"@acs-opensearch/query": minor\n---\n\nData-source assistants: list tables and fields.\n',
    );
  });

  it('takes packages by short or full name, and a file name', () => {
    const file = addChangeset(work, ['patch', 'Fix', '--packages', 'mocks,@acs-opensearch/client', '--name=fix-one']);
    expect(read(file)).toBe('---\n"@acs-opensearch/mocks": patch\n"@acs-opensearch/client": patch\n---\n\nFix\n');
  });

  it.each([
    [['huge', 'x'], /the bump must be one of patch, minor, major; got "huge"/],
    [['minor'], /summary is empty/],
    [['minor', '  '], /summary is empty/],
    [['minor', 'x', '--packages', 'client,server'], /unknown package "server"/],
    [['minor', 'x', '--name', 'Bad Name'], /lower-case words/],
    [['minor', 'x', '--packages'], /--packages needs a value/],
    [['minor', 'x', '--force'], /unknown option --force/],
    [['minor', 'Fix', '--name', 'fix-one'], /fix-one\.md exists/],
  ])('refuses %j, saying why, and writes nothing', (argv, why) => {
    const before = readdirSync(join(work, '.changeset')).sort();
    expect(() => addChangeset(work, argv as string[])).toThrow(why);
    expect(readdirSync(join(work, '.changeset')).sort()).toEqual(before);
  });

  it('as a command: exit 2 and a message on a refusal, the path on success, no terminal needed', () => {
    const script = join(root, 'scripts', 'add-changeset.mjs');
    const refused = spawnSync(process.execPath, [script, 'minor'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    expect(refused.status).toBe(2);
    expect(refused.stderr).toMatch(/changeset:add: say what users gain[\s\S]*usage: pnpm changeset:add/);
    // On the repository itself, a dry check of the arguments only: nothing is written by this test.
    expect(
      execFileSync(
        process.execPath,
        ['-e', `import(${JSON.stringify(script)}).then(m => console.log(m.slugOf('A b')))`],
        { encoding: 'utf8' },
      ).trim(),
    ).toBe('a-b');
  });
});
