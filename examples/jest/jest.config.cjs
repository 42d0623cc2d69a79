// Jest 30 with MSW and @acs-opensearch/mocks: the recipe the mocks README gives, for Node 20 and 24.
//
// babel-jest compiles the tests (TypeScript and TSX: preset-typescript, preset-react) and MSW 2's
// dependencies that ship only as ES modules (.mjs files, and until-async, a "type": "module"
// package) into CommonJS. Jest runs CommonJS; its native ES module support needs
// `node --experimental-vm-modules`, which this recipe does not use. Everything else under
// node_modules is left alone.
const esmPackages = ['until-async'];
const babel = {
  presets: [
    ['@babel/preset-env', { targets: { node: 'current' } }],
    ['@babel/preset-react', { runtime: 'automatic' }],
    '@babel/preset-typescript',
  ],
};
const transform = { '^.+\\.(m?js|cjs|tsx?)$': ['babel-jest', babel] };
const transformIgnorePatterns = [`/node_modules/(?!(.*/)?(${esmPackages.join('|')})/).+\\.(?!mjs$)[^.]+$`];

module.exports = {
  // A budget for a loaded CI machine; the tests wait for events, never for a number of milliseconds.
  testTimeout: 30_000,
  projects: [
    {
      displayName: 'jsdom',
      testMatch: ['<rootDir>/test/*.jsdom.test.{cjs,ts,tsx}'],
      // jsdom without Node's fetch, Request, Response, streams and TextEncoder breaks MSW;
      // jest-fixed-jsdom puts Node's back.
      testEnvironment: 'jest-fixed-jsdom',
      // Resolve packages as Node does ("node" condition): msw/node, and the client's Node build,
      // which signs with node:crypto (jsdom has no Web Crypto). Without it, pass signingCrypto.
      testEnvironmentOptions: { customExportConditions: ['node', 'require', 'default'] },
      // Testing Library's findBy* and waitFor give up after 1 s by default: too short for the first
      // request of a file on a loaded CI machine. test/setup.cjs gives them 10 s.
      setupFilesAfterEnv: ['<rootDir>/test/setup.cjs'],
      transform,
      transformIgnorePatterns,
    },
    {
      displayName: 'node',
      testMatch: ['<rootDir>/test/*.node.test.{cjs,ts,tsx}'],
      testEnvironment: 'node',
      transform,
      transformIgnorePatterns,
    },
  ],
};
