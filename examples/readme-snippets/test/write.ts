// Writes the README snippets to .snippets/, each as its own module, with the tsconfig that checks them.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { extract, READMES } from './extract.js';

export const dir = new URL('../.snippets/', import.meta.url).pathname;
export const snippets = READMES.flatMap(extract);

export function writeSnippets() {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  for (const s of snippets) writeFileSync(join(dir, s.file), `// ${s.name}, as written.\n${s.code}`);
  writeFileSync(
    join(dir, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        target: 'ES2022',
        module: 'ESNext',
        moduleResolution: 'Bundler',
        moduleDetection: 'force',
        jsx: 'react-jsx',
        strict: true,
        noEmit: true,
        skipLibCheck: true,
        types: ['node'],
        lib: ['ES2022', 'DOM', 'DOM.Iterable'],
      },
      files: snippets.map((s) => s.file),
    }),
  );
}
