import { IdempotencyConfigurationError } from '../errors.js';
import type { PersistenceCompatibility } from '../types/persistence.js';
import type { KeySchemeName } from '../types/store.js';

const compatibilityModes: ReadonlySet<string> = new Set<PersistenceCompatibility>(['powertools']);

/**
 * The key scheme of a store's `compatibility` option: `'powertools'` for Powertools' keys, unset
 * for idem's own. Any other value fails at construction, naming it, where a typo would otherwise
 * write records that the other library never finds.
 */
export function keySchemeOfCompatibility(compatibility: unknown): KeySchemeName {
  if (compatibility === undefined) return 'idem';
  if (typeof compatibility === 'string' && compatibilityModes.has(compatibility)) return compatibility as KeySchemeName;
  throw new IdempotencyConfigurationError(
    `compatibility: ${JSON.stringify(compatibility) ?? String(compatibility)} is not a compatibility mode; ` +
      `use ${[...compatibilityModes].map((mode) => `'${mode}'`).join(', ')}, or leave it unset for idem's own record format`
  );
}
