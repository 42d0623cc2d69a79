// The site's pages besides the reference: which markdown file each is, where a README's link
// points on the site, and the layout every page shares.

const REPOSITORY = 'https://github.com/acs-opensearch/acs-opensearch';

/** The markdown pages, by repository path. */
export const PAGES = [
  { file: 'readme.html', source: 'README.md', title: 'Project README', nav: 'Overview' },
  { file: 'client.html', source: 'packages/client/README.md', title: '@acs-opensearch/client', nav: 'Client' },
  { file: 'mocks.html', source: 'packages/mocks/README.md', title: '@acs-opensearch/mocks', nav: 'Mocks' },
  { file: 'query.html', source: 'packages/query/README.md', title: '@acs-opensearch/query', nav: 'Query' },
  {
    file: 'changelog-client.html',
    source: 'packages/client/CHANGELOG.md',
    title: 'Changelog: @acs-opensearch/client',
    nav: 'Changelogs',
  },
  { file: 'changelog-mocks.html', source: 'packages/mocks/CHANGELOG.md', title: 'Changelog: @acs-opensearch/mocks' },
  { file: 'changelog-query.html', source: 'packages/query/CHANGELOG.md', title: 'Changelog: @acs-opensearch/query' },
];

const byDirectory = new Map(PAGES.map((p) => [p.source.replace(/\/?README\.md$/, ''), p.file]));
const bySource = new Map(PAGES.map((p) => [p.source, p.file]));

const normalize = (path) => {
  const out = [];
  for (const part of path.split('/')) {
    if (part === '..') out.pop();
    else if (part && part !== '.') out.push(part);
  }
  return out.join('/');
};

/**
 * Where a link of the markdown file `fromPath` points on the site: a page of the site for a README
 * or changelog it has (the repository's GitHub address of one too), GitHub for any other file of
 * the repository, and anything else as written.
 */
export function pageForLink(href, fromPath) {
  if (/^(mailto:|#)/.test(href)) return href;
  let repoPath;
  let hash = '';
  const github = href.match(
    /^https:\/\/github\.com\/acs-opensearch\/acs-opensearch\/(?:tree|blob)\/main\/([^#]*)(#.*)?$/,
  );
  if (github) {
    repoPath = github[1].replace(/\/$/, '');
    hash = github[2] ?? '';
  } else if (/^[a-z]+:/i.test(href)) {
    return href;
  } else {
    const [path, h] = href.split('#');
    hash = h ? `#${h}` : '';
    const base = fromPath.split('/').slice(0, -1).join('/');
    repoPath = normalize(`${base}/${path}`);
  }
  if (hash === '#readme') hash = '';
  const page = bySource.get(repoPath) ?? byDirectory.get(repoPath);
  if (page) return `${page}${hash}`;
  return `${REPOSITORY}/${/\.[a-z]+$/i.test(repoPath) ? 'blob' : 'tree'}/main/${repoPath}${hash}`;
}

export const escapeHtml = (text) =>
  String(text).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens, repeats numbered. */
export function githubSlugger() {
  const seen = new Map();
  return (text) => {
    const decoded = text
      .replace(/&amp;/g, '&')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&#39;/g, "'");
    const base = decoded
      .trim()
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\p{M}\s_-]/gu, '')
      .replace(/\s/g, '-');
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    return n === 0 ? base : `${base}-${n}`;
  };
}

const NAV = [
  { file: 'index.html', nav: 'Operations' },
  { file: 'reference.html', nav: 'API reference' },
  { file: 'search-api.html', nav: 'Search API (v3)' },
  ...PAGES.filter((p) => p.nav),
];

export const layout = {
  header(current) {
    const links = NAV.map(
      (p) => `<a href="${p.file}"${p.file === current ? ' aria-current="page"' : ''}>${escapeHtml(p.nav)}</a>`,
    ).join('\n');
    return `<header class="site"><a class="brand" href="index.html">acs-opensearch</a><nav>${links}</nav>
<form class="site-search" role="search" action="index.html"><input name="q" type="search" aria-label="Find an operation" placeholder="Find an operation"></form></header>`;
  },
  page({ file, title, body }) {
    return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} · acs-opensearch</title>
<link rel="stylesheet" href="assets/site.css">
</head>
<body>
${layout.header(file)}
<main>
${body}
</main>
</body>
</html>
`;
  },
};
