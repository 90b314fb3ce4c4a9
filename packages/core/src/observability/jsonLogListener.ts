import { assertKnownOptions, optionNames } from '../config/knownOptions.js';
import type { IdempotencyEvent, IdempotencyEventListener } from '../types/events.js';

/** Options of jsonLogListener. */
export interface JsonLogListenerOptions {
  /** Where each line goes. @default console.log (what Lambda sends to CloudWatch Logs) */
  write?: (line: string) => void;
  /** Event types to log. @default every type */
  types?: ReadonlyArray<IdempotencyEvent['type']>;
}

const listenerOptionNames = optionNames<JsonLogListenerOptions>({ write: true, types: true });

const warningTypes = new Set<IdempotencyEvent['type']>(['storeError', 'claimLost', 'underReplicated', 'responseNotStored']);

/**
 * An `onEvent` listener that writes one JSON line per event: level, source, the event's fields
 * (key and timings, never payloads or responses) and a timestamp. Store errors, lost claims and
 * under-replicated completions and responses not stored are WARN, the rest INFO.
 */
export function jsonLogListener(options: JsonLogListenerOptions = {}): IdempotencyEventListener {
  assertKnownOptions(options, listenerOptionNames, 'jsonLogListener');
  const write = options.write ?? ((line: string) => console.log(line));
  const types = options.types ? new Set(options.types) : undefined;
  return (event) => {
    if (types && !types.has(event.type)) return;
    const { type, ...fields } = event;
    write(
      JSON.stringify({
        level: warningTypes.has(type) ? 'WARN' : 'INFO',
        source: 'idem',
        event: type,
        ...fields,
        timestamp: new Date().toISOString(),
      })
    );
  };
}
