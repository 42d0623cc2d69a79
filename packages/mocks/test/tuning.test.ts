// Search tuning through our client, against the handlers (MSW) and the mock server, signatures
// verified: ranking expressions (and the sort expressions that list them), sort scripts moved
// through their states with files inside them, query analysis rules, intervention dictionaries
// and custom analyzers changed by bulk commands, and slow-query analysis switched on and off.
import { createOpenSearchClient, type OpenSearchClient, ValidationError } from '@acs-opensearch/client';
import { describe, expect, it } from 'vitest';
import { createOpenSearchHandlers } from '../src/index.js';
import { startMockServer } from '../src/node.js';
import { codeOf, serveForFile, statusOf } from './clientLifecycles.js';

const key = { accessKeyId: 'ak', accessKeySecret: 'sk' };
const mock = createOpenSearchHandlers({ baseUrl: 'https://tuning.example', verifySignature: key });
// Without signature checks: a test sends a raw request past the client.
const open = createOpenSearchHandlers({ baseUrl: 'https://open-tuning.example' });
serveForFile(...mock.handlers, ...open.handlers);

const quota = { docSize: 1, computeResource: 20, spec: 'opensearch.share.common' };
/** An application with a version of its own, made through the API (nothing of the defaults under it). */
async function appVersion(client: OpenSearchClient, name: string) {
  await client.createAppGroup({ body: { name, type: 'enhanced', quota } });
  const version = (await client.createApp({ appGroupIdentity: name, body: { description: 'v1' } })).result;
  return { appGroupIdentity: name, appId: String(version.id) };
}

async function ranking(client: OpenSearchClient) {
  const at = await appVersion(client, 'tuning_rank');
  const meta = [{ attribute: 'static_bm25()', arg: '', weight: 10 }];
  await client.createFirstRank({ ...at, dryRun: true, body: { name: 'rough', type: 'STRUCT', meta } });
  expect((await client.listFirstRanks(at)).result).toEqual([]);
  await client.createFirstRank({ ...at, body: { name: 'rough', type: 'STRUCT', meta } });
  await client.createSecondRank({ ...at, body: { name: 'fine', meta: 'random()+now()' } });
  expect((await client.describeFirstRank({ ...at, name: 'rough' })).result).toMatchObject({ name: 'rough', meta });
  await client.modifyFirstRank({
    ...at,
    name: 'rough',
    body: { name: 'rough', type: 'STRING', meta: 'static_bm25()*2' },
  });
  expect((await client.listFirstRanks(at)).result.map((r) => [r.name, r.type])).toEqual([['rough', 'STRING']]);
  expect((await client.listSortExpressions(at)).result.map((e) => e.name).sort()).toEqual(['fine', 'rough']);
  await client.removeFirstRank({ ...at, name: 'rough' });
  expect(await statusOf(client.describeFirstRank({ ...at, name: 'rough' }))).toBe(404);
  expect((await client.listSortExpressions(at)).result.map((e) => e.name)).toEqual(['fine']);
  expect(await statusOf(client.listSecondRanks({ ...at, appId: '999999' }))).toBe(404);
}

async function sortScripts(client: OpenSearchClient) {
  const { appGroupIdentity, appId } = await appVersion(client, 'tuning_script');
  const at = { appGroupIdentity, appVersionId: appId };
  const script = { ...at, scriptName: 'scorer' };
  await client.createSortScript({ ...at, body: { scriptName: 'scorer', scope: 'second_rank', type: 'cava_script' } });
  expect((await client.getSortScript(script)).result.status).toBe('configurable');
  // The reference's state table: a script that has not compiled cannot be released.
  expect(await codeOf(client.releaseSortScript(script))).toBe('InvalidAppStatus');
  await client.saveSortScriptFile({ ...script, fileName: 'Scorer.cava', body: { content: 'YWJj', version: 1 } });
  expect((await client.getSortScript(script)).result.status).toBe('not compiled');
  expect((await client.getSortScriptFile({ ...script, fileName: 'Scorer.cava' })).result).toMatchObject({
    content: 'YWJj',
    version: 1,
  });
  expect((await client.getScriptFileNames(script)).result.map((f) => f.fileName)).toEqual(['Scorer.cava']);
  await client.compileSortScript(script);
  expect((await client.getSortScript(script)).result.status).toBe('compile successful');
  await client.releaseSortScript(script);
  expect((await client.listSortScripts(at)).result.map((s) => [s.scriptName, s.status])).toEqual([
    ['scorer', 'released'],
  ]);
  // A released script takes no new file and is not compiled again: it can only be deleted.
  expect(
    await codeOf(client.saveSortScriptFile({ ...script, fileName: 'Other.cava', body: { content: 'ZGVm' } })),
  ).toBe('InvalidAppStatus');
  expect(await codeOf(client.compileSortScript(script))).toBe('InvalidAppStatus');
  expect(await statusOf(client.getSortScriptFile({ ...script, fileName: 'Other.cava' }))).toBe(404);
  await client.deleteSortScriptFile({ ...script, fileName: 'Scorer.cava' });
  expect(await statusOf(client.getSortScriptFile({ ...script, fileName: 'Scorer.cava' }))).toBe(404);
  await client.deleteSortScript(script);
  expect(await statusOf(client.getSortScript(script))).toBe(404);
  await client.createSortScript({ ...at, body: { scriptName: 'scorer' } });
  expect((await client.getScriptFileNames(script)).result).toEqual([]);
}

