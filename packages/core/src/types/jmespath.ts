import type { JSONValue } from './json.js';

/** The JMESPath type names a custom function argument may accept. */
export type JmesPathArgumentType =
  | 'any'
  | 'string'
  | 'number'
  | 'boolean'
  | 'array'
  | 'object'
  | 'null'
  | 'array-string'
  | 'array-number'
  | 'array-object'
  | 'array-array';

/** A custom JMESPath function, called as `name(arg1, arg2, ...)` in an expression. */
export interface JmesPathFunction {
  /**
   * Accepted types per argument position; the function is called only with arguments that
   * match. `[['string'], ['number', 'null']]` takes a string and a number or null.
   */
  signature: ReadonlyArray<ReadonlyArray<JmesPathArgumentType>>;
  /** The last signature entry may repeat (`join`-like functions). @default false */
  variadic?: boolean;
  /** The implementation; it receives the resolved arguments in order. */
  fn: (...args: JSONValue[]) => JSONValue;
}

/**
 * Custom JMESPath functions by name. The built-ins `powertools_json`, `powertools_base64` and
 * `powertools_base64_gzip` are always available and cannot be replaced.
 */
export type Functions = Readonly<Record<string, JmesPathFunction>>;

/** A JMESPath expression compiled once; `search` runs it against a value. */
export interface CompiledExpression {
  /** The expression as written. */
  readonly source: string;
  search(value: unknown): unknown;
}
