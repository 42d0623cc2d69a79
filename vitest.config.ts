// Root vitest project: the spec's own tests (openapi/tests). Packages and examples have their own configs.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['openapi/tests/**/*.test.ts'],
    typecheck: {
      enabled: true,
      include: ['openapi/tests/**/*.test-d.ts'],
      tsconfig: 'openapi/tests/tsconfig.json',
    },
  },
});
