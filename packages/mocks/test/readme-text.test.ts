// The README's recipes run as written: each code block is, word for word, a file the repository's
// tests run (the quick start here, the React Testing Library file in examples/web-app in jsdom and
// in Chromium, the Jest config in examples/jest on Node 20 and 24).
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

  const block = (heading: string, lang: string) =>
    new RegExp(`## ${heading}[\\s\\S]*?\`\`\`${lang}\\n([\\s\\S]*?)\`\`\``).exec(readme)?.[1];
  const example = (path: string) => readFileSync(new URL(`../../../examples/${path}`, import.meta.url), 'utf8');

  it('the React Testing Library recipe is examples/web-app/test/shared/instances.rtl.test.ts', () => {
    expect(block('One test file in jsdom and in a real browser', 'ts')).toBe(
      example('web-app/test/shared/instances.rtl.test.ts'),
    );
  });

  it('the Jest recipe is examples/jest/jest.config.cjs', () => {
    expect(block('Jest 30', 'js')).toBe(example('jest/jest.config.cjs'));
  });
});
