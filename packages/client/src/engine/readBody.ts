// Reads a response body as text, at most `maxBytes` of it, counted on the decoded (decompressed)
// bytes while they stream, so a compression bomb stops after the cap, not after the download. A
// transport with a reader of its own (`read`: node:http) reads under the same rules itself.
import type { TransportResponse } from '../shared/transport.js';

/** Thrown when a body passes the cap; the engine turns it into ServerError ResponseTooLarge. */
export class BodyTooLarge extends Error {
  constructor(readonly maxBytes: number) {
    super(`the response body is larger than ${maxBytes} bytes`);
  }
}

/** Reads the body, or throws BodyTooLarge. Returns a promise either way; the common case costs no extra hop. */
export function readBody(response: TransportResponse, maxBytes: number): Promise<string> {
  if (response.read) return response.read(maxBytes);
  const length = response.headers.get('content-length');
  const declared = length === null ? Number.NaN : Number(length);
  if (declared > maxBytes) {
    return (response.body?.cancel() ?? Promise.resolve())
      .catch(() => {})
      .then(() => {
        throw new BodyTooLarge(maxBytes);
      });
  }
  // Fast path: an uncompressed body whose length is known and within the cap.
  if (Number.isSafeInteger(declared) && !response.headers.has('content-encoding')) return response.text!();
  return readCapped(response as Response, maxBytes);
}

async function readCapped(response: Response, maxBytes: number): Promise<string> {
  const body = response.body;
  if (!body) return '';
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let received = 0;
  let text = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    received += value.byteLength;
    if (received > maxBytes) {
      await reader.cancel().catch(() => {});
      throw new BodyTooLarge(maxBytes);
    }
    text += decoder.decode(value, { stream: true });
  }
  return text + decoder.decode();
}
