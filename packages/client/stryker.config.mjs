// Mutation testing of the client's sources (generated code and specs excepted):
// `pnpm --filter @acs-opensearch/client test:mutation`, or `pnpm test:mutation` at the root.
import { strykerConfig } from '../../scripts/lib/stryker.mjs';

export default strykerConfig([
  'src/**/*.ts',
  '!src/**/generated/**',
  '!src/**/*.spec.ts',
  '!src/**/*.fixture.ts',
  '!src/**/*.d.ts',
]);
