import type { AttributeValue } from '@aws-sdk/client-dynamodb';

/**
 * The size DynamoDB counts against its item limit, for items of string and number attributes:
 * each attribute's name in UTF-8 bytes, plus a string's UTF-8 bytes, or for a number one byte
 * per two significant digits plus one.
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
  throw new TypeError(`itemSizeBytes counts only S and N attributes, got ${Object.keys(value).join(', ')}`);
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
