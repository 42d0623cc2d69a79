// The repository's OpenAPI reader (packages/openapi-reader, written in TypeScript) for the scripts,
// which run on plain Node: its source bundled on the fly with esbuild into the reader package's own
// node_modules/.cache (so its dependencies, ajv, resolve as they do for the package), once per
// process. `const { operationMetadata } = await loadReader();`
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const pkg = fileURLToPath(new URL('../../packages/openapi-reader/', import.meta.url));
let loading;

/** The reader's exports (see packages/openapi-reader/src/index.ts). */
export function loadReader() {
  loading ??= (async () => {
    const dir = join(pkg, 'node_modules', '.cache', 'reader');
    mkdirSync(dir, { recursive: true });
    const outfile = join(dir, `index-${process.pid}-${Date.now()}.mjs`);
    await build({
      entryPoints: [join(pkg, 'src', 'index.ts')],
      bundle: true,
      packages: 'external',
      platform: 'node',
      format: 'esm',
      outfile,
      logLevel: 'error',
    });
    try {
      return await import(pathToFileURL(outfile).href);
    } finally {
      rmSync(outfile, { force: true });
    }
  })();
  return loading;
}
