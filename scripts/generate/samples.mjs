// Each operation's code samples, written into the bundled document as `x-codeSamples` (Redoc shows
// them beside the operation): the client call with the required parameters, the TanStack Query
// options, and the MSW mocks that answer it in a test. Values come from the spec's own examples.
// The docs site's tests compile every sample against the built packages.

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** A value as a TypeScript literal, indented by `depth` levels, multi-line when it does not fit. */
function literal(value, depth = 0) {
  const pad = '  '.repeat(depth + 1);
  const end = '  '.repeat(depth);
  if (Array.isArray(value)) {
    const items = value.map((v) => literal(v, depth + 1));
    const flat = `[${items.join(', ')}]`;
    return flat.length <= 60 && !flat.includes('\n')
      ? flat
      : `[\n${items.map((i) => `${pad}${i},`).join('\n')}\n${end}]`;
  }
  if (value && typeof value === 'object') {
    const entries = Object.entries(value).map(
      ([k, v]) =>
        `${IDENTIFIER.test(k) ? k : `'${k.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`}: ${literal(v, depth + 1)}`,
    );
    if (entries.length === 0) return '{}';
    const flat = `{ ${entries.join(', ')} }`;
    return flat.length <= 60 && !flat.includes('\n')
      ? flat
      : `{\n${entries.map((e) => `${pad}${e},`).join('\n')}\n${end}}`;
  }
  if (typeof value === 'string') return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n')}'`;
  return JSON.stringify(value ?? null);
}

const exampleOf = (param) =>
  param.example ?? Object.values(param.examples ?? {})[0]?.value ?? param.schema?.example ?? param.schema?.default;

/** A local `$ref` (`#/components/...`) followed to what it names; anything else as it is. */
const follow = (document, node) => {
  let current = node;
  for (let hops = 0; current?.$ref && hops < 10; hops += 1) {
    current = current.$ref
      .slice(2)
      .split('/')
      .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
      .reduce((at, key) => at?.[key], document);
  }
  return current;
};

/** The parameters a sample passes: the required path and query parameters (their examples) and a required body. */
function sampleParams(document, operation, pathParameters = []) {
  const params = {};
  const ownParams = (operation.parameters ?? []).map((p) => follow(document, p));
  const own = new Set(ownParams.map((p) => `${p.in} ${p.name}`));
  const inherited = pathParameters.map((p) => follow(document, p)).filter((p) => !own.has(`${p.in} ${p.name}`));
  for (const param of [...inherited, ...ownParams]) {
    if (!param.required || param.in === 'header' || param.in === 'cookie') continue;
    params[param.name] = exampleOf(param);
  }
  const body = follow(document, operation.requestBody);
  const media = Object.values(body?.content ?? {})[0];
  if (body?.required && media) {
    params.body = media.example ?? follow(document, Object.values(media.examples ?? {})[0])?.value ?? {};
  }
  return params;
}

const CLIENT_SETUP = [
  "import { createOpenSearchClient } from '@acs-opensearch/client';",
  '',
  '// Credentials come from ALIBABA_CLOUD_ACCESS_KEY_ID / ALIBABA_CLOUD_ACCESS_KEY_SECRET (or pass `credentials`).',
  "const client = createOpenSearchClient({ regionId: 'cn-hangzhou' });",
];

/** The three samples of one operation (`read`: it changes nothing, so TanStack gets query options). */
function operationSamples(document, operation, { read, paginator, pathParameters }) {
  const id = operation.operationId;
  const params = sampleParams(document, operation, pathParameters);
  const args = Object.keys(params).length > 0 ? literal(params) : '';
  const client = [...CLIENT_SETUP, '', `const answer = await client.${id}(${args});`, 'console.log(answer);'];
  if (paginator) {
    const pageArgs = Object.keys(params).length > 0 ? args : '{}';
    client.push(
      '',
      '// Every page, one call each, until the last:',
      `for await (const page of client.${paginator}(${pageArgs})) console.log(page);`,
    );
  }
  const query = [
    "import { createOpenSearchClient } from '@acs-opensearch/client';",
    read
      ? `import { ${id}Options } from '@acs-opensearch/query';`
      : `import { ${id}Mutation } from '@acs-opensearch/query';`,
    read ? "import { useQuery } from '@tanstack/react-query';" : "import { useMutation } from '@tanstack/react-query';",
    '',
    "const client = createOpenSearchClient({ regionId: 'cn-hangzhou', credentials: () => fetch('/api/sts').then((r) => r.json()) });",
    '',
  ];
  const component = `${id[0].toUpperCase()}${id.slice(1)}`;
  if (read) {
    query.push(
      `export function ${component}() {`,
      `  const { data, error, isPending } = useQuery(${id}Options(client${args ? `, ${literal(params, 1)}` : ''}));`,
      '  return { data, error, isPending };',
      '}',
    );
  } else {
    query.push(
      '// On success it refreshes the queries this write changes (with createOpenSearchMutationCache()).',
      `export function ${component}() {`,
      `  const mutation = useMutation(${id}Mutation(client));`,
      `  return () => mutation.mutate(${args ? literal(params, 1) : 'undefined'});`,
      '}',
    );
  }
  const mocks = [
    "import { createOpenSearchClient } from '@acs-opensearch/client';",
    "import { createOpenSearchHandlers } from '@acs-opensearch/mocks';",
    "import { setupServer } from 'msw/node';",
    '',
    'const mocks = createOpenSearchHandlers();',
    'const server = setupServer(...mocks.handlers);',
    "server.listen({ onUnhandledRequest: 'error' }); // msw 3: { onUnhandledFrame: 'error' }",
    '',
    "const client = createOpenSearchClient({ credentials: { accessKeyId: 'test', accessKeySecret: 'test' } });",
    '// The mocks answer from the spec and their data:',
    `console.log(await client.${id}(${args}));`,
    '// One test sees the service throttle this call once:',
    `server.use(mocks.mock.throttle({ operationId: '${id}', once: true }));`,
    'console.log(mocks.controller.requests.length);',
    'server.close();',
  ];
  return [
    { lang: 'TypeScript', label: 'Client', source: client.join('\n') },
    { lang: 'TypeScript', label: 'TanStack Query', source: query.join('\n') },
    { lang: 'TypeScript', label: 'Mocks (MSW)', source: mocks.join('\n') },
  ];
}

/** A copy of the bundled document with `x-codeSamples` on every operation. */
export function withCodeSamples(document, meta) {
  const copy = structuredClone(document);
  for (const item of Object.values(copy.paths ?? {}))
    for (const operation of Object.values(item ?? {})) {
      if (!operation?.operationId) continue;
      const op = meta.operations[operation.operationId];
      operation['x-codeSamples'] = operationSamples(document, operation, {
        read: op.read,
        paginator: op.paginator,
        pathParameters: item.parameters ?? [],
      });
    }
  return copy;
}
