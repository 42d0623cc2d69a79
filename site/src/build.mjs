#!/usr/bin/env node
// `pnpm docs:build`: the API reference site, a static folder (site/dist by default, or --out DIR)
// that opens from disk (file://) or any static server and fetches nothing from elsewhere.
//   index.html          the operations, searchable by action, path, operationId, RAM action or summary
//   reference.html      the spec's reference (Redoc 2, bundled locally): each operation with its RAM
//                       action, request, paging and the code samples the generator put in the bundle
//   <page>.html         the READMEs and the packages' changelogs, as pages
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Marked } from 'marked';
import { escapeHtml, githubSlugger, layout, PAGES, pageForLink } from './pages.mjs';
import { operationIndex, referenceDocument } from './reference.mjs';

const siteRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const repoRoot = resolve(siteRoot, '..');
const require = createRequire(import.meta.url);
const REDOC_LOGO = 'https://cdn.redoc.ly/redoc/logo-mini.svg';

/** One markdown file as the body of a page: headings get GitHub's anchors, links point into the site. */
function renderMarkdown(markdown, fromPath) {
  const slug = githubSlugger();
  const marked = new Marked({
    gfm: true,
    renderer: {
      heading({ tokens, depth }) {
        const html = this.parser.parseInline(tokens);
        const id = slug(html.replace(/<[^>]+>/g, ''));
        return `<h${depth} id="${id}"><a class="anchor" href="#${id}">#</a>${html}</h${depth}>\n`;
      },
      link({ href, title, tokens }) {
        const text = this.parser.parseInline(tokens);
        const target = pageForLink(href, fromPath);
        const external = /^https?:/.test(target);
        return `<a href="${escapeHtml(target)}"${title ? ` title="${escapeHtml(title)}"` : ''}${external ? ' rel="noopener"' : ''}>${text}</a>`;
      },
      // Markers and comments in the READMEs are for the generator, not for readers.
      html({ text }) {
        return text.replace(/<!--[\s\S]*?-->/g, '');
      },
    },
  });
  return marked.parse(markdown.replace(/<!--[\s\S]*?-->/g, ''));
}

