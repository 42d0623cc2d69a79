// The app in a real Chromium, with @acs-opensearch/mocks served by MSW's service worker (msw/browser).
import { createOpenSearchClient } from '@acs-opensearch/client';
import { createOpenSearchHandlers } from '@acs-opensearch/mocks';
import { setupWorker } from 'msw/browser';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createInstanceListModel } from '../../src/instanceListModel.js';
import { mountInstanceList } from '../../src/instanceListView.js';

const mock = createOpenSearchHandlers({ seed: 1 });
const worker = setupWorker(...mock.handlers);
beforeAll(async () => {
  await worker.start({ serviceWorker: { url: '/mockServiceWorker.js' }, onUnhandledRequest: 'bypass', quiet: true });
});
afterEach(() => {
  mock.reset(worker);
  document.body.replaceChildren();
});
afterAll(() => worker.stop());

// In a page, credentials come from a provider (STS from your backend); here a test pair.
const client = createOpenSearchClient({
  credentials: async () => ({ accessKeyId: 'sts-test', accessKeySecret: 'sts-secret', securityToken: 'sts-token' }),
  retry: { baseDelayMs: 1 },
});

async function mount() {
  const root = document.createElement('main');
  document.body.append(root);
  const model = createInstanceListModel(client, { appGroupIdentity: 'shop', functionName: 'ctr', pageSize: 5 });
  mountInstanceList(root, model, 'Instances');
  await model.load();
  return { root, model };
}

const rows = (root: HTMLElement) =>
  [...root.querySelectorAll('tbody tr')].map((tr) => tr.querySelector('td')!.textContent);
const button = (root: HTMLElement, name: string) =>
  [...root.querySelectorAll('button')].find((b) => b.textContent === name)!;

describe('instance list (Chromium + msw/browser)', () => {
  it('runs in a real browser with Web Crypto', () => {
    expect(navigator.userAgent).toMatch(/Chrome/);
    expect(typeof crypto.subtle.digest).toBe('function');
  });

  it('renders the first page as a table', async () => {
    const { root } = await mount();
    expect(rows(root).slice(0, 3)).toEqual(['instance_1', 'instance_2', 'ctr_test']);
    expect(root.querySelector('[data-testid="page-info"]')!.textContent).toMatch(/^Page 1 of \d+$/);
    expect(button(root, 'Previous').disabled).toBe(true);
  });

  it('pages with the Next and Previous buttons', async () => {
    const { root } = await mount();
    const first = rows(root);
    button(root, 'Next').click();
    await expect.poll(() => root.querySelector('[data-testid="page-info"]')!.textContent).toMatch(/^Page 2 of/);
    await expect.poll(() => rows(root)[0]).not.toBe(first[0]);
    button(root, 'Previous').click();
    await expect.poll(() => rows(root)).toEqual(first);
  });

  it('filters by source from the select', async () => {
    const { root } = await mount();
    const select = root.querySelector('select')!;
    select.value = 'builtin';
    select.dispatchEvent(new Event('change'));
    await expect
      .poll(() => [...root.querySelectorAll('tbody tr td:nth-child(4)')].map((td) => td.textContent))
      .toSatisfy((sources: string[]) => sources.length > 0 && sources.every((s) => s === 'builtin'));
    expect(mock.controller.requestsOf('listFunctionInstances').at(-1)!.params.source).toBe('builtin');
  });

  it('shows API errors to the user', async () => {
    worker.use(mock.mock.error('Instance.NotExist', { message: 'instance not exist.' }));
    const { root } = await mount();
    const alert = root.querySelector('[role="alert"]') as HTMLElement;
    expect(alert.hidden).toBe(false);
    expect(alert.textContent).toContain('Error Instance.NotExist');
    expect(alert.textContent).toContain('instance not exist.');
  });

  it('sends signed requests with the STS token from the provider', async () => {
    await mount();
    const headers = mock.controller.requests.at(-1)!.headers;
    expect(headers['x-acs-security-token']).toBe('sts-token');
    expect(headers.authorization).toMatch(/^ACS3-HMAC-SHA256 Credential=sts-test,/);
  });
});
