import { jsonLogListener } from '@idem/core';
import type { IdempotencyEvent, IdempotencyEventListener } from '@idem/core/types';

type ResponseNotStored = Extract<IdempotencyEvent, { type: 'responseNotStored' }>;

let warnLine: IdempotencyEventListener | undefined;

/**
 * Tells that a final response was not stored, so its key will run again: to the `onEvent`
 * listener, or without one as a JSON line on `console.warn`. A listener that throws changes
 * nothing, as in core.
 */
export function reportNotStored(
  onEvent: IdempotencyEventListener | undefined,
  idempotencyKey: string,
  reason: ResponseNotStored['reason'],
  error?: unknown
): void {
  const event: ResponseNotStored = { type: 'responseNotStored', idempotencyKey, reason };
  if (error !== undefined) event.errorName = (error as Error)?.name ?? 'Error';
  warnLine ??= jsonLogListener({ write: (line) => console.warn(line) });
  try {
    (onEvent ?? warnLine)(event);
  } catch {
    // A failing listener must not change the outcome of the request it observes.
  }
}
