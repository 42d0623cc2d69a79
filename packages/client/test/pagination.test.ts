// The generated paginators: pageNumber until totalCount, an empty or repeated page, maxItems and maxPages.
import { describe, expect, it } from 'vitest';
import { createOpenSearchClient } from '../src/index.js';
import { credentials, fakeFetch, page, params } from './fakeFetch.js';

describe('paginateFunctionInstances', () => {
  const pages = (total: number, size: number) => (sent: { url: URL }) => {
    const n = Number(sent.url.searchParams.get('pageNumber'));
    const names = Array.from(
      { length: Math.max(0, Math.min(size, total - (n - 1) * size)) },
      (_, i) => `i${(n - 1) * size + i}`,
    );
    return page(names, total);
  };

  it('follows pageNumber until totalCount is reached', async () => {
    const { fetch, sent } = fakeFetch(pages(7, 3));
    const seen: string[] = [];
    for await (const p of createOpenSearchClient({ credentials, fetch }).paginateFunctionInstances({
      ...params,
      pageSize: 3,
    })) {
      seen.push(...p.result.map((i) => i.instanceName));
    }
    expect(seen).toEqual(['i0', 'i1', 'i2', 'i3', 'i4', 'i5', 'i6']);
    expect(sent.map((s) => s.url.searchParams.get('pageNumber'))).toEqual(['1', '2', '3']);
  });

  it('stops on an empty page even if totalCount says more', async () => {
    const { fetch, sent } = fakeFetch(
      () => page(['a'], 100),
      () => page([], 100),
    );
    const all = [];
    for await (const p of createOpenSearchClient({ credentials, fetch }).paginateFunctionInstances({
      ...params,
      pageSize: 1,
    }))
      all.push(p);
    expect(all).toHaveLength(1);
    expect(sent).toHaveLength(2);
  });

  it('caps the items with maxItems, trimming the last page', async () => {
    const { fetch, sent } = fakeFetch(pages(50, 4));
    const seen: string[] = [];
    for await (const p of createOpenSearchClient({ credentials, fetch }).paginateFunctionInstances({
      ...params,
      pageSize: 4,
      maxItems: 6,
    })) {
      seen.push(...p.result.map((i) => i.instanceName));
    }
    expect(seen).toEqual(['i0', 'i1', 'i2', 'i3', 'i4', 'i5']);
    expect(sent).toHaveLength(2);
  });

  it('rejects a bad maxItems before sending', async () => {
    const { fetch, sent } = fakeFetch(pages(5, 5));
    const iterate = async () => {
      for await (const _ of createOpenSearchClient({ credentials, fetch }).paginateFunctionInstances({
        ...params,
        maxItems: 0,
      }))
        void _;
    };
    await expect(iterate()).rejects.toThrow(/maxItems/);
    expect(sent).toHaveLength(0);
  });
});
