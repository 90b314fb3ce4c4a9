import type { IncomingMessage } from 'node:http';
import { encodeBody } from '../rules/bodyEncoding.js';
import type { CapturedResponse } from '../types/frontEnd.js';

/**
 * Every value of a request header, one per field line: `headersDistinct` keeps repeated lines
 * apart, where `headers` would join them with ", ".
 */
export function nodeHeaderValues(request: IncomingMessage): (name: string) => string[] {
  return (name) => {
    const lower = name.toLowerCase();
    const values = request.headersDistinct?.[lower];
    if (values) return [...values];
    const joined = request.headers[lower];
    return joined === undefined ? [] : [joined].flat();
  };
}

/** The path of a request URL, without its query string. */
export function pathOf(url: string | undefined): string {
  const path = (url ?? '').split('?', 1)[0] ?? '';
  return path === '' ? '/' : path;
}

/** A response a Node server sent: its status, headers, and a body in one piece, or `streamed`. */
export interface NodeResponse {
  statusCode: number;
  /** As `getHeaders()` of Node and Fastify give them: lowercased names, numbers for some values. */
  headers: Record<string, string | number | readonly string[] | undefined>;
  body: string | Uint8Array | null | undefined | 'streamed';
}

/** A Node server's response as the rules read it. */
export function readNodeResponse({ statusCode, headers, body }: NodeResponse): CapturedResponse {
  if (body === 'streamed') return { kind: 'notStored', statusCode, reason: 'streamed' };
  const normalized: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    normalized[name] = Array.isArray(value) ? value.map(String) : [String(value)];
  }
  const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : (body ?? new Uint8Array(0));
  return { kind: 'response', statusCode, headers: normalized, ...encodeBody(bytes) };
}
