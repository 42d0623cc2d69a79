// The small run/check helpers the repository's script tests share (test-consumer, test-new-operations):
// run a command and capture its output, and count named checks into one report that exits non-zero
// when any failed.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, symlinkSync } from 'node:fs';
import { dirname, join } from 'node:path';

const quietNpm = { npm_config_fund: 'false', npm_config_audit: 'false', npm_config_update_notifier: 'false' };

/** Runs a command; returns its stdout, or throws with stdout and stderr attached. */
export function run(command, args, cwd, env = {}) {
  return execFileSync(command, args, {
    cwd,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, ...quietNpm, ...env },
  });
}

/** Runs a command; never throws: `{ ok, out }` with everything it printed. */
export function tryRun(command, args, cwd, env = {}) {
  try {
    return { ok: true, out: run(command, args, cwd, env) };
  } catch (error) {
    return { ok: false, out: `${error.stdout ?? ''}${error.stderr ?? ''}${error.message}` };
  }
}

const indent = (text) => String(text).trim().replace(/^/gm, '     ');

/** A report of named checks: `check(ok, name, detail)`, `step(name, fn)`, then `finish()`. */
export function createReport(title) {
  let passed = 0;
  const failures = [];
  const report = {
    check(ok, name, detail = '') {
      if (ok) passed += 1;
      else failures.push(name);
      if (ok) console.log(`ok   ${name}`);
      else console.error(`FAIL ${name}${detail ? `\n${indent(detail)}` : ''}`);
      return ok;
    },
    /** Runs `fn`; what it returns is printed under the check, what it throws fails it. */
    step(name, fn) {
      try {
        const out = fn();
        passed += 1;
        console.log(`ok   ${name}${out ? `\n${indent(out)}` : ''}`);
        return true;
      } catch (error) {
        const detail = [error.stdout, error.stderr, error.message].filter(Boolean).join('\n');
        return report.check(false, name, detail);
      }
    },
    get failed() {
      return failures.length;
    },
    finish() {
      console.log(`${title}: ${passed} passed, ${failures.length} failed`);
      process.exit(failures.length === 0 ? 0 : 1);
    },
  };
  return report;
}

/** A copy of the repository that shares the installed dependencies; workspace links point into the copy. */
export function copyRepository(root, work) {
  const files = run('git', ['ls-files', '-co', '--exclude-standard'], root).split('\n').filter(Boolean);
  for (const file of files) {
    mkdirSync(dirname(join(work, file)), { recursive: true });
    try {
      cpSync(join(root, file), join(work, file));
    } catch {
      // A file listed by git but deleted in the working tree.
    }
  }
  symlinkSync(join(root, 'node_modules'), join(work, 'node_modules'), 'dir');
  // The packages' node_modules hold relative links (../../../client): copied as links, they resolve in the copy.
  for (const pkg of ['client', 'mocks', 'query', 'openapi-reader']) {
    const from = join(root, 'packages', pkg, 'node_modules');
    cpSync(from, join(work, 'packages', pkg, 'node_modules'), {
      recursive: true,
      verbatimSymlinks: true,
      filter: (src) => !/[\\/]\.vite/.test(src.slice(from.length)),
    });
  }
}
