import type { IdempotencyStore } from '@idem/core';
import type { ContractCheck } from './ContractCheck.js';
import { ContractConfigurationError, UncheckableGuaranteeError } from './ContractViolation.js';
import { persistenceContractChecks } from './checks/index.js';
import { resolveContractOptions } from './defaults.js';
import type { LayerFactory, PersistenceContractOptions, ResolvedContractOptions } from './options.js';
import { type RegistrationView, viewAtRegistration } from './registrationView.js';
import { capabilitiesOf, runResolvedCheck } from './runContractCheck.js';
import { reportNotCheckedAtRunTime, resolveRunner } from './runner.js';

/**
 * Registers the whole persistence contract in the test runner: one test per guarantee, each
 * against a fresh layer from `factory`. A guarantee the store cannot be checked for is reported
 * as a todo that says why, never as a pass.
 *
 * What the store lacks is known when the suite registers its tests, from the options and from
 * one layer the factory makes then, if it can (see `viewAtRegistration`). A gap the suite can
 * see only once a test runs (the factory needs a server that starts later) is reported by the
 * running test: as a todo under node:test, as a skip with the reason under Vitest, and, since
 * Jest cannot mark a running test, as a failure that names the option declaring the gap.
 */
export function describePersistenceContract<Layer extends IdempotencyStore>(
  name: string,
  factory: LayerFactory<Layer>,
  options: PersistenceContractOptions<Layer> = {}
): void {
  const resolved = resolveContractOptions(options);
  const { describe, it } = resolveRunner(resolved.runner);
  const view = layerCapabilitiesDeclared(resolved) ? notLooked : viewAtRegistration(factory, resolved);
  const capabilities = capabilitiesOf(resolved);
  describe(`persistence contract: ${name}`, () => {
    for (const check of persistenceContractChecks) {
      const unsupported = check.unsupportedBecause?.(capabilities) ?? missingInView(check, view, resolved);
      if (unsupported) {
        it.todo(notSupported(check, name, unsupported));
        continue;
      }
      it(check.guarantee, async (...testContext) => {
        await view.closed;
        try {
          await runResolvedCheck(check, factory, resolved, { factoryFailedAtRegistration: view.factoryFailed });
        } catch (error) {
          if (!(error instanceof UncheckableGuaranteeError)) throw error;
          const message = notSupported(check, name, error.reason);
          if (reportNotCheckedAtRunTime(testContext[0], message)) return;
          throw new ContractConfigurationError(
            `${message}. The suite saw it only when the test ran, because the factory could not make a layer when the suite was registered, and this runner cannot report a running test as a todo: declare ${error.declaration ?? 'the gap in the options'} and it is registered as a todo`
          );
        }
      });
    }
  });
}

/** What the suite sees when every capability it could look for is declared: it does not call the factory early. */
const notLooked: RegistrationView = { factoryFailed: () => false, closed: Promise.resolve() };

function layerCapabilitiesDeclared<Layer extends IdempotencyStore>(resolved: ResolvedContractOptions<Layer>): boolean {
  return persistenceContractChecks.every((check) => !check.needsOfLayer || resolved[check.needsOfLayer.option] !== undefined);
}

function notSupported(check: ContractCheck, name: string, reason: string): string {
  return `${check.guarantee} — not supported by ${name}: ${reason}`;
}

/** What the layer made at registration lacks for this check, unless an option already said. */
function missingInView<Layer extends IdempotencyStore>(
  check: ContractCheck,
  view: RegistrationView,
  resolved: ResolvedContractOptions<Layer>
): string | undefined {
  const need = check.needsOfLayer;
  if (!need || !view.layer || resolved[need.option] !== undefined) return undefined;
  return need.missingIn(view.layer);
}
