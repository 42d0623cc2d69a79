// The bundled document (Redocly bundles openapi/ into one file) and the metadata every other output
// is rendered from (packages/openapi-reader).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadReader } from '../lib/reader.mjs';
import { API_NAME, APP_API_NAME, repoRoot } from './shared.mjs';

export function bundleSpec(apiName = API_NAME) {
  const dir = mkdtempSync(join(tmpdir(), 'acs-opensearch-bundle-'));
  try {
    const out = join(dir, 'openapi.json');
    const redocly = join(repoRoot, 'node_modules', '.bin', 'redocly');
    execFileSync(redocly, ['bundle', apiName, '--output', out], {
      cwd: repoRoot,
      stdio: ['ignore', 'ignore', 'pipe'],
      env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
    });
    return JSON.parse(readFileSync(out, 'utf8'));
  } catch (error) {
    const stderr = error.stderr ? String(error.stderr) : '';
    throw new Error(`redocly bundle failed for ${apiName}:\n${stderr || error.message}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The facts the client needs at run time, lifted from the spec so that they cannot drift from it. */
export async function buildMetadata(document) {
  const { operationMetadata } = await loadReader();
  const server = document.servers?.[0];
  const regionVar = server?.variables?.regionId;
  if (!server || !regionVar?.enum?.length) {
    throw new Error('openapi: servers[0] must declare a regionId variable with an enum of regions');
  }
  const operations = Object.fromEntries(operationMetadata(document).map((op) => [op.operationId, op]));
  const errorSchema = document.components?.schemas?.ErrorResponse;
  const errorCodes = (errorSchema?.['x-acs-error-codes'] ?? []).map(({ code, httpStatus }) => ({ code, httpStatus }));
  return {
    apiVersion: document.info.version,
    serverUrlTemplate: server.url,
    regions: regionVar.enum,
    defaultRegionId: regionVar.default,
    operations,
    errorCodes,
  };
}

/** The application API (v3): its bundled document and what the search client needs at run time. */
export async function buildAppApi() {
  const { operationMetadata } = await loadReader();
  const document = bundleSpec(APP_API_NAME);
  const operations = Object.fromEntries(
    operationMetadata(document).map(({ read: _read, ...op }) => [
      op.operationId,
      { ...op, limits: findOperation(document, op.operationId)?.['x-acs-limits'] },
    ]),
  );
  const errorCodes = (document.components?.schemas?.ErrorResponse?.['x-acs-error-codes'] ?? []).map(
    ({ code, httpStatus, description }) => ({ code, httpStatus, description }),
  );
  return { document, meta: { apiVersion: document.info.version, operations, errorCodes } };
}

function findOperation(document, operationId) {
  for (const item of Object.values(document.paths ?? {}))
    for (const op of Object.values(item ?? {})) if (op?.operationId === operationId) return op;
  return undefined;
}
