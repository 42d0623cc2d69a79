// What the site takes from the bundled document: the reference's copy, where each operation's
// description opens with its facts (RAM action, request, paging), and the search index.

/** Redoc's anchor of an operation: its first tag's section, then `operation/<operationId>`. */
const operationAnchor = (operation) =>
  `${operation.tags?.[0] ? `tag/${operation.tags[0]}/` : ''}operation/${operation.operationId}`;

const operationsOf = (document) =>
  Object.entries(document.paths ?? {}).flatMap(([path, item]) =>
    Object.entries(item ?? {})
      .filter(([, op]) => op?.operationId)
      .map(([method, op]) => ({ path, method: method.toUpperCase(), op })),
  );

/** The paging sentence of an operation, or undefined when it does not page. */
function pagingFacts(op) {
  const paging = op['x-acs-pagination'];
  if (!paging) return undefined;
  return (
    `pages by \`${paging.pageNumber}\` (from 1) and \`${paging.pageSize}\`; the items are in \`${paging.items}\`` +
    (paging.totalCount ? `, the total in \`${paging.totalCount}\`` : '') +
    '. The client iterates every page (`paginate…`), and TanStack Query gets infinite options (`…InfiniteOptions`).'
  );
}

/** The facts block each operation's page opens with. */
function operationFacts({ path, method, op }) {
  const ram = op['x-acs-ram'] ?? {};
  const lines = [
    `**RAM action:** \`${ram.action}\`${ram.accessLevel ? ` (${ram.accessLevel})` : ''}${ram.resource ? `, on \`${ram.resource}\`` : ''}`,
    `**Action:** \`${op['x-acs-action']}\` (API ${op['x-acs-version']}), \`${method} ${path}\``,
    `**Paging:** ${pagingFacts(op) ?? 'none (one answer per call)'}`,
    `**Client:** \`client.${op.operationId}(params)\``,
  ];
  return `<div class="acs-facts">\n\n${lines.join('<br>\n')}\n\n</div>\n\n`;
}

/** The document the reference renders: the bundle, each description led by the operation's facts. */
export function referenceDocument(document) {
  const copy = structuredClone(document);
  for (const entry of operationsOf(copy)) {
    entry.op.description = `${operationFacts(entry)}${entry.op.description ?? ''}`;
  }
  return copy;
}

/** One row per operation, for the home page's list and its search box. */
export function operationIndex(document) {
  return operationsOf(document).map(({ path, method, op }) => ({
    operationId: op.operationId,
    action: op['x-acs-action'],
    ram: op['x-acs-ram']?.action ?? '',
    method,
    path,
    summary: op.summary ?? '',
    tag: op.tags?.[0] ?? 'Other',
    paged: Boolean(op['x-acs-pagination']),
    href: `reference.html#${operationAnchor(op)}`,
  }));
}
