#!/usr/bin/env node
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import openapiTS, { astToString } from 'openapi-typescript';
import { buildAppApi, buildMetadata, bundleSpec } from './generate/bundle.mjs';
import {
  forTypes,
  renderFunctions,
  renderMetadata,
  renderOperationsTable,
  renderOperationTypes,
  renderSearchMetadata,
} from './generate/client.mjs';
import { renderCoverage, renderFileList } from './generate/docs.mjs';
import { renderBehaviours, renderMocksDocument, trimForMocks } from './generate/mocks.mjs';
import { renderNameMap, renderQueries } from './generate/query.mjs';
import { withCodeSamples } from './generate/samples.mjs';
import {
  BANNER,
  BEHAVIOUR_END,
  BEHAVIOUR_START,
  COVERAGE_END,
  COVERAGE_START,
  FILES_END,
  FILES_START,
  GENERATED_FILES,
  NAMES_END,
  NAMES_START,
  repoRoot,
  spliceReadme,
} from './generate/shared.mjs';

export { buildMetadata } from './generate/bundle.mjs';
export { trimForMocks } from './generate/mocks.mjs';
export { API_NAME, GENERATED_FILES, repoRoot } from './generate/shared.mjs';

export async function generate(outRoot = repoRoot) {
  const document = bundleSpec();
  const ast = await openapiTS(forTypes(document), { alphabetize: false });
  const meta = await buildMetadata(document);
  const app = await buildAppApi();
  const appAst = await openapiTS(app.document, { alphabetize: false });
  const files = {
    [GENERATED_FILES.appBundle]: `${JSON.stringify(app.document, null, 2)}\n`,
    [GENERATED_FILES.searchTypes]: `${BANNER}\n\n${astToString(appAst)}`,
    [GENERATED_FILES.searchMetadata]: renderSearchMetadata(app.meta),
    [GENERATED_FILES.bundle]: `${JSON.stringify(withCodeSamples(document, meta), null, 2)}\n`,
    [GENERATED_FILES.clientTypes]: `${BANNER}\n\n${astToString(ast)}`,
    [GENERATED_FILES.clientMetadata]: renderMetadata(meta),
    [GENERATED_FILES.clientOperations]: renderOperationTypes({ ...meta, document }),
    [GENERATED_FILES.clientFunctions]: renderFunctions({ ...meta, document }),
    [GENERATED_FILES.mocksDocument]: renderMocksDocument(trimForMocks(document)),
    [GENERATED_FILES.clientSpec]: `${JSON.stringify(document, null, 2)}\n`,
    [GENERATED_FILES.queries]: await renderQueries(meta),
    [GENERATED_FILES.clientReadme]: spliceReadme(
      readFileSync(join(repoRoot, GENERATED_FILES.clientReadme), 'utf8'),
      renderOperationsTable(meta, document),
    ),
    [GENERATED_FILES.mocksReadme]: spliceReadme(
      readFileSync(join(repoRoot, GENERATED_FILES.mocksReadme), 'utf8'),
      await renderBehaviours(document),
      BEHAVIOUR_START,
      BEHAVIOUR_END,
      GENERATED_FILES.mocksReadme,
    ),
    [GENERATED_FILES.queryReadme]: spliceReadme(
      readFileSync(join(repoRoot, GENERATED_FILES.queryReadme), 'utf8'),
      await renderNameMap(meta),
      NAMES_START,
      NAMES_END,
      GENERATED_FILES.queryReadme,
    ),
    [GENERATED_FILES.rootReadme]: spliceReadme(
      spliceReadme(
        readFileSync(join(repoRoot, GENERATED_FILES.rootReadme), 'utf8'),
        await renderCoverage(document),
        COVERAGE_START,
        COVERAGE_END,
        GENERATED_FILES.rootReadme,
      ),
      renderFileList(),
      FILES_START,
      FILES_END,
      GENERATED_FILES.rootReadme,
    ),
  };
  for (const [rel, text] of Object.entries(files)) {
    const target = join(outRoot, rel);
    // Unchanged files are not rewritten, so a generate without a spec change touches nothing.
    if (existsSync(target) && readFileSync(target, 'utf8') === text) continue;
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, text);
  }
  return Object.keys(files);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const i = process.argv.indexOf('--out-dir');
  const outRoot = i > 0 ? resolve(process.argv[i + 1]) : repoRoot;
  generate(outRoot)
    .then((written) => console.log(`generated ${written.length} files from openapi/:\n  ${written.join('\n  ')}`))
    .catch((error) => {
      console.error(error.message);
      process.exit(1);
    });
}
