// The package's Vitest config for mutation runs: the same tests and the same two projects (the web
// build's files, and the Node build's for the transport suite, so the node:http transport's mutants
// meet its tests), without the type-level tests (Stryker mutates run-time code; a type check per
// mutant would only slow it down).
import { defineConfig } from 'vitest/config';
import config from './vitest.config.js';

const projects = (config.test?.projects ?? []) as { test?: Record<string, unknown> }[];

export default defineConfig({
  test: {
    projects: projects.map((project) => ({
      ...project,
      test: { ...project.test, typecheck: { enabled: false } },
    })),
  },
});
