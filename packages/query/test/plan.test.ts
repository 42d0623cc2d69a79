// The plans behind the keys and the refreshes, on paths made up here (whatever the spec holds):
// the prefix every key leaves out, and what a write refreshes from the path nesting alone.
import { describe, expect, it } from 'vitest';
import { QUERY_KEY_ROOT as exported } from '../src/index.js';
import { commonPrefix, invalidationPlan, QUERY_KEY_ROOT } from '../src/plan.js';

const reads = new Set([
  '/v9/api/shelves',
  '/v9/api/shelves/{shelf}',
  '/v9/api/shelves/{shelf}/books',
  '/v9/api/shelves/{shelf}/books/{book}',
]);

describe('the key root', () => {
  it('is defined once: the package exports the plan module’s', () => {
    expect(exported).toBe(QUERY_KEY_ROOT);
  });
});

describe('commonPrefix', () => {
  it('counts the literal segments every path shares, never a parameter, never a whole path', () => {
    expect(commonPrefix(['/v9/api/shelves', '/v9/api/books'])).toBe(2);
    expect(commonPrefix(['/v9/api/shelves', '/v9/other'])).toBe(1);
    expect(commonPrefix(['/{tenant}/a', '/{tenant}/b'])).toBe(0);
    expect(commonPrefix(['/v9/api'])).toBe(1);
    expect(commonPrefix([])).toBe(0);
  });
});

describe('invalidationPlan', () => {
  it('a write to an item: the item, and the lists of its collection', () => {
    expect(invalidationPlan('/v9/api/shelves/{shelf}/books/{book}', reads, 2)).toEqual({
      resource: { segments: ['shelves', '{shelf}', 'books', '{book}'] },
      collection: { segments: ['shelves', '{shelf}', 'books'] },
    });
  });

  it('a create on a collection: the collection (a GET reads its items)', () => {
    expect(invalidationPlan('/v9/api/shelves/{shelf}/books', reads, 2)).toEqual({
      resource: { segments: ['shelves', '{shelf}', 'books'] },
    });
  });

  it('an action endpoint: the nearest resource a GET reads', () => {
    expect(invalidationPlan('/v9/api/shelves/{shelf}/books/{book}/actions/lend', reads, 2)).toEqual({
      resource: { segments: ['shelves', '{shelf}', 'books', '{book}'] },
      collection: { segments: ['shelves', '{shelf}', 'books'] },
    });
  });

  it('a path nothing reads: its own path, under the prefix', () => {
    expect(invalidationPlan('/v9/api/jobs/{job}/cancel', reads, 2)).toEqual({
      resource: { segments: ['jobs', '{job}', 'cancel'] },
    });
  });
});
