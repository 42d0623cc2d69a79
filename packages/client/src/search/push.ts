// push(table, commands): commands split into requests within the limits (planBatches), sent in order,
// paced when asked, each request's outcome reported. A command too large for any request, or an
// empty push, is refused before anything is sent.
import { ValidationError } from '../errors/errors.js';
import type { PushBatchReport, PushCommand, PushLimits, PushOptions, PushReport, PushResponse } from './types.js';

const encoder = new TextEncoder();

/** One request of a push: its commands, the JSON body and its size in bytes. */
export interface Batch {
  commands: PushCommand[];
  body: string;
  bytes: number;
}

/** Splits commands into batches within the limits, in order; a command that cannot fit alone is refused up front. */
export function planBatches(commands: readonly PushCommand[], maxBytes: number, maxDocuments: number): Batch[] {
  const batches: Batch[] = [];
  let parts: string[] = [];
  let current: PushCommand[] = [];
  let size = 2; // the brackets
  const close = () => {
    if (current.length === 0) return;
    const body = `[${parts.join(',')}]`;
    batches.push({ commands: current, body, bytes: encoder.encode(body).length });
    current = [];
    parts = [];
    size = 2;
  };
  commands.forEach((command, i) => {
    const text = JSON.stringify(command);
    const bytes = encoder.encode(text).length;
    if (bytes + 2 > maxBytes)
      throw new ValidationError(
        `commands[${i}]`,
        `command ${i} is ${bytes} bytes, over the ${maxBytes}-byte request limit`,
      );
    const added = current.length === 0 ? bytes : bytes + 1; // a comma before all but the first
    if (current.length >= maxDocuments || size + added > maxBytes) close();
    size += current.length === 0 ? bytes : bytes + 1;
    current.push(command);
    parts.push(text);
  });
  close();
  return batches;
}

function positive(name: string, value: number | undefined, fallback: number): number {
  const v = value ?? fallback;
  if (!Number.isInteger(v) || v < 1) throw new ValidationError(name, `${name} must be a positive integer`);
  return v;
}

/** The push limits of a client: its options, else the spec's (`x-acs-limits`). */
export function resolvePushLimits(
  given: PushLimits | undefined,
  spec: { maxRequestBytes?: number; maxDocumentsPerRequest?: number },
) {
  const batchesPerSecond = given?.batchesPerSecond ?? 0;
  if (!(batchesPerSecond >= 0))
    throw new ValidationError('push.batchesPerSecond', 'push.batchesPerSecond must be 0 or more');
  return {
    maxBatchBytes: positive('push.maxBatchBytes', given?.maxBatchBytes, spec.maxRequestBytes ?? 2 * 1024 * 1024),
    maxBatchDocuments: positive(
      'push.maxBatchDocuments',
      given?.maxBatchDocuments,
      spec.maxDocumentsPerRequest ?? 1000,
    ),
    batchesPerSecond,
  };
}

const reportOf = (index: number, batch: Batch, ok: boolean, extra: Partial<PushBatchReport> = {}): PushBatchReport => ({
  index,
  commands: batch.commands.length,
  bytes: batch.bytes,
  ok,
  ...extra,
});

/** Sends the batches in order (paced to `batchesPerSecond`), and reports each. */
export async function pushBatches(
  batches: Batch[],
  sendOne: (body: string) => Promise<PushResponse>,
  batchesPerSecond: number,
  options: PushOptions | undefined,
): Promise<PushReport> {
  const report: PushReport = { batches: [], pushed: 0, failed: 0 };
  const gapMs = batchesPerSecond > 0 ? 1000 / batchesPerSecond : 0;
  let last = Number.NEGATIVE_INFINITY;
  let stopped = false;
  for (const [index, batch] of batches.entries()) {
    if (stopped) {
      report.batches.push(
        reportOf(index, batch, false, { error: 'not sent: an earlier request failed (stopOnError)' }),
      );
      report.failed += batch.commands.length;
      continue;
    }
    const wait = last + gapMs - Date.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    last = Date.now();
    try {
      const answer = await sendOne(batch.body);
      report.batches.push(reportOf(index, batch, true, { requestId: answer.request_id }));
      report.pushed += batch.commands.length;
    } catch (error) {
      // The call itself is wrong (a bad table name): nothing was sent, so nothing to report.
      if (error instanceof ValidationError && index === 0) throw error;
      report.batches.push(
        reportOf(index, batch, false, { requestId: (error as { requestId?: string }).requestId, error }),
      );
      report.failed += batch.commands.length;
      if (options?.stopOnError) stopped = true;
    }
  }
  return report;
}
