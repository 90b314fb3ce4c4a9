import {
  ContractViolation,
  type LayerFactory,
  type PersistenceContractOptions,
  persistenceContractChecks,
  runContractCheck,
  UncheckableGuaranteeError,
} from '@idem/contract';
import type { IdempotencyStore } from '@idem/core';

/**
 * Runs every check against a store, one after another, and returns the violations by
 * guarantee; guarantees the store cannot be checked for are left out.
 */
export async function violations<Layer extends IdempotencyStore>(
  factory: LayerFactory<Layer>,
  options?: PersistenceContractOptions<Layer>
): Promise<Map<string, ContractViolation>> {
  const found = new Map<string, ContractViolation>();
  for (const check of persistenceContractChecks) {
    await runContractCheck(check, factory, options).catch((error: unknown) => {
      if (error instanceof UncheckableGuaranteeError) return;
      if (!(error instanceof ContractViolation)) throw error;
      found.set(error.guarantee, error);
    });
  }
  return found;
}

/** A runner that records what the suite registers instead of running it, so registration can be read directly. */
export function recordingRunner() {
  const tests = new Map<string, (...testContext: unknown[]) => Promise<void>>();
  const todos: string[] = [];
  const suites: string[] = [];
  const it = Object.assign(
    (name: string, body: (...testContext: unknown[]) => Promise<void>) => {
      tests.set(name, body);
    },
    {
      todo: (name: string) => {
        todos.push(name);
      },
    }
  );
  const describe = (name: string, body: () => void) => {
    suites.push(name);
    body();
  };
  return { runner: { describe, it }, tests, todos, suites };
}
