// What a call does when a chunk it loads on demand cannot load (a browser gone offline before its
// first failure, a CDN that lost a file): a typed error that says so, never a bare import error,
// and the chunk is tried again on the next call.
import { describe, expect, it, vi } from 'vitest';

let broken = true;
vi.mock('../src/engine/failures.js', async (importOriginal) => {
  if (broken) throw new Error('Failed to fetch dynamically imported module: /assets/failures-X.js');
  return importOriginal();
});
vi.mock('../src/operations/callOptions.js', async (importOriginal) => {
  if (broken) throw new Error('Failed to fetch dynamically imported module: /assets/callOptions-X.js');
  return importOriginal();
});

const { createOpenSearchCore, invoke, NetworkError, OPERATIONS, ValidationError } = await import('../src/index.js');
const { credentials, fakeFetch, json } = await import('./fakeFetch.js');
const { paramsFor } = await import('./specShapes.js');

const op = Object.values(OPERATIONS).find((o) => o.method === 'GET')!;

describe('a chunk that cannot load', () => {
  it('an error answer is a NetworkError that names the call and the module, with no secret', async () => {
    const { fetch } = fakeFetch(() => json({ code: 'InternalError', message: 'boom' }, { status: 500 }));
    const core = createOpenSearchCore({ endpoint: 'https://opensearch.example', credentials, fetch, retry: false });
    const error = await invoke(core, op, paramsFor(op)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NetworkError);
    expect((error as Error).message).toMatch(
      /^GET https:\/\/opensearch\.example\/\S+ failed; the client's failure module could not load: /,
    );
    expect(JSON.stringify(error)).not.toContain(credentials.accessKeySecret);
  });

  it('a call with options is a ValidationError of its options, and nothing is sent', async () => {
    const { fetch, sent } = fakeFetch(() => json({}));
    const core = createOpenSearchCore({ endpoint: 'https://opensearch.example', credentials, fetch });
    const error = await invoke(core, op, paramsFor(op), { timeoutMs: 5 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as { parameter?: string }).parameter).toBe('callOptions');
    expect(sent).toHaveLength(0);
  });

  it('is tried again on the next call, which then works', async () => {
    broken = false;
    const { fetch } = fakeFetch(() => json({ code: 'InternalError', message: 'boom' }, { status: 500 }));
    const core = createOpenSearchCore({ endpoint: 'https://opensearch.example', credentials, fetch, retry: false });
    const error = await invoke(core, op, paramsFor(op), { timeoutMs: 1000 }).catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'server', status: 500, code: 'InternalError' });
  });
});
