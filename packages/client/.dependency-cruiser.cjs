// The client's layers, from the bottom up, and the direction every import takes (pnpm lint runs it):
//   generated/openapi.ts                 the spec's types (openapi-typescript): imports nothing
//   shared/, errors/, lazyChunk.ts       what every layer shares: the operation's metadata, the
//                                        credentials, the call's settings, state and answer, errors
//   generated/                           the spec as data and types: describes, imports shared only
//   signing/                             ACS3-HMAC-SHA256
//   credentials/                         where credentials come from
//   engine/                              one call: transport, attempts, retry decisions, hooks
//   operations/, pagination/             an operation's parameters, request, answer, pages
//   raw/, client/, the entries           the clients users make
//   search/                              the application API (v3) client, beside client/ (its
//                                        generated/ describes, like the management API's)
// No import runs back up, and no file is part of a circle (type imports included).
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'A circle of imports, type imports included: the layers cannot be read one at a time.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'spec-types-are-a-leaf',
      severity: 'error',
      comment: "generated/openapi.ts is openapi-typescript's output: it imports nothing.",
      from: { path: '^src/generated/openapi\\.ts$' },
      to: {},
    },
    {
      name: 'shared-is-the-bottom',
      severity: 'error',
      comment: 'shared/ and errors/ are what every layer uses: they import nothing above them.',
      from: { path: '^src/(shared|errors)/|^src/lazyChunk\\.ts$' },
      to: { pathNot: '^src/(shared|errors)/|^src/lazyChunk\\.ts$|^src/generated/openapi\\.ts$' },
    },
    {
      name: 'generated-only-describes',
      severity: 'error',
      comment: 'generated/ describes the spec: it imports the shared types and itself, no code above them.',
      from: { path: '^src/generated/' },
      to: { pathNot: '^src/(generated|shared)/' },
    },
    {
      name: 'signing-below-credentials-and-engine',
      severity: 'error',
      from: { path: '^src/signing/' },
      to: { path: '^src/(credentials|engine|operations|pagination|raw|client)/' },
    },
    {
      name: 'credentials-below-engine',
      severity: 'error',
      from: { path: '^src/credentials/' },
      to: { path: '^src/(engine|operations|pagination|raw|client)/' },
    },
    {
      name: 'engine-below-operations',
      severity: 'error',
      from: { path: '^src/engine/' },
      to: { path: '^src/(operations|pagination|raw|client)/' },
    },
    {
      name: 'operations-below-clients',
      severity: 'error',
      from: { path: '^src/(operations|pagination)/' },
      to: { path: '^src/(raw|client)/' },
    },
    {
      name: 'search-is-a-top-layer',
      severity: 'error',
      comment: 'search/ (the application API client) builds on the layers below; none of them imports it.',
      from: { pathNot: '^src/search/' },
      to: { path: '^src/search/' },
    },
    {
      name: 'search-generated-only-describes',
      severity: 'error',
      from: { path: '^src/search/generated/' },
      to: { pathNot: '^src/(search/generated|shared)/' },
    },
    {
      name: 'raw-below-client',
      severity: 'error',
      from: { path: '^src/raw/' },
      to: { path: '^src/client/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '\\.spec\\.ts$|\\.fixture\\.ts$' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.js'] },
  },
};
