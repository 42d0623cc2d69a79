// Reads a response body as text, at most `maxBytes` of it, counted on the decoded (decompressed)
// bytes while they stream, so a compression bomb stops after the cap, not after the download.

/** Thrown when a body passes the cap; the engine turns it into ServerError ResponseTooLarge. */
export class BodyTooLarge extends Error {
  constructor(readonly maxBytes: number) {
    super(`the response body is larger than ${maxBytes} bytes`);
  }
}

export async function readBody(response: Response, maxBytes: number): Promise<string> {
  const length = response.headers.get('content-length');
  const declared = length === null ? Number.NaN : Number(length);
  if (declared > maxBytes) {
    await response.body?.cancel().catch(() => {});
    throw new BodyTooLarge(maxBytes);
  }
  // Fast path: an uncompressed body whose length is known and within the cap.
  if (Number.isSafeInteger(declared) && !response.headers.has('content-encoding')) return response.text();
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
