import {
  compile,
  TreeInterpreter,
  TYPE_ANY,
  TYPE_ARRAY,
  TYPE_ARRAY_ARRAY,
  TYPE_ARRAY_NUMBER,
  TYPE_ARRAY_OBJECT,
  TYPE_ARRAY_STRING,
  TYPE_BOOLEAN,
  TYPE_NULL,
  TYPE_NUMBER,
  TYPE_OBJECT,
  TYPE_STRING,
} from '@jmespath-community/jmespath';
import { IdempotencyConfigurationError } from '../errors.js';
import type { CompiledExpression, Functions, JmesPathArgumentType, JmesPathFunction } from '../types/jmespath.js';
import type { JSONValue } from '../types/json.js';
import { fieldPathOf, readFieldPath } from './fieldPath.js';
import { powertoolsFunctions } from './powertoolsFunctions.js';

type Interpreter = typeof TreeInterpreter;
type InterpreterClass = new () => Interpreter;

const argumentTypes: Record<JmesPathArgumentType, number> = {
  any: TYPE_ANY,
  string: TYPE_STRING,
  number: TYPE_NUMBER,
  boolean: TYPE_BOOLEAN,
  array: TYPE_ARRAY,
  object: TYPE_OBJECT,
  null: TYPE_NULL,
  'array-string': TYPE_ARRAY_STRING,
  'array-number': TYPE_ARRAY_NUMBER,
  'array-object': TYPE_ARRAY_OBJECT,
  'array-array': TYPE_ARRAY_ARRAY,
};

/**
 * A JMESPath interpreter of one config's own: its custom functions are registered on this
 * interpreter's function table, never on the library's global one, so they do not leak into
 * other configs.
 */
export class JmesPathEngine {
  private readonly interpreter: Interpreter;

  constructor(customFunctions: Functions = {}, optionName = 'jmesPathOptions') {
    // The library exports its default interpreter instance; its class builds a fresh function table.
    this.interpreter = new (TreeInterpreter.constructor as InterpreterClass)();
    for (const [name, definition] of Object.entries(powertoolsFunctions)) this.register(name, definition, optionName);
    for (const [name, definition] of Object.entries(customFunctions)) {
      if (name in powertoolsFunctions) {
        throw new IdempotencyConfigurationError(`${optionName}: the built-in function ${name} cannot be replaced`);
      }
      this.register(name, definition, optionName);
    }
  }

  /** Compiles an expression; a syntax error names the option it came from. */
  public compile(expression: string, optionName: string): CompiledExpression {
    let ast: ReturnType<typeof compile>;
    try {
      ast = compile(expression);
    } catch (error) {
      throw new IdempotencyConfigurationError(
        `${optionName}: invalid JMESPath expression ${JSON.stringify(expression)}: ${(error as Error).message}`,
        { cause: error }
      );
    }
    const interpreter = this.interpreter;
    const fieldPath = fieldPathOf(ast);
    return {
      source: expression,
      search: fieldPath ? (value) => readFieldPath(fieldPath, value) : (value) => interpreter.search(ast, value as JSONValue),
    };
  }

  private register(name: string, definition: JmesPathFunction, optionName: string): void {
    const argumentSpecs: ReadonlyArray<ReadonlyArray<JmesPathArgumentType>> = definition?.signature;
    if (typeof definition?.fn !== 'function' || !Array.isArray(argumentSpecs)) {
      throw new IdempotencyConfigurationError(`${optionName}.${name}: expected { signature, fn }`);
    }
    const signature = argumentSpecs.map((types: ReadonlyArray<JmesPathArgumentType>, index: number) => ({
      types: types.map((type) => {
        const code = argumentTypes[type];
        if (code === undefined) {
          throw new IdempotencyConfigurationError(`${optionName}.${name}: unknown argument type ${JSON.stringify(type)}`);
        }
        return code;
      }),
      ...(definition.variadic && index === argumentSpecs.length - 1 ? { variadic: true } : {}),
    }));
    const fn = definition.fn;
    const result = this.interpreter.runtime.register(name, (args) => fn(...(args as JSONValue[])), signature);
    if (!result.success) {
      throw new IdempotencyConfigurationError(`${optionName}.${name}: ${result.message}`);
    }
  }
}
