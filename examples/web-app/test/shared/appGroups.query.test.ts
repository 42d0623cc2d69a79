// The app-groups page (src/appGroupsPage.ts) on @acs-opensearch/query, run in jsdom and in a real
// Chromium (Vitest projects): an infinite list over two pages, a create that the list shows at once,
// a delete, and the API's own sentence on a conflict. The data is the mocks': eleven app groups.
import { createOpenSearchClient } from '@acs-opensearch/client';
import { setupOpenSearchMocks } from '@acs-opensearch/mocks';
import { createOpenSearchQueries } from '@acs-opensearch/query';
import { QueryClientProvider } from '@tanstack/react-query';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { createElement as h } from 'react';
import { afterAll, afterEach, expect, it } from 'vitest';
import { AppGroupsPage, createQueryClient } from '../../src/appGroupsPage.js';

const names = Array.from({ length: 11 }, (_, i) => `shop_${String(i + 1).padStart(2, '0')}`);
// Only these app groups exist, each empty: the page's data for every test (reset after each).
const mocks = await setupOpenSearchMocks({ appGroups: Object.fromEntries(names.map((n) => [n, []])) });
afterEach(() => {
  cleanup();
  mocks.reset();
});
afterAll(() => mocks.close());

const client = createOpenSearchClient({ credentials: { accessKeyId: 'test', accessKeySecret: 'test' }, retry: false });
const q = createOpenSearchQueries(client);
const show = () =>
  render(h(QueryClientProvider, { client: createQueryClient() }, h(AppGroupsPage, { q, pageSize: 10 })));
const listed = () => within(screen.getByRole('list', { name: 'app groups' })).queryAllByRole('listitem');

it('lists the eleven app groups over two pages', async () => {
  show();
  await waitFor(() => expect(listed()).toHaveLength(10));
  fireEvent.click(screen.getByRole('button', { name: 'More' }));
  await waitFor(() => expect(listed()).toHaveLength(11));
  expect(screen.queryByRole('button', { name: 'More' })).toBeNull();
});

it('a create shows in the list, with the app’s own notice too', async () => {
  show();
  await waitFor(() => expect(listed()).toHaveLength(10));
  fireEvent.change(screen.getByLabelText(/Name/), { target: { value: 'brand_new' } });
  fireEvent.click(screen.getByRole('button', { name: 'Create' }));
  expect((await screen.findByRole('status')).textContent).toBe('Created brand_new.');
  // The refreshed list: twelve groups now, the new one on the second page.
  fireEvent.click(await screen.findByRole('button', { name: 'More' }));
  await screen.findByRole('button', { name: 'Delete brand_new' });
  await waitFor(() => expect(listed()).toHaveLength(12));
});

it('a delete leaves the list without the group', async () => {
  show();
  await screen.findByRole('button', { name: 'Delete shop_01' });
  fireEvent.click(screen.getByRole('button', { name: 'Delete shop_01' }));
  await waitFor(() => expect(screen.queryByRole('button', { name: 'Delete shop_01' })).toBeNull());
  expect((await screen.findByRole('status')).textContent).toBe('Deleted.');
});

it('a conflict shows the API’s own sentence, not a log line', async () => {
  show();
  await waitFor(() => expect(listed()).toHaveLength(10));
  fireEvent.change(screen.getByLabelText(/Name/), { target: { value: 'shop_01' } });
  fireEvent.click(screen.getByRole('button', { name: 'Create' }));
  const alert = await screen.findByRole('alert');
  expect(alert.textContent).toMatch(/shop_01/);
  expect(alert.textContent).not.toMatch(/HTTP|requestId|POST|\/v4\//);
});
