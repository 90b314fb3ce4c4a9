import type { JSONValue } from '@idem/core';

/** Nested `depth` levels deep; DynamoDB maps allow 32, so the suite stays well under. */
function nested(depth: number): JSONValue {
  let value: JSONValue = { leaf: true };
  for (let level = depth; level > 0; level--) value = { level, child: value, siblings: [level, `${level}`] };
  return value;
}

/**
 * Responses a function may return, each a shape some store once got wrong: falsy values read
 * back as absent, strings re-encoded, numbers narrowed, empty containers dropped.
 */
export const jsonShapes: ReadonlyArray<{ name: string; value: JSONValue | undefined }> = [
  { name: 'undefined (no data)', value: undefined },
  { name: 'null', value: null },
  { name: 'false', value: false },
  { name: 'true', value: true },
  { name: 'zero', value: 0 },
  { name: 'a negative fraction', value: -1234.5678 },
  { name: 'the largest safe integer', value: Number.MAX_SAFE_INTEGER },
  { name: 'an empty string', value: '' },
  { name: 'a string that looks like JSON', value: '{"not":"an object"}' },
  { name: 'a string of escapes', value: 'quote " backslash \\ newline \n tab \t nul \u0000 end' },
  { name: 'unicode with astral characters', value: 'café ∑ 日本語 עברית 😀 𝄞 👩‍👩‍👧' },
  { name: 'an empty object', value: {} },
  { name: 'an empty array', value: [] },
  { name: 'an object of every scalar', value: { s: 'x', n: 0, f: false, z: null, e: '', a: [], o: {} } },
  { name: 'a nested object', value: nested(20) },
  { name: 'an array of mixed values', value: [0, '', false, null, { a: [1, { b: 'c' }] }, ['😀']] },
  { name: 'a large array', value: Array.from({ length: 10_000 }, (_, index) => index) },
];

/** A response of at least `bytes` bytes of JSON, varied so no store can compress it to nothing. */
export function largeResponse(bytes: number): JSONValue {
  const items: JSONValue[] = [];
  let size = 0;
  for (let index = 0; size < bytes; index++) {
    const item = { index, text: `item ${index} ✓ ${index.toString(36).repeat(8)}`, flag: index % 2 === 0 };
    size += Buffer.byteLength(JSON.stringify(item)) + 1;
    items.push(item);
  }
  return { items };
}