async function queryProcessing(client: OpenSearchClient) {
  const at = await appVersion(client, 'tuning_qp');
  const rule = { ...at, name: 'qp' };
  await client.createQueryProcessor({ ...at, body: { name: 'qp', domain: 'GENERAL', indexes: ['default'] } });
  await client.modifyQueryProcessor({ ...rule, body: { domain: 'ECOMMERCE' } });
  expect((await client.describeQueryProcessor(rule)).result).toMatchObject({ name: 'qp', domain: 'ECOMMERCE' });
  expect((await client.listQueryProcessors(at)).result.map((r) => r.name)).toEqual(['qp']);
  // isActive: 1 the default rule, 2 the others, 0 all.
  await client.createQueryProcessor({ ...at, body: { name: 'main', active: true } });
  const rules = async (isActive: 0 | 1 | 2) =>
    (await client.listQueryProcessors({ ...at, isActive })).result.map((r) => r.name);
  expect([await rules(1), await rules(2), (await rules(0)).sort()]).toEqual([['main'], ['qp'], ['main', 'qp']]);
  expect((await client.listQueryProcessorAnalyzerResults({ ...rule, text: 'red shoes' })).result).toBeTypeOf('object');
  expect((await client.listQueryProcessorNers({ domain: 'ECOMMERCE' })).result.length).toBeGreaterThan(0);
  await client.removeQueryProcessor(rule);
  expect(await statusOf(client.describeQueryProcessor(rule))).toBe(404);
  expect(await statusOf(client.listQueryProcessorAnalyzerResults({ ...rule, text: 'x' }))).toBe(404);
  const strategy = { ...at, strategyName: 'main' };
  await client.createSearchStrategy({ ...at, body: { name: 'main', searchConfigs: [{ queryType: 'keyword' }] } });
  for (const call of [
    client.getSearchStrategy(strategy),
    client.listSearchStrategies(at),
    client.updateSearchStrategy({ ...strategy, body: { description: 'x' } }),
    client.removeSearchStrategy(strategy),
  ])
    expect((await call).requestId).toBeTypeOf('string');
}

async function dictionaries(client: OpenSearchClient) {
  const dict = { name: 'tuning_words' };
  await client.createInterventionDictionary({ body: { name: 'tuning_words', type: 'ner', analyzer: 'a' } });
  expect((await client.describeInterventionDictionary(dict)).result).toMatchObject({
    name: 'tuning_words',
    type: 'ner',
  });
  const listed = await client.listInterventionDictionaries({ types: ['ner'], pageSize: 100 });
  expect(listed.result.map((d) => d.name)).toContain('tuning_words');
  expect(listed.result.every((d) => d.type === 'ner')).toBe(true);
  await client.pushInterventionDictionaryEntries({
    ...dict,
    body: [
      { cmd: 'add', word: 'milk' },
      { cmd: 'add', word: 'soy' },
      { cmd: 'add', word: 'tea' },
    ],
  });
  await client.pushInterventionDictionaryEntries({ ...dict, dryRun: true, body: [{ cmd: 'delete', word: 'tea' }] });
  const words = async () => (await client.listInterventionDictionaryEntries(dict)).result.map((e) => e.word).sort();
  expect(await words()).toEqual(['milk', 'soy', 'tea']);
  expect((await client.listInterventionDictionaryEntries({ ...dict, word: 'soy' })).result.map((e) => e.word)).toEqual([
    'soy',
  ]);
  expect(
    (await client.listInterventionDictionaryNerResults({ ...dict, query: 'soy milk' })).result
      .map((r) => r.token)
      .sort(),
  ).toEqual(['milk', 'soy']);
  await client.pushInterventionDictionaryEntries({ ...dict, body: [{ cmd: 'delete', word: 'tea' }] });
  expect(await words()).toEqual(['milk', 'soy']);
  expect((await client.listInterventionDictionaryRelatedEntities(dict)).requestId).toBeTypeOf('string');
  await client.removeInterventionDictionary(dict);
  expect(await statusOf(client.describeInterventionDictionary(dict))).toBe(404);
  expect(await statusOf(client.listInterventionDictionaryEntries(dict))).toBe(404);
}

