// The README's credentials snippets, run as written: the ESM one as an .mjs module and the CJS one as
// a .cjs script, each resolving @alicloud/credentials and this package (its built dist) as a user's
// code would, with the environment the OIDC recipe reads.
import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
// Inside the package, so that `@acs-opensearch/client` resolves to it and its dependencies to its node_modules.
const dir = fileURLToPath(new URL('../.readme-snippets/', import.meta.url));

/** The code block after `<!-- snippet: name -->`. */
function snippet(name: string): string {
  const marker = readme.indexOf(`<!-- snippet: ${name} -->`);
  expect(marker, `the README has no snippet ${name}`).toBeGreaterThan(-1);
  const match = /```(?:js|ts)\n([\s\S]*?)```/.exec(readme.slice(marker));
  return match![1]!;
}

describe('the README credentials snippets', () => {
  const env = {
    ...process.env,
    ALIBABA_CLOUD_ROLE_ARN: 'acs:ram::1:role/opensearch',
    ALIBABA_CLOUD_OIDC_PROVIDER_ARN: 'acs:ram::1:oidc-provider/ack',
    ALIBABA_CLOUD_OIDC_TOKEN_FILE: fileURLToPath(new URL('../package.json', import.meta.url)),
  };

  it.each([
    ['credentials-esm', 'snippet.mjs'],
    ['credentials-cjs', 'snippet.cjs'],
  ])('%s runs as written', async (name, file) => {
    mkdirSync(dir, { recursive: true });
    writeFileSync(`${dir}${file}`, snippet(name));
    const { stdout } = await run(process.execPath, [`${dir}${file}`], { env, timeout: 30_000 });
    expect(stdout.trim()).toBe('credentials client');
  });
});
