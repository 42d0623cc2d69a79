// Benchmark: the cost of building the handlers (createOpenSearchHandlers) with the spec's first
// operation only, and with every operation of the spec. Validators compile on first use, so the
// two should cost about the same; a spec is read once per document object. Interleaved rounds; the
// median of each is reported.
// Run: pnpm --filter @acs-opensearch/mocks bench   (build first: pnpm build)
import { createOpenSearchHandlers, listOperations, openApiDocument } from '../dist/index.js';

const all = listOperations(openApiDocument);
// The reference's own operation, when the spec has it (the one-operation spec this project started from).
const first = all.find((op) => op.operationId === 'listFunctionInstances') ?? all[0];
const one = structuredClone(openApiDocument);
one.paths = {
  [first.path]: { [first.method.toLowerCase()]: openApiDocument.paths[first.path][first.method.toLowerCase()] },
};

const ROUNDS = 15;
const BUILDS = 20;
const time = (document) => {
  const started = performance.now();
  for (let i = 0; i < BUILDS; i++) createOpenSearchHandlers({ document });
  return (performance.now() - started) / BUILDS;
};
// Warm-up.
for (let i = 0; i < 3; i++) {
  time(one);
  time(openApiDocument);
}
const ones = [];
const alls = [];
for (let r = 0; r < ROUNDS; r++) {
  ones.push(time(one));
  alls.push(time(openApiDocument));
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const [m1, mAll] = [median(ones), median(alls)];
console.log(`handlers for 1 operation (${first.operationId}): ${m1.toFixed(2)} ms`);
console.log(`handlers for all ${all.length} operations:        ${mAll.toFixed(2)} ms`);
console.log(`ratio ${all.length} / 1: ${(mAll / m1).toFixed(2)} (target <= 1.20)`);

// The first build from a document object also reads it (paths, $refs, collections): once per document.
const cold = (document) => {
  const copies = Array.from({ length: BUILDS }, () => structuredClone(document));
  const started = performance.now();
  for (const copy of copies) createOpenSearchHandlers({ document: copy });
  return (performance.now() - started) / BUILDS;
};
const coldOnes = [];
const coldAlls = [];
for (let r = 0; r < ROUNDS; r++) {
  coldOnes.push(cold(one));
  coldAlls.push(cold(openApiDocument));
}
const [c1, cAll] = [median(coldOnes), median(coldAlls)];
console.log(
  `first build from a new document: 1 operation ${c1.toFixed(2)} ms, ${all.length} operations ${cAll.toFixed(2)} ms (read once per document; no validator is compiled)`,
);