async function analyzers(client: OpenSearchClient) {
  const analyzer = { name: 'tuning_analyzer' };
  await client.createUserAnalyzer({ body: { name: 'tuning_analyzer', type: 'HA3', business: 'chn_standard' } });
  expect((await client.describeUserAnalyzer(analyzer)).result.name).toBe('tuning_analyzer');
  expect((await client.listUserAnalyzers({ pageSize: 100 })).result.map((a) => a.name)).toContain('tuning_analyzer');
  await client.pushUserAnalyzerEntries({
    ...analyzer,
    body: {
      entries: [
        { cmd: 'add', key: 'opensearch', value: 'open search' },
        { cmd: 'add', key: 'aliyun', value: 'ali yun' },
      ],
    },
  });
  await client.pushUserAnalyzerEntries({ ...analyzer, body: { entries: [{ cmd: 'delete', key: 'aliyun' }] } });
  expect((await client.listUserAnalyzerEntries(analyzer)).result.map((e) => [e.key, e.value])).toEqual([
    ['opensearch', 'open search'],
  ]);
  await client.removeUserAnalyzer(analyzer);
  expect(await statusOf(client.describeUserAnalyzer(analyzer))).toBe(404);
}

async function slowQueries(client: OpenSearchClient) {
  const app = { appGroupIdentity: 'tuning_slow' };
  await client.createAppGroup({ body: { name: 'tuning_slow', type: 'enhanced', quota } });
  expect((await client.describeSlowQueryStatus(app)).result.status).toBe('disabled');
  expect(await statusOf(client.startSlowQueryAnalyzer(app))).toBe(400);
  await client.enableSlowQuery(app);
  expect((await client.describeSlowQueryStatus(app)).result.status).toBe('enabled');
  await client.startSlowQueryAnalyzer(app);
  expect((await client.listSlowQueryCategories(app)).result.analyzeStatus).toBeTypeOf('string');
  expect((await client.listSlowQueryQueries({ ...app, categoryIndex: '0' })).requestId).toBeTypeOf('string');
  await client.disableSlowQuery(app);
  expect((await client.describeSlowQueryStatus(app)).result.status).toBe('disabled');
  await client.removeAppGroup(app);
  expect(await statusOf(client.describeSlowQueryStatus(app))).toBe(404);
}

const families = { ranking, sortScripts, queryProcessing, dictionaries, analyzers, slowQueries };

describe('search tuning through the client', () => {
  for (const [name, run] of Object.entries(families)) {
    it(`${name}: through MSW, every request signed and verified`, async () => {
      mock.controller.reset();
      await run(createOpenSearchClient({ endpoint: 'https://tuning.example', credentials: key, retry: false }));
    });
    it(`${name}: through the mock server over HTTP`, async () => {
      const running = await startMockServer({ verifySignature: key });
      try {
        await run(createOpenSearchClient({ endpoint: running.url, credentials: key, retry: false }));
      } finally {
        await running.close();
      }
    });
  }

  it('a bad command, a zero weight or a missing required value is refused before anything is sent', async () => {
    const client = createOpenSearchClient({ endpoint: 'https://tuning.example', credentials: key });
    const before = mock.controller.requests.length;
    const app = { appGroupIdentity: 'a', appId: '1' };
    const script = { appGroupIdentity: 'a', appVersionId: '1', scriptName: 's', fileName: 'f' };
    const bad = [
      () => client.pushInterventionDictionaryEntries({ name: 'd', body: [{ cmd: 'explode' as never, word: 'x' }] }),
      () => client.pushInterventionDictionaryEntries({ name: 'd', body: [] }),
      () =>
        client.createFirstRank({ ...app, body: { name: 'r', type: 'STRUCT', meta: [{ attribute: 'x', weight: 0 }] } }),
      () => client.createFirstRank({ ...app, body: { name: 'r', type: 'LIST' as never, meta: 'x' } }),
      () => client.listInterventionDictionaryNerResults({ name: 'd' } as never),
      () => client.saveSortScriptFile({ ...script, body: {} as never }),
    ];
    for (const call of bad) await expect(call()).rejects.toBeInstanceOf(ValidationError);
    expect(mock.controller.requests.length).toBe(before);
  });

  it('the mocks refuse an unknown command sent past the client, naming it, and write nothing', async () => {
    const client = createOpenSearchClient({ endpoint: 'https://open-tuning.example', credentials: key, retry: false });
    await client.createInterventionDictionary({ body: { name: 'raw_words', type: 'synonym' } });
    const answer = await fetch(
      'https://open-tuning.example/v4/openapi/intervention-dictionaries/raw_words/entries/actions/bulk',
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify([
          { cmd: 'add', word: 'a' },
          { cmd: 'rename', word: 'b' },
        ]),
      },
    );
    expect(answer.status).toBe(400);
    expect(await answer.text()).toContain('rename');
    expect((await client.listInterventionDictionaryEntries({ name: 'raw_words' })).result).toEqual([]);
  });
});
