// The built site in a real Chromium, opened from disk as a user opens it (file://): the search finds
// an operation by its action, its path and a word of its summary; each operation's page shows its
// RAM action and its TypeScript sample; every internal link resolves; nothing is fetched from
// outside the folder.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findChromium } from '../../scripts/lib/chromium.mjs';
// @ts-expect-error: the build script is plain ESM without declarations
import { buildSite } from '../src/build.mjs';

interface IndexedOperation {
  operationId: string;
  action: string;
  ram: string;
  method: string;
  path: string;
  summary: string;
  href: string;
}

const out = mkdtempSync(join(tmpdir(), 'acs-opensearch-site-'));
const folder = pathToFileURL(`${out}/`).href;
let browser: Browser;
const requested: string[] = [];
let operations: IndexedOperation[] = [];

async function open(file: string): Promise<Page> {
  const page = await browser.newPage();
  page.on('request', (request) => requested.push(request.url()));
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(new URL(file, folder).href);
  (page as Page & { errors?: string[] }).errors = errors;
  return page;
}

/** The reference, rendered: Redoc has drawn every operation. */
async function openReference(hash = '', file = 'reference.html'): Promise<Page> {
  const page = await open(`${file}${hash}`);
  await page.waitForSelector('[id^="tag/"][id*="/operation/"]', { timeout: 60_000 });
  return page;
}

beforeAll(async () => {
  buildSite(out);
  const executablePath = findChromium();
  if (!executablePath) throw new Error('no Chromium: run `pnpm provision:browsers` (or set CHROMIUM_PATH)');
  browser = await chromium.launch({ executablePath, args: ['--no-sandbox', '--allow-file-access-from-files'] });
  const source = readFileSync(join(out, 'assets', 'operations.js'), 'utf8');
  operations = JSON.parse(
    source
      .slice(source.indexOf('=') + 1)
      .trim()
      .replace(/;$/, ''),
  );
});

afterAll(async () => {
  await browser?.close();
  rmSync(out, { recursive: true, force: true });
});

/** Types a query into the home page's search box and returns the results' links. */
async function search(query: string): Promise<{ text: string; href: string }[]> {
  const page = await open('index.html');
  await page.fill('#search', query);
  const results = await page.$$eval('#search-results a', (links) =>
    links.map((a) => ({ text: a.textContent ?? '', href: a.getAttribute('href') ?? '' })),
  );
  await page.close();
  return results;
}

