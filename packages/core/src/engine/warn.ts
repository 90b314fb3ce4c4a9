/**
 * Writes one structured warning line. It names the key and never the payload or response, which
 * may hold personal data.
 */
export function warn(message: string, idempotencyKey: string, error?: unknown): void {
  console.warn(
    JSON.stringify({
      level: 'WARN',
      source: 'idem',
      message,
      idempotencyKey,
      ...(error === undefined ? {} : { error: (error as Error)?.name ?? String(error) }),
    })
  );
}
