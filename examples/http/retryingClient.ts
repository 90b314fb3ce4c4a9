// How a client should retry a POST under an Idempotency-Key: same key on every attempt,
// exponential backoff with jitter, Retry-After respected, and a new key only for a new operation.

export interface HttpAnswer {
  statusCode: number;
  headers?: Record<string, string>;
  body?: string;
}

export interface RetryOptions {
  /** Attempts in all, the first included. */
  maxAttempts: number;
  /** Delay before the second attempt; doubled each time, with full jitter. */
  baseDelayMs: number;
  /** Ceiling of any one wait. */
  maxDelayMs: number;
}

/** Statuses worth retrying with the same key: in progress, rate limited, or a server failure. */
const retryable = (status: number) => status === 409 || status === 429 || status >= 500;

/**
 * Sends one operation until it gets a final answer. `send` is called with the same key every
 * time: that is what makes the retry safe. A network error (the response was lost) is retried
 * like a 5xx; the server replays the first outcome if it got that far.
 */
export async function sendIdempotently(
  send: (idempotencyKey: string) => Promise<HttpAnswer>,
  options: RetryOptions,
  idempotencyKey: string = crypto.randomUUID()
): Promise<{ answer: HttpAnswer; attempts: number }> {
  for (let attempt = 1; ; attempt++) {
    let answer: HttpAnswer | undefined;
    try {
      answer = await send(idempotencyKey);
      if (!retryable(answer.statusCode) || attempt === options.maxAttempts) return { answer, attempts: attempt };
    } catch (error) {
      if (attempt === options.maxAttempts) throw error;
    }
    await sleep(delayBefore(attempt + 1, answer, options));
  }
}

function delayBefore(attempt: number, answer: HttpAnswer | undefined, options: RetryOptions): number {
  const retryAfter = Number(answer?.headers?.['Retry-After'] ?? answer?.headers?.['retry-after']);
  if (Number.isFinite(retryAfter) && retryAfter >= 0) return Math.min(retryAfter * 1000, options.maxDelayMs);
  const ceiling = Math.min(options.baseDelayMs * 2 ** (attempt - 2), options.maxDelayMs);
  return Math.random() * ceiling;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
