#!/usr/bin/env node
// A demo CLI (`node examples/cli/list-instances.mjs`): lists OpenSearch function instances through @acs-opensearch/client and
// prints a table. By default it talks to the built-in mock server (real HTTP on 127.0.0.1, with
// signature verification on); with credentials in the environment it talks to the real API.
import { parseArgs } from 'node:util';
import { createOpenSearchClient, OpenSearchError, REGIONS } from '@acs-opensearch/client';

const HELP = `Usage: node examples/cli/list-instances.mjs [options]

Lists the function instances of one app group and function, page by page.

Modes
  --mock                 use the built-in mock server (default unless credentials are set)
  --real                 call the real API; needs ALIBABA_CLOUD_ACCESS_KEY_ID and
                         ALIBABA_CLOUD_ACCESS_KEY_SECRET (and ALIBABA_CLOUD_SECURITY_TOKEN for STS)

Options
  --app-group NAME       app group (env OPENSEARCH_APP_GROUP; mock default: demo_app)
  --function NAME        function name (env OPENSEARCH_FUNCTION; default: ctr)
  --source S             user | builtin | all (default: all)
  --output O             simple | normal | detail (default: normal)
  --page-size N          instances per page (default: 5)
  --max-items N          stop after N instances (default: no cap)
  --region ID            region (env ALIBABA_CLOUD_REGION_ID; default: cn-hangzhou)
  --endpoint URL         endpoint that overrides the region (env OPENSEARCH_ENDPOINT)
  -h, --help             show this help`;

// A key pair that only the local mock server knows. It is not an Alibaba Cloud credential.
const MOCK_KEY = { accessKeyId: 'mock-demo-access-key-id', accessKeySecret: 'mock-demo-access-key-secret' };

function fail(message) {
  process.stderr.write(`error: ${message}\nRun with --help for usage.\n`);
  process.exit(2);
}

function positiveInteger(name, value) {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) fail(`--${name} must be a positive integer, got ${JSON.stringify(value)}`);
  return n;
}

function parse(argv) {
  try {
    return parseArgs({
      args: argv,
      options: {
        mock: { type: 'boolean' },
        real: { type: 'boolean' },
        'app-group': { type: 'string' },
        function: { type: 'string' },
        source: { type: 'string' },
        output: { type: 'string' },
        'page-size': { type: 'string' },
        'max-items': { type: 'string' },
        region: { type: 'string' },
        endpoint: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (error) {
    fail(error.message);
  }
}

function table(rows, columns) {
  const widths = columns.map((c) => Math.max(c.length, ...rows.map((r) => String(r[c] ?? '').length)));
  const line = (cells) =>
    cells
      .map((cell, i) => String(cell ?? '').padEnd(widths[i]))
      .join('  ')
      .trimEnd();
  return [
    line(columns),
    line(widths.map((w) => '-'.repeat(w))),
    ...rows.map((r) => line(columns.map((c) => r[c]))),
  ].join('\n');
}

async function main() {
  const args = parse(process.argv.slice(2).filter((a) => a !== '--'));
  if (args.help) {
    process.stdout.write(`${HELP}\n`);
    return;
  }
  if (args.mock && args.real) fail('choose one of --mock and --real');
  // An empty variable counts as unset.
  const env = Object.fromEntries(Object.entries(process.env).filter(([, v]) => v !== ''));
  const haveCredentials = Boolean(env.ALIBABA_CLOUD_ACCESS_KEY_ID && env.ALIBABA_CLOUD_ACCESS_KEY_SECRET);
  const real = args.real || (!args.mock && haveCredentials && Boolean(env.OPENSEARCH_APP_GROUP));
  if (real && !haveCredentials)
    fail('--real needs ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET in the environment');

  const source = args.source ?? 'all';
  const output = args.output ?? 'normal';
  const pageSize = positiveInteger('page-size', args['page-size']) ?? 5;
  const maxItems = positiveInteger('max-items', args['max-items']);
  const region = args.region ?? env.ALIBABA_CLOUD_REGION_ID;
  if (region && !REGIONS.includes(region))
    fail(`--region must be one of ${REGIONS.join(', ')}, got ${JSON.stringify(region)}`);
  const appGroupIdentity = args['app-group'] ?? env.OPENSEARCH_APP_GROUP ?? (real ? undefined : 'demo_app');
  if (!appGroupIdentity) fail('--app-group (or OPENSEARCH_APP_GROUP) is required with --real');
  const functionName = args.function ?? env.OPENSEARCH_FUNCTION ?? 'ctr';

  let server;
  let client;
  if (real) {
    const endpoint = args.endpoint ?? env.OPENSEARCH_ENDPOINT;
    client = createOpenSearchClient({
      ...(endpoint ? { endpoint } : {}),
      ...(region ? { regionId: region } : {}),
      userAgent: 'acs-opensearch-demo',
    });
    process.stdout.write(`Calling the real API at ${client.config.baseUrl} (credentials from the environment)\n\n`);
  } else {
    const { startMockServer } = await import('@acs-opensearch/mocks/node');
    server = await startMockServer({ host: '127.0.0.1', port: 0, verifySignature: MOCK_KEY });
    client = createOpenSearchClient({ endpoint: args.endpoint ?? server.url, credentials: MOCK_KEY });
    process.stdout.write(`Mock server on ${server.url} (signature verification on; no cloud account needed)\n\n`);
  }

  try {
    const rows = [];
    const requestIds = [];
    let pages = 0;
    let totalCount;
    for await (const page of client.paginateFunctionInstances({
      appGroupIdentity,
      functionName,
      source,
      output,
      pageSize,
      ...(maxItems ? { maxItems } : {}),
    })) {
      pages += 1;
      totalCount = page.totalCount;
      requestIds.push(page.requestId);
      for (const i of page.result) {
        rows.push({
          '#': rows.length + 1,
          page: pages,
          instanceName: i.instanceName,
          functionName: i.functionName,
          status: i.status ?? '',
          source: i.source ?? '',
          modelType: i.modelType ?? '',
          functionType: i.functionType ?? '',
          createTime: i.createTime ?? '',
          cron: i.cron ?? '',
        });
      }
    }
    process.stdout.write(
      `Function instances of app group "${appGroupIdentity}", function "${functionName}" (source=${source}, output=${output}, pageSize=${pageSize})\n\n`,
    );
    if (rows.length === 0) process.stdout.write('(no instances)\n');
    else
      process.stdout.write(
        `${table(rows, ['#', 'page', 'instanceName', 'functionName', 'status', 'source', 'modelType', 'functionType', 'createTime', 'cron'])}\n`,
      );
    process.stdout.write(
      `\n${rows.length} instance(s) in ${pages} page(s); totalCount ${totalCount ?? 'n/a'}\nrequestIds: ${requestIds.join(', ')}\n`,
    );
  } catch (error) {
    if (error instanceof OpenSearchError) {
      process.stderr.write(
        `API error: ${error.code} (${error.kind}${error.status ? `, HTTP ${error.status}` : ''}): ${error.message}\nrequestId: ${error.requestId ?? 'n/a'}\n`,
      );
      process.exitCode = 1;
    } else {
      throw error;
    }
  } finally {
    await server?.close();
  }
}

main().catch((error) => {
  process.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
