import { httpDefaults } from '@idem/http';
import { parseIdempotencyKey } from '../src/rules/parseIdempotencyKey.js';

const rules = {
  minKeyLength: httpDefaults.minKeyLength,
  maxKeyLength: httpDefaults.maxKeyLength,
  keyPattern: httpDefaults.keyPattern,
};
const parse = (...values: string[]) => parseIdempotencyKey(values, rules);

describe('reading the Idempotency-Key field', () => {
  it.each([
    ['"8e03978e-40d5-43e8-bc93-6894a57f9324"', '8e03978e-40d5-43e8-bc93-6894a57f9324'],
    ['8e03978e-40d5-43e8-bc93-6894a57f9324', '8e03978e-40d5-43e8-bc93-6894a57f9324'],
    [' \t"clkyoesmbgybucifusbbtdsbohtyuuwz"\t ', 'clkyoesmbgybucifusbbtdsbohtyuuwz'],
  ])('%j is the key %j', (field, key) => {
    expect(parse(field)).toEqual({ kind: 'present', key });
  });

  it('unescapes an sf-string, then holds the key to keyPattern, whose default excludes quotes', () => {
    expect(parseIdempotencyKey(['"a\\"b\\\\c"'], { ...rules, keyPattern: /^[\x20-\x7e]+$/ })).toEqual({
      kind: 'present',
      key: 'a"b\\c',
    });
    expect(parse('"a\\"b"')).toEqual({ kind: 'invalid', reason: 'the key holds characters that are not allowed' });
  });

  it('no field is a missing key', () => {
    expect(parse()).toEqual({ kind: 'missing' });
  });

  it.each([
    [['a', 'b'], /more than one/],
    [['"a", "b"'], /more than one/],
    [['a, b'], /more than one/],
    [['"a" "b"'], /more than one quoted string/],
    [['"a'], /no closing quote/],
    [['"a\\b"'], /invalid escape/],
    [['"a\u0007b"'], /printable ASCII/],
    [['a"b'], /unbalanced quote/],
    [[''], /empty/],
    [['""'], /1 to 255 characters long, got 0/],
  ])('%j is invalid (%s)', (values, reason) => {
    const parsed = parseIdempotencyKey(values, rules);
    expect(parsed.kind).toBe('invalid');
    expect(parsed.kind === 'invalid' && parsed.reason).toMatch(reason);
  });
});
