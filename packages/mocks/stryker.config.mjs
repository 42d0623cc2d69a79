// Mutation testing of the whole of the mocks' sources (the generated document and the specs excepted):
// `pnpm --filter @acs-opensearch/mocks test:mutation`, or `pnpm test:mutation` at the root.
import { strykerConfig } from '../../scripts/lib/stryker.mjs';

// Static mutants (module-level code, run once at import) would each need the whole suite: left out.
export default {
  ...strykerConfig(['src/**/*.ts', '!src/generated/**', '!src/**/*.spec.ts', '!src/**/*.d.ts']),
  ignoreStatic: true,
};