/** A Redoc page of one bundled document (loaded as a script: file:// has no fetch). */
function redocPage(file, title, script, global) {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<link rel="stylesheet" href="assets/site.css">
</head>
<body class="reference">
${layout.header(file)}
<div id="redoc"></div>
<script src="assets/${script}"></script>
<script src="assets/redoc.standalone.js"></script>
<script>
Redoc.init(window.${global}, {
  expandResponses: '200',
  pathInMiddlePanel: true,
  hideDownloadButton: true,
  hideRequestPayloadSample: true,
  scrollYOffset: 'header.site',
  theme: { sidebar: { width: '280px' } }
}, document.getElementById('redoc'));
</script>
</body>
</html>
`;
}

export function buildSite(out = join(siteRoot, 'dist')) {
  const spec = JSON.parse(readFileSync(join(repoRoot, 'openapi', 'generated', 'openapi.json'), 'utf8'));
  rmSync(out, { recursive: true, force: true });
  mkdirSync(join(out, 'assets'), { recursive: true });

  // The reference: Redoc's standalone bundle, copied (no CDN), and the spec as a script (file:// has no fetch).
  // Its one outside address, the attribution's logo, becomes a local file.
  const redoc = readFileSync(require.resolve('redoc/bundles/redoc.standalone.js'), 'utf8');
  writeFileSync(join(out, 'assets', 'redoc.standalone.js'), redoc.replaceAll(REDOC_LOGO, 'assets/redoc-logo.svg'));
  copyFileSync(join(siteRoot, 'src', 'redoc-logo.svg'), join(out, 'assets', 'redoc-logo.svg'));
  const documentForDocs = referenceDocument(spec);
  writeFileSync(join(out, 'assets', 'spec.js'), `window.ACS_OPENSEARCH_SPEC = ${JSON.stringify(documentForDocs)};\n`);
  const ops = operationIndex(spec);
  writeFileSync(join(out, 'assets', 'operations.js'), `window.ACS_OPENSEARCH_OPERATIONS = ${JSON.stringify(ops)};\n`);
  copyFileSync(join(siteRoot, 'src', 'site.css'), join(out, 'assets', 'site.css'));
  copyFileSync(join(siteRoot, 'src', 'search.js'), join(out, 'assets', 'search.js'));
  writeFileSync(
    join(out, 'reference.html'),
    redocPage('reference.html', `API reference · ${spec.info.title}`, 'spec.js', 'ACS_OPENSEARCH_SPEC'),
  );

  // The application API (v3: search, push, suggest): its own document, on a page of its own.
  const app = JSON.parse(readFileSync(join(repoRoot, 'openapi', 'generated', 'app.json'), 'utf8'));
  writeFileSync(join(out, 'assets', 'app-spec.js'), `window.ACS_OPENSEARCH_APP_SPEC = ${JSON.stringify(app)};\n`);
  writeFileSync(
    join(out, 'search-api.html'),
    redocPage('search-api.html', `Search API · ${app.info.title}`, 'app-spec.js', 'ACS_OPENSEARCH_APP_SPEC'),
  );

  // The home page: what the project is, and the search over every operation.
  const families = [...new Set(ops.map((op) => op.tag))];
  const table = families
    .map((family) => {
      const rows = ops
        .filter((op) => op.tag === family)
        .map(
          (op) =>
            `<tr><td><a href="${escapeHtml(op.href)}">${escapeHtml(op.action)}</a></td><td><code>${op.method} ${escapeHtml(op.path)}</code></td><td><code>${escapeHtml(op.ram)}</code></td><td>${escapeHtml(op.summary)}</td></tr>`,
        )
        .join('\n');
      return `<h3 id="family-${escapeHtml(family.toLowerCase())}">${escapeHtml(family)} (${ops.filter((op) => op.tag === family).length})</h3>
<table><thead><tr><th>action</th><th>request</th><th>RAM action</th><th>summary</th></tr></thead><tbody>
${rows}
</tbody></table>`;
    })
    .join('\n');
  writeFileSync(
    join(out, 'index.html'),
    layout.page({
      file: 'index.html',
      title: spec.info.title,
      body: `<h1>${escapeHtml(spec.info.title)}</h1>
<p>A typed TypeScript client, MSW mocks and TanStack Query options for the Alibaba Cloud OpenSearch API
(${escapeHtml(spec.info.version)}), generated from one hand-written OpenAPI document. ${ops.length} operations;
each has its page in the <a href="reference.html">API reference</a>, with its RAM action, its paging and
code samples for the client, TanStack Query and the mocks. Searching an application and pushing
documents into it go to its own API (v3): see the <a href="search-api.html">Search API</a>.</p>
<form class="search" role="search" action="index.html" onsubmit="return false">
<label for="search">Find an operation by its action, path, RAM action or a word of its summary</label>
<input id="search" name="q" type="search" autocomplete="off" placeholder="ListAppGroups, /functions, quota …">
</form>
<p id="search-status" aria-live="polite"></p>
<ul id="search-results"></ul>
<h2 id="operations">Every operation</h2>
${table}
<script src="assets/operations.js"></script>
<script src="assets/search.js"></script>`,
    }),
  );

  // The READMEs and changelogs, as pages.
  const changelogs = PAGES.filter((p) => p.file.startsWith('changelog-'));
  const changelogLinks = `<p class="changelogs">Changelogs: ${changelogs
    .map((p) => `<a href="${p.file}">${escapeHtml(p.title.replace('Changelog: ', ''))}</a>`)
    .join(' · ')}</p>`;
  for (const page of PAGES) {
    const markdown = readFileSync(join(repoRoot, page.source), 'utf8');
    const lead = changelogs.includes(page) ? changelogLinks : '';
    writeFileSync(
      join(out, page.file),
      layout.page({ file: page.file, title: page.title, body: lead + renderMarkdown(markdown, page.source) }),
    );
  }
  return { out, operations: ops.length, pages: PAGES.length + 2 };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const i = process.argv.indexOf('--out');
  const result = buildSite(i > 0 ? resolve(process.argv[i + 1]) : undefined);
  console.log(
    `docs: ${result.pages} pages and ${result.operations} operations in ${result.out}\n` +
      `open ${join(result.out, 'index.html')} in a browser (no server needed)`,
  );
}
