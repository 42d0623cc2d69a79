// Mutation testing (StrykerJS 9, the newest that runs on Node 20; 10.x needs Node 22) with its
// Vitest runner: `pnpm test:mutation` at the root, or `pnpm --filter @acs-opensearch/client test:mutation`.
// Incremental: only mutants whose code or tests changed run again (reports/stryker-incremental.json).
// The report per file prints to the console; the HTML report goes to reports/mutation/ (ignored).
// The differential signer tests run fewer cases per mutant; the full 10,000 run in `pnpm test`.
process.env.DIFFERENTIAL_CASES ??= '300';
process.env.PROPERTY_RUNS ??= '40';

export default {
  testRunner: 'vitest',
  plugins: ['@stryker-mutator/vitest-runner'],
  vitest: { configFile: 'stryker.vitest.config.ts' },
  mutate: ['src/**/*.ts', '!src/generated/**', '!src/**/*.spec.ts', '!src/**/*.d.ts'],
  coverageAnalysis: 'perTest',
  incremental: true,
  incrementalFile: 'reports/stryker-incremental.json',
  reporters: ['clear-text', 'progress', 'html'],
  htmlReporter: { fileName: 'reports/mutation/index.html' },
  thresholds: { high: 90, low: 85, break: null },
  concurrency: 2,
  timeoutMS: 15_000,
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
};
