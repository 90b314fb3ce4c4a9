import { decodeBody, encodeBody } from '../rules/bodyEncoding.js';
import type { CapturedResponse, ResponseParts } from '../types/frontEnd.js';

// The statuses whose responses have no body; the Response constructor refuses one for them.
const nullBodyStatuses = new Set([101, 103, 204, 205, 304]);

/** A replay or a problem as a Fetch API `Response`, its body byte for byte. */
export function webResponse(parts: ResponseParts): Response {
  const headers = new Headers();
  for (const [name, values] of Object.entries(parts.headers)) for (const value of values) headers.append(name, value);
  const body = nullBodyStatuses.has(parts.statusCode) ? null : decodeBody(parts);
  return new Response(body, { status: parts.statusCode, headers });
}

/**
 * What a handler's `Response` holds, read from a clone so that the response itself still goes
 * out untouched. A body still being written when the handler returned (a stream fed over time:
 * Server-Sent Events, `hono/streaming`) is streamed; one over `maxBodyBytes` is too large:
 * neither is read to its end, so a streamed response starts at once and memory stays bounded.
 */
export async function readWebResponse(result: unknown, maxBodyBytes: number): Promise<CapturedResponse> {
  if (!isResponse(result)) return { kind: 'none' };
  const statusCode = result.status;
  const headers: Record<string, string[]> = {};
  for (const [name, value] of result.headers) headers[name] = [...(headers[name] ?? []), value];
  if (result.body === null) return { kind: 'response', statusCode, headers, isBase64Encoded: false };
  if (result.bodyUsed) return { kind: 'notStored', statusCode, reason: 'streamed' };

  const body = await readWholeBody(result.clone().body as ReadableStream<Uint8Array>, maxBodyBytes);
  if (body.kind === 'notStored') return { kind: 'notStored', statusCode, reason: body.reason };
  return { kind: 'response', statusCode, headers, ...encodeBody(body.bytes) };
}

type ReadBody = { kind: 'bytes'; bytes: Uint8Array } | { kind: 'notStored'; reason: 'streamed' | 'tooLarge' };

/**
 * Reads a body that is all there: a string, bytes, a Blob or a stream already closed are read in
 * this turn of the event loop; a body still coming when the loop moves on is a stream.
 */
async function readWholeBody(stream: ReadableStream<Uint8Array>, maxBodyBytes: number): Promise<ReadBody> {
  const reader = stream.getReader();
  const turnEnded = nextTurn();
  const chunks: Uint8Array[] = [];
  let size = 0;
  const stop = (reason: 'streamed' | 'tooLarge'): ReadBody => {
    // Not awaited: a cancelled branch of a tee settles only when the other branch (the response
    // the server sends) is done too.
    reader.cancel().catch(() => {});
    return { kind: 'notStored', reason };
  };
  for (;;) {
    const next = await Promise.race([reader.read(), turnEnded]);
    if (next === 'turnEnded') return stop('streamed');
    if (next.done) return { kind: 'bytes', bytes: Buffer.concat(chunks, size) };
    size += next.value.byteLength;
    if (size > maxBodyBytes) return stop('tooLarge');
    chunks.push(next.value);
  }
}

/** Resolves once the event loop has moved on from the current turn (setImmediate where the runtime has it). */
function nextTurn(): Promise<'turnEnded'> {
  return new Promise((resolve) => {
    if (typeof setImmediate === 'function') setImmediate(() => resolve('turnEnded'));
    else setTimeout(() => resolve('turnEnded'), 0);
  });
}

/** Duck-typed: servers such as @hono/node-server put a Response class of their own in place of the global one. */
function isResponse(value: unknown): value is Response {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as Response).status === 'number' &&
    typeof (value as Response).clone === 'function' &&
    typeof (value as Response).headers?.get === 'function'
  );
}
