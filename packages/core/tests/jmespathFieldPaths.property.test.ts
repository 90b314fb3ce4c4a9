import { IdempotencyConfig } from '@idem/core';
import { search } from '@jmespath-community/jmespath';
import fc from 'fast-check';

// Expressions that only read members are answered without the interpreter (see fieldPath.ts):
// these properties hold that shortcut to the interpreter's answers on every kind of value.
const names = ['body', 'a', 'b', 'toString', 'constructor', '__proto__', 'length', 'x-y', '0'];
const quoted = (name: string) => (/^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? name : JSON.stringify(name));

const leaf = fc.oneof(fc.constant(null), fc.boolean(), fc.integer(), fc.string(), fc.constant(''), fc.constant(0));
const payload = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small' }, leaf, tie('object'), fc.array(tie('value'), { maxLength: 3 })),
  object: fc.dictionary(fc.constantFrom(...names), tie('value'), { maxKeys: 4 }),
})).value;

describe('member-only key expressions', () => {
  it('select what the JMESPath interpreter selects, on any payload', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...names), { minLength: 1, maxLength: 4 }), payload, (path, value) => {
        const expression = path.map(quoted).join('.');
        const config = new IdempotencyConfig({ eventKeyJmesPath: expression });
        expect(config.keyExpression?.search(value)).toStrictEqual(search(value as never, expression));
      }),
      { numRuns: 2000 }
    );
  });

  it.each([
    ['a.b', { a: { b: 0 } }, 0],
    ['a.b', { a: { b: false } }, false],
    ['a.b', { a: [{ b: 1 }] }, null],
    ['a.length', { a: 'text' }, null],
    ['a', { a: undefined }, null],
    ['toString', {}, Object.prototype.toString],
  ])('%s of %j is %p, as the interpreter answers', (expression, value, expected) => {
    const config = new IdempotencyConfig({ eventKeyJmesPath: expression });
    expect(search(value as never, expression)).toStrictEqual(expected);
    expect(config.keyExpression?.search(value)).toStrictEqual(expected);
  });

  it('leave every other expression to the interpreter', () => {
    const config = new IdempotencyConfig({ eventKeyJmesPath: '[a, b[0], c.d]' });
    expect(config.keyExpression?.search({ a: 1, b: [2], c: { d: 3 } })).toStrictEqual([1, 2, 3]);
  });
});
