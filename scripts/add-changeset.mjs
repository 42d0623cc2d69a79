#!/usr/bin/env node
// Adds a changeset with no prompt, for scripts, editors and terminals alike:
//
//   pnpm changeset:add <patch|minor|major> "<what users gain>" [--packages client,mocks,query] [--name <file>]
//
// It writes .changeset/<name>.md in the format `pnpm changeset` writes, naming the packages (all
// three by default: they are versioned together) with the bump. It fails, with a message and exit
// code 2, when it cannot write one: an unknown bump or package, an empty summary, a name taken.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const BUMPS = ['patch', 'minor', 'major'];

/** The publishable packages, by short name (`client`) and full name. */
function packagesOf(root) {
  const config = JSON.parse(readFileSync(join(root, '.changeset', 'config.json'), 'utf8'));
  const names = [...new Set((config.fixed ?? []).flat())];
  return new Map(names.map((name) => [name.replace(/^@[^/]+\//, ''), name]));
}

/** A file name from the summary's first words: `data-source-operations`. */
export function slugOf(summary) {
  const words = summary
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .split(' ')
    .filter(Boolean)
    .slice(0, 6);
  return words.join('-') || 'change';
}

/** Parses the arguments; throws an Error whose message says what is wrong. */
export function parseArgs(argv, known) {
  const positional = [];
  const options = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--packages' || arg === '--name') {
      if (argv[i + 1] === undefined) throw new Error(`${arg} needs a value`);
      options[arg.slice(2)] = argv[++i];
    } else if (arg.startsWith('--packages=') || arg.startsWith('--name=')) {
      const [key, ...rest] = arg.slice(2).split('=');
      options[key] = rest.join('=');
    } else if (arg.startsWith('--')) throw new Error(`unknown option ${arg}`);
    else positional.push(arg);
  }
  const [bump, ...words] = positional;
  if (!BUMPS.includes(bump))
    throw new Error(`the bump must be one of ${BUMPS.join(', ')}; got ${JSON.stringify(bump ?? '')}`);
  const summary = words.join(' ').trim();
  if (!summary) throw new Error('say what users gain: the summary is empty');
  const wanted = options.packages
    ? options.packages
        .split(',')
        .map((p) => p.trim())
        .filter(Boolean)
    : [...known.keys()];
  const packages = wanted.map((p) => {
    const full = known.get(p.replace(/^@acs-opensearch\//, ''));
    if (!full) throw new Error(`unknown package ${JSON.stringify(p)}: one of ${[...known.keys()].join(', ')}`);
    return full;
  });
  if (packages.length === 0) throw new Error('name at least one package');
  const name = options.name ?? slugOf(summary);
  if (!/^[a-z0-9][a-z0-9-]*$/.test(name))
    throw new Error(`the name must be lower-case words joined by -; got ${JSON.stringify(name)}`);
  return { bump, summary, packages: [...new Set(packages)], name };
}

/** The changeset's text, as `changeset add` writes it. */
export function changesetText({ bump, summary, packages }) {
  return `---\n${packages.map((p) => `"${p}": ${bump}`).join('\n')}\n---\n\n${summary}\n`;
}

/** Writes the changeset under root; returns its path. */
export function addChangeset(root, argv) {
  const args = parseArgs(argv, packagesOf(root));
  const file = join(root, '.changeset', `${args.name}.md`);
  if (existsSync(file)) throw new Error(`.changeset/${args.name}.md exists: pass another --name`);
  writeFileSync(file, changesetText(args), { flag: 'wx' });
  return file;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const root = fileURLToPath(new URL('..', import.meta.url));
  try {
    const file = addChangeset(root, process.argv.slice(2));
    console.log(`wrote ${file.slice(root.length)}`);
  } catch (error) {
    console.error(`changeset:add: ${error.message}`);
    console.error(
      'usage: pnpm changeset:add <patch|minor|major> "<what users gain>" [--packages client,mocks,query] [--name <file>]',
    );
    process.exit(2);
  }
}
