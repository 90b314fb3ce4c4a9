const utf8 = new TextDecoder();

/** A string reply as text: clients answer with strings, Buffers or Uint8Arrays. */
export function replyText(reply: unknown): string | null {
  if (reply === null || reply === undefined) return null;
  if (typeof reply === 'string') return reply;
  if (reply instanceof Uint8Array) return utf8.decode(reply);
  throw new TypeError(`Unexpected reply of type ${typeof reply} from the cache client`);
}
