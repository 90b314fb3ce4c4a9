import { assertKnownOptions } from './config/knownOptions.js';
import { functionKeyPrefix } from './engine/keySchemes.js';
import { functionOptionNames, type IdempotentFunction, makeIdempotent } from './makeIdempotent.js';
import type { AnyFunction, ItempotentFunctionOptions } from './types/functions.js';

type LegacyDescriptor = { value?: unknown };

/**
 * Makes a class method idempotent. Works as a TypeScript 5 standard decorator and as a legacy
 * `experimentalDecorators` one. The default key prefix names the class and the method, so two
 * classes with a method of the same name do not share records.
 */
// biome-ignore lint/suspicious/noExplicitAny: Powertools' signature: any parameter list
export function idempotent<Args extends Array<any> = Array<any>>(options: ItempotentFunctionOptions<Args>) {
  assertKnownOptions(options, functionOptionNames, '@idempotent');
  // Overloads are expressed by inspecting the arguments: standard decorators receive a context
  // object, legacy ones receive (prototype, name, descriptor).
  // biome-ignore lint/suspicious/noExplicitAny: a decorator's result is the method, descriptor or class it decorates
  return function decorate(target: unknown, contextOrName: unknown, descriptor?: LegacyDescriptor): any {
    if (isMethodContext(contextOrName)) {
      return wrapPerClass(target as AnyFunction, String(contextOrName.name), options);
    }
    if (descriptor && typeof descriptor.value === 'function') {
      // A static method's target is the class itself; an instance method's is its prototype.
      const owner = typeof target === 'function' ? target : (target as { constructor?: AnyFunction })?.constructor;
      const className = owner?.name ?? '';
      descriptor.value = makeIdempotent(
        descriptor.value as AnyFunction,
        {
          ...options,
          keyPrefix: functionKeyPrefix(options.persistenceStore, options.keyPrefix, `${className}.${String(contextOrName)}`),
        } as ItempotentFunctionOptions<Args>
      );
      return descriptor;
    }
    throw new TypeError('@idempotent decorates class methods only');
  };
}

/** The standard decorator does not know the class up front: it is read from `this` on the first call. */
// biome-ignore lint/suspicious/noExplicitAny: the method's parameters are not known to the decorator
function wrapPerClass(method: AnyFunction, methodName: string, options: ItempotentFunctionOptions<any>) {
  const wrappers = new Map<string, IdempotentFunction<AnyFunction>>();
  return function idempotentMethod(this: unknown, ...args: unknown[]) {
    const owner = typeof this === 'function' ? this : (this as { constructor?: AnyFunction })?.constructor;
    const className = owner?.name ?? '';
    let wrapped = wrappers.get(className);
    if (!wrapped) {
      wrapped = makeIdempotent(method, {
        ...options,
        keyPrefix: functionKeyPrefix(options.persistenceStore, options.keyPrefix, `${className}.${methodName}`),
      });
      wrappers.set(className, wrapped);
    }
    return wrapped.apply(this, args);
  };
}

function isMethodContext(value: unknown): value is ClassMethodDecoratorContext {
  return typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'method';
}
