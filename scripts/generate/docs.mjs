import {
  COVERAGE_END,
  COVERAGE_START,
  FILES_END,
  FILES_START,
  GENERATED_FILE_DOCS,
  GENERATED_FILES,
} from './shared.mjs';

/** The root README's sentence on what the spec covers: of the official SDK's operations, by family. */
export async function renderCoverage(document) {
  const { coverage, sdkOperations, sdkVersion } = await import('../lib/sdk-operations.mjs');
  const methods = sdkOperations();
  const { covered, total, missing } = coverage(document, methods);
  const families = new Map((document.tags ?? []).map((t) => [t.name, 0]));
  let own = 0;
  for (const item of Object.values(document.paths ?? {}))
    for (const op of Object.values(item ?? {})) {
      if (!op?.operationId) continue;
      const tag = op.tags?.[0] ?? 'Other';
      families.set(tag, (families.get(tag) ?? 0) + 1);
      if (!methods.has(op['x-acs-action'])) own += 1;
    }
  const list = [...families].filter(([, n]) => n > 0).map(([name, n]) => `${name} (${n})`);
  return [
    COVERAGE_START,
    '',
    `The spec holds **${covered} of the ${total} operations** of the official SDK ${sdkVersion()}` +
      (own > 0 ? `, and ${own} the SDK does not have` : '') +
      `, in ${list.length} families: ${list.join(', ')}.` +
      (missing.length > 0 ? ` Not yet in the spec: ${missing.join(', ')}.` : '') +
      ' `pnpm draft:operation --list` shows each, and `pnpm test` fails when an operation of the SDK is missing.',
    '',
    COVERAGE_END,
  ].join('\n');
}

/** The root README's list of what `pnpm generate` writes: exactly GENERATED_FILES. */
export function renderFileList() {
  const rows = Object.entries(GENERATED_FILES).map(([key, rel]) => `   - \`${rel}\`: ${GENERATED_FILE_DOCS[key]};`);
  rows[rows.length - 1] = `${rows.at(-1).slice(0, -1)}.`;
  return [FILES_START, ...rows, `   ${FILES_END}`].join('\n');
}
