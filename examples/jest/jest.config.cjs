// Jest 30 with MSW 2 and @acs-opensearch/mocks: the recipe the mocks README gives.
//
// MSW 2.x has dependencies that ship only as ES modules: .mjs files (rettime,
// @open-draft/deferred-promise...) and packages of "type": "module" (until-async). On Node 24.9+ Jest
// loads them natively (require(esm)); on older Node, babel-jest turns them into CommonJS. Everything
// else under node_modules is left alone.
const esmPackages = ['until-async'];
const transform = {
  '^.+\\.m?js$': ['babel-jest', { presets: [['@babel/preset-env', { targets: { node: 'current' } }]] }],
};
const transformIgnorePatterns = [`/node_modules/(?!(.*/)?(${esmPackages.join('|')})/).+\\.(?!mjs$)[^.]+$`];

module.exports = {
  projects: [
    {
      displayName: 'jsdom',
      testMatch: ['<rootDir>/test/*.jsdom.test.cjs'],
      // jsdom without Node's fetch, Request, Response, streams and TextEncoder breaks MSW;
      // jest-fixed-jsdom puts Node's back.
      testEnvironment: 'jest-fixed-jsdom',
      // Resolve packages as Node does ("node" condition): msw/node, and the client's Node build,
      // which signs with node:crypto (jsdom has no Web Crypto). Without it, pass signingCrypto.
      testEnvironmentOptions: { customExportConditions: ['node', 'require', 'default'] },
      transform,
      transformIgnorePatterns,
    },
    {
      displayName: 'node',
      testMatch: ['<rootDir>/test/*.node.test.cjs'],
      testEnvironment: 'node',
      transform,
      transformIgnorePatterns,
    },
  ],
};
