import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'src/**/*.spec.ts'],
    typecheck: { enabled: true, include: ['test/**/*.test-d.ts'] },
  },
});