describe('the docs site in Chromium', () => {
  it('the search finds an operation by its action, its path and a word of its summary, and its link opens its page', async () => {
    expect(operations.length).toBeGreaterThan(0);
    // A few operations spread over the spec (the first, the middle, the last).
    const picks = [operations[0], operations[Math.floor(operations.length / 2)], operations.at(-1)].filter(
      (op): op is IndexedOperation => op !== undefined,
    );
    for (const op of picks) {
      const byAction = await search(op.action);
      expect(byAction[0], `searching ${op.action}`).toEqual({ text: op.action, href: op.href });
      const byPath = await search(op.path);
      expect(
        byPath.map((r) => r.href),
        `searching ${op.path}`,
      ).toContain(op.href);
      const word =
        op.summary
          .split(/\s+/)
          .filter((w) => w.length > 3)
          .at(-1) ?? op.summary;
      const bySummary = await search(`${word} ${op.method}`);
      expect(
        bySummary.map((r) => r.href),
        `searching "${word} ${op.method}"`,
      ).toContain(op.href);
    }
    const none = await search('no-such-operation-anywhere');
    expect(none).toEqual([]);

    // Following a result lands on that operation's section of the reference.
    const op = picks[1] as IndexedOperation;
    const page = await open('index.html');
    await page.fill('#search', op.action);
    await page.click(`#search-results a[href="${op.href}"]`);
    await page.waitForSelector(`[id="${op.href.split('#')[1]}"]`, { timeout: 60_000 });
    const section = page.locator(`[id="${op.href.split('#')[1]}"]`);
    await expect.poll(() => section.isVisible()).toBe(true);
    // biome-ignore lint/performance/useDomNodeTextContent: only what is shown counts here
    expect(await section.innerText()).toContain(op.ram);
    await page.close();

    // The header's search box of any page lands on the home page's results.
    const readme = await open('readme.html');
    await readme.fill('header.site input[name=q]', op.action);
    await readme.press('header.site input[name=q]', 'Enter');
    await readme.waitForSelector('#search-results a');
    expect(await readme.$eval('#search-results a', (a) => a.getAttribute('href'))).toBe(op.href);
    await readme.close();
  });

  it("every operation's page shows its RAM action, its request and its TypeScript client sample", async () => {
    const page = await openReference();
    const sections = await page.evaluate((ops) => {
      return ops.map((op) => {
        const id = op.href.split('#')[1] ?? '';
        const element = document.getElementById(id);
        // innerText: what is shown, so the client sample must be the open tab.
        // biome-ignore lint/performance/useDomNodeTextContent: only what is shown counts here
        return { operationId: op.operationId, text: element ? (element as HTMLElement).innerText : null };
      });
    }, operations);
    for (const [i, op] of operations.entries()) {
      const text = sections[i]?.text;
      expect(text, `no section for ${op.operationId}`).not.toBeNull();
      expect(text, op.operationId).toContain(`RAM action:`);
      expect(text, op.operationId).toContain(op.ram);
      expect(text, op.operationId).toContain(op.path);
      // The first sample tab (the client) is shown: the call of the operation's own method.
      expect(text, op.operationId).toContain(`client.${op.operationId}(`);
      expect(text, op.operationId).toContain('TanStack Query');
      expect(text, op.operationId).toContain('Mocks (MSW)');
    }
    expect((page as Page & { errors?: string[] }).errors).toEqual([]);
    await page.close();
  });

  it('the application API (v3) has its page: search, push and suggest, each with its request', async () => {
    const page = await openReference('', 'search-api.html');
    // biome-ignore lint/performance/useDomNodeTextContent: only what is shown counts here
    const text = await page.locator('#redoc').innerText();
    for (const path of [
      '/v3/openapi/apps/{app_name}/search',
      '/v3/openapi/apps/{app_name}/{table_name}/actions/bulk',
      '/v3/openapi/apps/{app_name}/suggest/{suggest_name}/search',
    ])
      expect(text).toContain(path);
    expect(text).toContain('OPENSEARCH <AccessKeyId>:<Signature>');
    await page.close();
  });

  it('every internal link of every page resolves, and nothing is fetched from outside the folder', async () => {
    const files = readdirSync(out).filter((f) => f.endsWith('.html'));
    const ids = new Map<string, Set<string>>();
    const links: { from: string; href: string }[] = [];
    for (const file of files) {
      const page =
        file === 'reference.html' || file === 'search-api.html' ? await openReference('', file) : await open(file);
      const found = await page.evaluate(() => ({
        ids: [...document.querySelectorAll('[id]')].map((e) => e.id),
        links: [...document.querySelectorAll('a[href]')].map((a) => a.getAttribute('href') ?? ''),
      }));
      ids.set(file, new Set(found.ids));
      for (const href of found.links) links.push({ from: file, href });
      expect((page as Page & { errors?: string[] }).errors, file).toEqual([]);
      await page.close();
    }
    const broken: string[] = [];
    let internal = 0;
    for (const { from, href } of links) {
      if (/^(https?:|mailto:)/.test(href)) continue;
      internal += 1;
      const [path, hash] = href.split('#');
      const target = path === '' ? from : ((path ?? '').split('?')[0] ?? '');
      if (!ids.has(target)) {
        broken.push(`${from}: ${href} (no page ${target})`);
        continue;
      }
      if (hash && !ids.get(target)?.has(decodeURIComponent(hash))) broken.push(`${from}: ${href} (no #${hash})`);
    }
    expect(internal).toBeGreaterThan(operations.length);
    expect(broken).toEqual([]);
    const outside = requested.filter((url) => !url.startsWith(folder) && !/^(data|blob):/.test(url));
    expect(requested.length).toBeGreaterThan(0);
    expect(outside).toEqual([]);
  });
});
