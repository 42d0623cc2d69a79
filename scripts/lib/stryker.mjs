// The StrykerJS setup the packages share (packages/*/stryker.config.mjs): StrykerJS 9, the newest
// that runs on Node 20 (10.x needs Node 22), with its Vitest runner on the package's
// stryker.vitest.config.ts. Incremental: only mutants whose code or tests changed run again
// (reports/stryker-incremental.json). The score per file prints to the console; the HTML report
// goes to reports/mutation/ (ignored). The differential signer tests and the property tests run
// fewer cases per mutant; their full runs are in `pnpm test`.
process.env.DIFFERENTIAL_CASES ??= '300';
process.env.PROPERTY_RUNS ??= '40';

/** The configuration of one package's mutation run: `mutate` lists what it mutates. */
export function strykerConfig(mutate) {
  return {
    testRunner: 'vitest',
    plugins: ['@stryker-mutator/vitest-runner'],
    vitest: { configFile: 'stryker.vitest.config.ts' },
    mutate,
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
}
