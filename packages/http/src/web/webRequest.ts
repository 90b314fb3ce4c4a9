import type { HttpRequest } from '../types/frontEnd.js';

/**
 * A Fetch API `Request` as the rules read it. `Headers` joins repeated field lines with ", ",
 * which the key parser reads as more than one key. `readBody` is the front end's: a clone, so
 * that the handler still reads the body.
 */
export function webRequest(request: Request, readBody: () => Promise<Uint8Array>): HttpRequest {
  return {
    method: request.method.toUpperCase(),
    path: new URL(request.url).pathname,
    headerValues: (name) => {
      const value = request.headers.get(name);
      return value === null ? [] : [value];
    },
    readBody,
  };
}

/** The body of a request the handler will read too: read from a clone, which leaves the request's own body unread. */
export async function cloneBody(request: Request): Promise<Uint8Array> {
  if (request.body === null) return new Uint8Array(0);
  return new Uint8Array(await request.clone().arrayBuffer());
}
