#!/usr/bin/env node
// The `pnpm start` demo: the life of an algorithm instance through @acs-opensearch/client, against
// the built-in mock server (real HTTP on 127.0.0.1, every signature verified). Each step prints
// what it sent and what came back: create, list, get, update, start two training tasks and page
// through them,
// read the function's current version, delete, and list the app groups.
import { parseArgs } from 'node:util';
import { createOpenSearchClient, OpenSearchError } from '@acs-opensearch/client';

const HELP = `Usage: pnpm start [-- options]     (or: node examples/cli/lifecycle.mjs [options])

Walks one algorithm instance through its life against the built-in mock server.

Options
  --app-group NAME   app group (default: demo_app)
  --function NAME    function name (default: ctr)
  --instance NAME    name of the instance to create (default: demo_model)
  --endpoint URL     a running acs-opensearch-mock (started with the same demo key) instead of the built-in one
  -h, --help         show this help

node examples/cli/list-instances.mjs --help lists instances, also against the real API.`;

// A key pair that only the local mock server knows. It is not an Alibaba Cloud credential.
const MOCK_KEY = { accessKeyId: 'mock-demo-access-key-id', accessKeySecret: 'mock-demo-access-key-secret' };

function parse(argv) {
  try {
    return parseArgs({
      args: argv,
      options: {
        'app-group': { type: 'string' },
        function: { type: 'string' },
        instance: { type: 'string' },
        endpoint: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
    }).values;
  } catch (error) {
    process.stderr.write(`error: ${error.message}\nRun with --help for usage.\n`);
    process.exit(2);
  }
}

const out = (text) => process.stdout.write(`${text}\n`);
let stepNumber = 0;
/** Runs one step, printing its title, then what `show` makes of the answer. */
async function step(title, call, show) {
  stepNumber += 1;
  const answer = await call();
  out(`${stepNumber}. ${title}`);
  for (const line of [show(answer)].flat()) out(`   ${line}`);
  return answer;
}

async function main() {
  const args = parse(process.argv.slice(2).filter((a) => a !== '--'));
  if (args.help) return out(HELP);
  const where = { appGroupIdentity: args['app-group'] ?? 'demo_app', functionName: args.function ?? 'ctr' };
  const instanceName = args.instance ?? 'demo_model';
  let server;
  if (!args.endpoint) {
    const { startMockServer } = await import('@acs-opensearch/mocks/node');
    server = await startMockServer({ host: '127.0.0.1', port: 0, verifySignature: MOCK_KEY });
  }
  const endpoint = args.endpoint ?? server.url;
  const client = createOpenSearchClient({ endpoint, credentials: MOCK_KEY });
  out(`Mock server on ${endpoint} (every request signed and verified; no cloud account needed)\n`);
  try {
    const id = (answer) => `requestId ${answer.requestId}`;
    await step(
      `createFunctionInstance ${where.appGroupIdentity}/${where.functionName}/${instanceName}`,
      () =>
        client.createFunctionInstance({
          ...where,
          body: { instanceName, modelType: 'tf_checkpoint', description: 'created by pnpm start', cron: '0 3 ? * 1' },
        }),
      (a) => `created (${id(a)})`,
    );
    await step(
      'listFunctionInstances (source=user)',
      () => client.listFunctionInstances({ ...where, source: 'user', pageSize: 100 }),
      (a) => [`${a.totalCount} instance(s): ${a.result.map((i) => i.instanceName).join(', ')}`, id(a)],
    );
    await step(
      `getFunctionInstance ${instanceName}`,
      () => client.getFunctionInstance({ ...where, instanceName }),
      (a) => `${a.result.instanceName}: modelType ${a.result.modelType}, description "${a.result.description}"`,
    );
    await step(
      `updateFunctionInstance ${instanceName} (description)`,
      () => client.updateFunctionInstance({ ...where, instanceName, body: { description: 'retrained weekly' } }),
      (a) => `updated (${id(a)})`,
    );
    await step(
      `getFunctionInstance ${instanceName} again`,
      () => client.getFunctionInstance({ ...where, instanceName }),
      (a) => `description is now "${a.result.description}"`,
    );
    await step(
      `createFunctionTask ${instanceName} (twice: a new instance has no training tasks)`,
      async () => [
        await client.createFunctionTask({ ...where, instanceName }),
        await client.createFunctionTask({ ...where, instanceName }),
      ],
      (tasks) => tasks.map((t) => `started (requestId ${t.requestId})`),
    );
    await step(
      `paginateFunctionTasks ${instanceName} (pageSize 1)`,
      async () => {
        const pages = [];
        for await (const page of client.paginateFunctionTasks({ ...where, instanceName, pageSize: 1 }))
          pages.push(page);
        return pages;
      },
      (pages) =>
        pages.map(
          (p, i) => `page ${i + 1}: ${p.result.map((t) => `${t.runId} ${t.status} ${t.progress}%`).join(', ')}`,
        ),
    );
    await step(
      `getFunctionCurrentVersion ${where.functionName}`,
      () => client.getFunctionCurrentVersion({ functionName: where.functionName, modelType: 'tf_checkpoint' }),
      (a) => `version ${a.result.versionId} (${a.result.versionName}), modelType ${a.result.modelType}`,
    );
    await step(
      `deleteFunctionInstance ${instanceName}`,
      () => client.deleteFunctionInstance({ ...where, instanceName }),
      (a) => `deleted (${id(a)})`,
    );
    await step(
      `getFunctionInstance ${instanceName} after the delete`,
      () => client.getFunctionInstance({ ...where, instanceName }).catch((error) => error),
      (e) => (e instanceof OpenSearchError ? `${e.code} (HTTP ${e.status}), as expected` : 'still there?!'),
    );
    await step(
      'listAppGroups',
      () => client.listAppGroups(),
      (a) => `${a.totalCount} app group(s): ${a.result.map((g) => g.name).join(', ')}`,
    );
    out('\nDone: every step above went over HTTP through the signed client.');
  } catch (error) {
    if (!(error instanceof OpenSearchError)) throw error;
    process.stderr.write(`API error: ${error.code} (${error.kind}): ${error.message}\n`);
    process.exitCode = 1;
  } finally {
    await server?.close();
  }
}

main().catch((error) => {
  process.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
