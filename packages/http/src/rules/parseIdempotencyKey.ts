/** The rules a key must follow, from the options. */
export interface KeyRules {
  minKeyLength: number;
  maxKeyLength: number;
  keyPattern: RegExp;
}

/** What the `Idempotency-Key` field lines of a request hold. */
export type ParsedKey = { kind: 'missing' } | { kind: 'invalid'; reason: string } | { kind: 'present'; key: string };

/**
 * Reads the key from the field's values. The draft makes the field an RFC 8941 sf-string
 * (`"8e03978e-..."`); a bare value (`8e03978e-...`), as Stripe's clients send, is accepted too
 * and is the same key. More than one field line, or a list, is refused (draft section 2.1).
 */
export function parseIdempotencyKey(values: readonly string[], rules: KeyRules): ParsedKey {
  if (values.length === 0) return { kind: 'missing' };
  if (values.length > 1) return { kind: 'invalid', reason: 'more than one Idempotency-Key field was sent' };
  const field = trimWhitespace(values[0] ?? '');
  if (field === '') return { kind: 'invalid', reason: 'the Idempotency-Key field is empty' };

  const item = field.startsWith('"') ? readQuoted(field) : readBare(field);
  if ('reason' in item) return { kind: 'invalid', reason: item.reason };
  const key = item.key;
  if (key.length < rules.minKeyLength || key.length > rules.maxKeyLength) {
    return {
      kind: 'invalid',
      reason: `the key must be ${rules.minKeyLength} to ${rules.maxKeyLength} characters long, got ${key.length}`,
    };
  }
  if (!rules.keyPattern.test(key)) return { kind: 'invalid', reason: 'the key holds characters that are not allowed' };
  return { kind: 'present', key };
}

/** An sf-string: printable ASCII between quotes, where only `\"` and `\\` are escapes (RFC 8941 3.3.3). */
function readQuoted(field: string): { key: string } | { reason: string } {
  let key = '';
  for (let i = 1; i < field.length; i++) {
    const char = field[i] as string;
    if (char === '\\') {
      const next = field[i + 1];
      if (next !== '"' && next !== '\\') return { reason: 'the quoted key holds an invalid escape' };
      key += next;
      i++;
    } else if (char === '"') {
      const rest = trimWhitespace(field.slice(i + 1));
      if (rest === '') return { key };
      if (rest.startsWith(',')) return { reason: 'more than one Idempotency-Key was sent' };
      return { reason: 'the Idempotency-Key field holds more than one quoted string' };
    } else {
      const code = char.charCodeAt(0);
      if (code < 0x20 || code > 0x7e) return { reason: 'the quoted key holds a character outside printable ASCII' };
      key += char;
    }
  }
  return { reason: 'the quoted key has no closing quote' };
}

/**
 * A bare value. A comma there is how API Gateway HTTP APIs and Function URLs join repeated field
 * lines, so it means more than one key was sent.
 */
function readBare(field: string): { key: string } | { reason: string } {
  if (field.includes(',')) return { reason: 'more than one Idempotency-Key was sent' };
  if (field.includes('"')) return { reason: 'the key has an unbalanced quote' };
  return { key: field };
}

/** Optional whitespace around a field value is space and tab only (RFC 9110 5.6.3). */
function trimWhitespace(value: string): string {
  return value.replace(/^[ \t]+|[ \t]+$/g, '');
}
