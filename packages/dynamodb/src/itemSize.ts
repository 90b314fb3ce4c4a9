import type { AttributeValue } from '@aws-sdk/client-dynamodb';

/**
 * The size DynamoDB counts against its item limit, for the attribute types the layer writes:
 * each attribute's name in UTF-8 bytes, plus a string's UTF-8 bytes, a number's one byte per two
 * significant digits plus one, one byte for a boolean or null, and for a map or a list 3 bytes
 * plus each element's size (a map element's name included) and 1 byte per element.
 */
export function itemSizeBytes(item: Record<string, AttributeValue>): number {
  let size = 0;
  for (const [name, value] of Object.entries(item)) {
    size += Buffer.byteLength(name, 'utf8') + valueSizeBytes(value);
  }
  return size;
}

function valueSizeBytes(value: AttributeValue): number {
  if (value.S !== undefined) return Buffer.byteLength(value.S, 'utf8');
  if (value.N !== undefined) return numberSizeBytes(value.N);
  if (value.BOOL !== undefined || value.NULL !== undefined) return 1;
  if (value.L !== undefined) return value.L.reduce((size, element) => size + valueSizeBytes(element) + 1, 3);
  if (value.M !== undefined) return itemSizeBytes(value.M) + Object.keys(value.M).length + 3;
  throw new TypeError(`itemSizeBytes counts only S, N, BOOL, NULL, L and M attributes, got ${Object.keys(value).join(', ')}`);
}

function numberSizeBytes(text: string): number {
  const digits = text
    .replace(/^[-+]/, '')
    .replace(/[eE].*$/, '')
    .replace('.', '')
    .replace(/^0+/, '')
    .replace(/0+$/, '');
  return Math.ceil(Math.max(digits.length, 1) / 2) + 1;
}
