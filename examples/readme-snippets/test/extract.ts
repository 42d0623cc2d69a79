// The TypeScript snippets of the READMEs, as written. A snippet preceded by
// `<!-- snippet: continues -->` is compiled and run after the one before it (it uses what that one
// defines); `<!-- snippet: compile-only -->` marks one that is type-checked but not run here (it
// needs a browser, or is a configuration file), with the reason after a colon.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('../../../', import.meta.url));
export const READMES = [
  'README.md',
  'packages/client/README.md',
  'packages/mocks/README.md',
  'packages/query/README.md',
];

export interface Snippet {
  /** `packages/client/README.md #3` */
  name: string;
  /** A file name for it: `client-3.ts`, `.test.ts` for a test file, `.tsx` for JSX. */
  file: string;
  code: string;
  run: boolean;
  /** A test file (it imports vitest): run by vitest, in jsdom when it renders with Testing Library. */
  test: 'node' | 'dom' | false;
}

const dedent = (code: string) => {
  const lines = code.split('\n');
  const indent = Math.min(...lines.filter((l) => l.trim()).map((l) => /^ */.exec(l)![0].length));
  return lines.map((l) => l.slice(indent)).join('\n');
};

export function extract(readme: string): Snippet[] {
  const text = readFileSync(`${root}${readme}`, 'utf8');
  const slug = readme === 'README.md' ? 'root' : readme.split('/')[1]!;
  const out: Snippet[] = [];
  const fence = /^( *)```(ts|tsx)\n([\s\S]*?)^\1```/gm;
  for (const m of text.matchAll(fence)) {
    const before = text.slice(0, m.index).trimEnd().split('\n').at(-1)?.trim() ?? '';
    const code = dedent(m[3]!);
    const marker = /^<!-- snippet: ([\w-]+)/.exec(before)?.[1];
    const previous = out.at(-1);
    if (marker === 'continues' && previous) {
      previous.code = `${previous.code}\n${code}`;
      if (m[2] === 'tsx') previous.file = previous.file.replace(/\.ts$/, '.tsx');
      continue;
    }
    const n = out.length;
    const test = /from 'vitest'/.test(code) ? (/@testing-library\//.test(code) ? 'dom' : 'node') : false;
    const ext = m[2] === 'tsx' ? 'tsx' : 'ts';
    out.push({
      name: `${readme} #${n}`,
      file: `${slug}-${n}${test === 'dom' ? '.dom.test' : test ? '.test' : ''}.${ext}`,
      code,
      run: marker !== 'compile-only',
      test,
    });
  }
  return out;
}
