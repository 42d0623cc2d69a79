// The README's recipes run as written: its quick start is test/readme-quickstart.test.ts, word for word.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
const file = readFileSync(new URL('./readme-quickstart.test.ts', import.meta.url), 'utf8');

describe('README', () => {
  it('the quick start is the code of test/readme-quickstart.test.ts', () => {
    const block = /## Quick start: Vitest in Node[\s\S]*?```ts\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(block).toBeDefined();
    const code = block!.replace('// instances.test.ts\n', '');
    expect(file.endsWith(code)).toBe(true);
  });
});
