import type { OutgoingHttpHeaders, ServerResponse } from 'node:http';
import type { NodeResponse } from '../node/nodeMessages.js';

type Method<Name extends 'writeHead' | 'write' | 'end'> = ServerResponse[Name];

/**
 * Watches what a route sends through `res`, and changes nothing of it. A body sent in one `end`
 * (`res.send`, `res.json`, `res.end`) is captured whole, and that `end` goes through once
 * `settle` has stored it, so a client that has its response finds it stored if it retries. A body
 * written in pieces (`res.write`, a piped stream, `res.sendFile`) is streamed: it is settled at the
 * first piece and flows on untouched. The wrappers stay in place for the rest of the response,
 * so a middleware that wrapped `res` after this one is never unwrapped.
 */
export function captureResponse(res: ServerResponse, settle: (response: NodeResponse) => Promise<void>): void {
  const writeHead = res.writeHead;
  const write = res.write;
  const end = res.end;
  // writeHead(status, headers) sends headers that res.getHeaders() may never show.
  const headHeaders: OutgoingHttpHeaders = {};
  let state: 'open' | 'streamed' | 'ending' | 'done' = 'open';
  let ending: Promise<void> = Promise.resolve();
  // Calls made while the captured end waits for the store go out after it, in their order.
  const afterEnding = <T>(send: () => T): T | ServerResponse => {
    if (state !== 'ending') return send();
    ending = ending.then(() => void send());
    return res;
  };

  res.writeHead = function capturedWriteHead(this: ServerResponse, ...args: unknown[]) {
    if (state === 'open') recordHeaders(args, headHeaders);
    return afterEnding(() => (writeHead as (...a: unknown[]) => ServerResponse).apply(res, args));
  } as Method<'writeHead'>;

  res.write = function capturedWrite(this: ServerResponse, ...args: unknown[]) {
    if (state === 'open') {
      state = 'streamed';
      void settle({ statusCode: res.statusCode, headers: { ...res.getHeaders(), ...headHeaders }, body: 'streamed' });
    }
    return afterEnding(() => (write as (...a: unknown[]) => boolean).apply(res, args)) as boolean;
  } as Method<'write'>;

  res.end = function capturedEnd(this: ServerResponse, ...args: unknown[]) {
    if (state !== 'open')
      return afterEnding(() => (end as (...a: unknown[]) => ServerResponse).apply(res, args)) as ServerResponse;
    state = 'ending';
    const captured: NodeResponse = {
      statusCode: res.statusCode,
      headers: { ...res.getHeaders(), ...headHeaders },
      body: endChunk(args),
    };
    // settle never rejects (servers report store failures), and the response goes out whatever happens.
    ending = settle(captured)
      .catch(() => {})
      .then(() => {
        state = 'done';
        (end as (...a: unknown[]) => ServerResponse).apply(res, args);
      });
    return res;
  } as Method<'end'>;
}

/** The body of `end(chunk?, encoding?, callback?)`. */
function endChunk(args: unknown[]): Uint8Array | undefined {
  const [chunk, encoding] = args;
  if (typeof chunk === 'string') return Buffer.from(chunk, typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8');
  if (chunk instanceof Uint8Array) return chunk;
  return undefined;
}

/** The headers of `writeHead(status, message?, headers?)`, as an object or a flat or nested list. */
function recordHeaders(args: unknown[], into: OutgoingHttpHeaders): void {
  const headers = typeof args[1] === 'string' ? args[2] : args[1];
  if (Array.isArray(headers)) {
    const pairs: unknown[][] = Array.isArray(headers[0])
      ? (headers as unknown[][])
      : Array.from({ length: headers.length / 2 }, (_, i) => [headers[2 * i], headers[2 * i + 1]]);
    for (const [name, value] of pairs) add(into, String(name), value);
  } else if (typeof headers === 'object' && headers !== null) {
    for (const [name, value] of Object.entries(headers)) add(into, name, value);
  }
}

function add(into: OutgoingHttpHeaders, name: string, value: unknown): void {
  const lower = name.toLowerCase();
  const values = [into[lower] ?? []].flat().map(String);
  into[lower] = [...values, ...[value].flat().map(String)];
}
