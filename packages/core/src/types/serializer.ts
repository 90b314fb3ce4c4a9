import type { JSONValue } from './json.js';

/**
 * Turns a function's result into a JSON value for the store, and back on replay. Supply one
 * when results are not plain JSON (Date, Map, class instances) so replays return what the
 * function returned.
 */
export interface ResponseSerializer<Result = unknown> {
  /** Called once with the function's result before it is stored. */
  serialize(result: Result): JSONValue;
  /** Called with the stored value on every replay. */
  deserialize(stored: JSONValue): Result;
}
