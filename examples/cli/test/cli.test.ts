// Runs the demo CLI as a user does, against the built-in mock server over real HTTP.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const cli = fileURLToPath(new URL('../list-instances.mjs', import.meta.url));
const env = {
  ...process.env,
  ALIBABA_CLOUD_ACCESS_KEY_ID: '',
  ALIBABA_CLOUD_ACCESS_KEY_SECRET: '',
  OPENSEARCH_APP_GROUP: '',
};

async function cliRun(...args: string[]) {
  try {
    const { stdout, stderr } = await run(process.execPath, [cli, ...args], { env });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('demo CLI', { timeout: 30_000 }, () => {
  it('lists every instance through the signed client, page by page, as a table', async () => {
    const { code, stdout } = await cliRun('--page-size', '4');
    expect(code).toBe(0);
    expect(stdout).toContain('signature verification on');
    expect(stdout).toMatch(/#\s+page\s+instanceName\s+functionName\s+status\s+source/);
    expect(stdout).toMatch(/1\s+1\s+instance_1\s+ctr\s+available\s+user/);
    expect(stdout).toMatch(/25 instance\(s\) in 7 page\(s\); totalCount 25/);
  });

  it('honours --source, --max-items and --output', async () => {
    const { code, stdout } = await cliRun(
      '--source',
      'builtin',
      '--max-items',
      '3',
      '--output',
      'simple',
      '--function',
      'hot',
    );
    expect(code).toBe(0);
    expect(stdout).toContain('function "hot" (source=builtin, output=simple');
    expect(stdout).toMatch(/3 instance\(s\) in 1 page\(s\)/);
    expect(stdout).not.toMatch(/\buser\b\s+\w+\s+(PAAS|SAAS)/);
  });

  it('reports an API error with its code and requestId, and exits 1', async () => {
    const { code, stderr } = await cliRun('--source', 'all', '--real', '--endpoint', 'http://127.0.0.1:9');
    expect(code).toBe(2);
    expect(stderr).toContain('ALIBABA_CLOUD_ACCESS_KEY_ID');
  });

  it.each([
    [['--bogus'], "Unknown option '--bogus'"],
    [['--page-size', '0'], '--page-size must be a positive integer'],
    [['--region', 'mars-1'], '--region must be one of'],
    [['--mock', '--real'], 'choose one of --mock and --real'],
  ])('rejects %j with a clear message', async (args, message) => {
    const { code, stderr } = await cliRun(...args);
    expect(code).toBe(2);
    expect(stderr).toContain(message);
  });

  it('prints help', async () => {
    const { code, stdout } = await cliRun('--help');
    expect(code).toBe(0);
    expect(stdout).toContain('--page-size N');
  });
});

describe('pnpm start: the lifecycle demo', { timeout: 30_000 }, () => {
  const lifecycle = fileURLToPath(new URL('../lifecycle.mjs', import.meta.url));
  it('creates, lists, gets, updates, starts and pages tasks, reads the version, deletes and lists app groups, printing each step', async () => {
    const { stdout } = await run(process.execPath, [lifecycle, '--instance', 'probe_model'], { env });
    const steps = [...stdout.matchAll(/^\d+\. (\w+)/gm)].map((m) => m[1]);
    expect(steps).toEqual([
      'createFunctionInstance',
      'listFunctionInstances',
      'getFunctionInstance',
      'updateFunctionInstance',
      'getFunctionInstance',
      'createFunctionTask',
      'paginateFunctionTasks',
      'getFunctionCurrentVersion',
      'deleteFunctionInstance',
      'getFunctionInstance',
      'listAppGroups',
    ]);
    expect(stdout).toMatch(/instance\(s\): .*probe_model/);
    expect(stdout).toContain('description is now "retrained weekly"');
    // Each task started has its own id, and the status and progress the mocks hold for it.
    const pages = [...stdout.matchAll(/^ {3}page \d+: (\S+) (\S+) (\S+)%$/gm)].map((m) => m.slice(1));
    expect(pages).toHaveLength(2);
    expect(new Set(pages.map(([id]) => id)).size).toBe(2);
    for (const [, status, progress] of pages) {
      expect(status).not.toBe('undefined');
      expect(Number(progress)).toBeGreaterThanOrEqual(0);
    }
    expect(stdout).not.toContain('undefined');
    expect(stdout).toContain('Instance.NotExist (HTTP 404), as expected');
    expect(stdout).toMatch(/app group\(s\): .*demo_app/);
  });

  it('refuses an unknown option with exit code 2', async () => {
    const result = await run(process.execPath, [lifecycle, '--bogus'], { env }).catch((e: { code: number }) => e);
    expect((result as { code: number }).code).toBe(2);
  });
});

describe('the search page demo (pnpm start, second half)', { timeout: 60_000 }, () => {
  const searchPage = fileURLToPath(new URL('../search-page.mjs', import.meta.url));
  it('creates an app with a schema, pushes products and prints a page of results with facets and suggestions', async () => {
    const { stdout } = await run(process.execPath, [searchPage, '--documents', '400', '--words', 'smart laptop'], {
      env,
    });
    expect(stdout).toContain('created the application demo_shop');
    expect(stdout).toContain('pushed 400 products');
    const results = Number(/(\d+) results\n/.exec(stdout)?.[1]);
    expect(results).toBeGreaterThan(0);
    const rows = stdout.split('\n').filter((l) => /^ {2}p\d{4} /.test(l));
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(row).toMatch(/smart laptop/);
    const prices = rows.slice(0, 5).map((r) => Number(r.slice(42, 48)));
    expect([...prices].sort((a, b) => a - b)).toEqual(prices);
    expect(stdout).toContain('Brands (facet):');
    expect(stdout).toMatch(/Suggestions for "sm": smart/);
  });

  it('refuses a bad --documents with exit code 2', async () => {
    const failure = await run(process.execPath, [searchPage, '--documents', 'lots'], { env }).catch((e) => e);
    expect(failure.code).toBe(2);
    expect(failure.stderr).toContain('--documents');
  });
});
