// Every TypeScript snippet of the READMEs compiles as written (strict, in one program with the
// packages' published types), and each one that is not a test file runs: imported with the mocks
// answering every OpenSearch request, credentials in the environment, and a page origin for
// relative URLs, where `/api/opensearch-sts` hands out STS credentials. Test-file snippets are
// run by vitest itself. The global setup (test/globalSetup.ts) writes them all to .snippets/ first.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { controller, handlers, onUnhandledRequest, reset } from '@acs-opensearch/mocks';
import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { READMES, root } from './extract.js';
import { dir, snippets } from './write.js';

const PAGE_ORIGIN = 'http://localhost';
const sts = http.get(`${PAGE_ORIGIN}/api/opensearch-sts`, () =>
  HttpResponse.json({
    accessKeyId: 'STS.snippet',
    accessKeySecret: 'snippet-secret',
    securityToken: 'snippet-token',
    expiration: new Date(Date.now() + 3_600_000).toISOString(),
  }),
);
const server = setupServer(sts, ...handlers);
const realFetch = globalThis.fetch;
beforeAll(() => {
  server.listen({ onUnhandledRequest });
  // A page's fetch: a relative URL is the page's own origin (then MSW's fetch, which answers it).
  const mocked = globalThis.fetch;
  globalThis.fetch = ((input: RequestInfo | URL, init?: RequestInit) =>
    mocked(
      typeof input === 'string' && input.startsWith('/') ? `${PAGE_ORIGIN}${input}` : input,
      init,
    )) as typeof fetch;
  vi.stubEnv('ALIBABA_CLOUD_ACCESS_KEY_ID', 'snippet-ak');
  vi.stubEnv('ALIBABA_CLOUD_ACCESS_KEY_SECRET', 'snippet-sk');
});
afterEach(() => reset(server));
afterAll(() => {
  server.close();
  globalThis.fetch = realFetch;
  vi.unstubAllEnvs();
});

describe('the README snippets', () => {
  it('are found: every README has some, and each is named', () => {
    for (const readme of READMES)
      expect(
        snippets.some((s) => s.name.startsWith(`${readme} #`)),
        readme,
      ).toBe(true);
  });

  it('compile as written (strict TypeScript, the packages’ own types)', { timeout: 120_000 }, async () => {
    const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
    const result = await promisify(execFile)(process.execPath, [tsc, '-p', join(dir, 'tsconfig.json')], {
      cwd: dir,
    }).then(
      () => '',
      (e: { stdout?: string }) => e.stdout ?? String(e),
    );
    expect(result).toBe('');
  });

  const runnable = snippets.filter((s) => s.run && !s.test);
  it.each(runnable.map((s) => [s.name, s] as const))('%s runs against the mocks', async (_name, s) => {
    const errors = vi.spyOn(console, 'error');
    const before = controller.requests.length;
    await import(/* @vite-ignore */ join(dir, s.file));
    expect(errors).not.toHaveBeenCalled();
    errors.mockRestore();
    // A snippet that awaits a call of the client sends it, and the mocks answered it.
    const calls = /await (?:client|core)\.\w+\(|await \w+\(core,|for await \(const \w+ of (?:client\.|paginate)/.test(
      s.code,
    );
    if (calls) expect(controller.requests.length, `${s.name} sent nothing`).toBeGreaterThan(before);
  });
});
