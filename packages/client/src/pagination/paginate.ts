// The paginators: every page of a paged operation, one call per page, until the items run out,
// the total is reached, maxItems or maxPages is met, or the server repeats a page.
import { copyMetadata } from '../engine/copyMetadata.js';
import { checkNumber } from '../errors/checks.js';
import type { OperationMeta } from '../shared/operationMeta.js';
import type { CallOptions, OperationCaller, PaginateOptions } from '../shared/operationTypes.js';

type Bag = Record<string, unknown>;

/** maxItems and maxPages, checked, and the operation's own parameters. */
function pagingLimits(params: unknown) {
  const { maxItems, maxPages, ...rest } = (params ?? {}) as Bag & PaginateOptions;
  if (maxItems !== undefined) checkNumber('maxItems', maxItems, 1, Number.MAX_SAFE_INTEGER, true);
  if (maxPages !== undefined) checkNumber('maxPages', maxPages, 1, Number.MAX_SAFE_INTEGER, true);
  return { maxItems, maxPages, rest };
}

/** Yields each page of `op` (the last one cut to maxItems), calling through `callOperation`. */
export async function* paginate(
  callOperation: OperationCaller,
  op: OperationMeta,
  params: unknown,
  call?: CallOptions,
): AsyncGenerator<unknown> {
  const paging = op.pagination!;
  let limits: ReturnType<typeof pagingLimits>;
  try {
    limits = pagingLimits(params);
  } catch (error) {
    // Refused like any call that fails before it is built: the client's onError hook sees it.
    if (callOperation.refuse) await callOperation.refuse(op, error, call);
    throw error;
  }
  const { maxItems, maxPages, rest } = limits;
  let pageNumber = (rest[paging.pageNumber] as number | undefined) ?? 1;
  let seen = 0;
  let pages = 0;
  let previous: string | undefined;
  for (;;) {
    const page = (await callOperation(op, { ...rest, [paging.pageNumber]: pageNumber }, call)) as Bag;
    const all = (page[paging.items] as unknown[] | undefined) ?? [];
    // A server that ignores pageNumber answers the same page forever: stop at the first repeat.
    const fingerprint = JSON.stringify(all);
    if (all.length === 0 || fingerprint === previous) return;
    previous = fingerprint;
    const items = maxItems !== undefined && seen + all.length > maxItems ? all.slice(0, maxItems - seen) : all;
    seen += items.length;
    pages += 1;
    yield items === all ? page : copyMetadata({ ...page, [paging.items]: items }, page);
    const pageSize = (rest[paging.pageSize] as number | undefined) ?? all.length;
    const total = page[paging.totalCount];
    const reachedTotal = typeof total === 'number' && (pageNumber - 1) * pageSize + all.length >= total;
    if (reachedTotal || (maxItems !== undefined && seen >= maxItems) || (maxPages !== undefined && pages >= maxPages))
      return;
    pageNumber += 1;
  }
}
