import { IdempotencyAlreadyInProgressError, IdempotencyValidationError, isLambdaContext } from '@idem/core';
import type { IdempotencyRecord } from '@idem/core';
import { fingerprint } from './request/fingerprint.js';
import { parseIdempotencyKey } from './request/parseIdempotencyKey.js';
import { readRequest, type HttpRequest } from './request/readRequest.js';
import { problemResponse, problems, type Problem } from './response/problem.js';
import { replayResponse, toStoredResponse } from './response/storedResponse.js';
import { resolveHttpOptions, type ResolvedHttpOptions } from './resolveOptions.js';
import type { HttpResponse } from './types/http.js';
import type { HttpIdempotencyOptions } from './types/options.js';

/** A request that holds its key: run the handler, then `finish` or `release`. */
export interface HttpClaim {
  claim: IdempotencyRecord;
  request: HttpRequest;
}

/** What `begin` decided for a request. */
export type HttpStart =
  /** Not an idempotent request (another method, or no key where none is required): run the handler. */
  | { kind: 'pass' }
  /** Answer with `response` without running the handler: a replay or a problem. */
  | { kind: 'respond'; response: HttpResponse }
  /** This request holds the key: run the handler. */
  | ({ kind: 'claimed' } & HttpClaim);

/**
 * The HTTP rules over core's state machine, in the steps the wrapper and the middleware share.
 * The engine sees each request as `{ scope, fingerprint }`: its key is the hash of the method,
 * path, caller and Idempotency-Key together, and its validation hash is the fingerprint's.
 */
export class HttpIdempotency {
  private readonly options: ResolvedHttpOptions;

  /** Checks the options (throws `IdempotencyConfigurationError`); `defaultKeyPrefix` applies when they give none. */
  constructor(options: HttpIdempotencyOptions, defaultKeyPrefix: string) {
    this.options = resolveHttpOptions(options, defaultKeyPrefix);
  }

  public async begin(event: unknown, lambdaContext?: unknown): Promise<HttpStart> {
    const { options } = this;
    const request = readRequest(event);
    if (!options.methods.has(request.method)) return { kind: 'pass' };

    const parsed = parseIdempotencyKey(request.headerValues(options.keyHeader), options);
    if (parsed.kind === 'missing') {
      return options.requireKey ? this.problem(request, problems.missing(options.keyHeader)) : { kind: 'pass' };
    }
    if (parsed.kind === 'invalid') return this.problem(request, problems.invalid(options.keyHeader, parsed.reason));

    const caller = (await options.callerIdentity(event)) || undefined;
    const payload = {
      scope: { method: request.method, path: request.path, caller: caller ?? 'anonymous', key: parsed.key },
      fingerprint: fingerprint(request, options.fingerprintSelection),
    };
    try {
      const start = await options.handler.begin(payload, isLambdaContext(lambdaContext) ? lambdaContext : undefined);
      if (start.kind === 'bypass') return { kind: 'pass' };
      if (start.kind === 'replay') return { kind: 'respond', response: replayResponse(start.response, request) };
      return { kind: 'claimed', claim: start.claim, request };
    } catch (error) {
      if (error instanceof IdempotencyValidationError) return this.problem(request, problems.reused(options.keyHeader));
      if (error instanceof IdempotencyAlreadyInProgressError) {
        return this.problem(request, problems.inProgress(options.keyHeader, options.retryAfterSeconds));
      }
      throw error;
    }
  }

  /** Stores the handler's response when the policy calls it final; otherwise frees the key. */
  public async finish(claimed: HttpClaim, result: unknown): Promise<void> {
    let final: boolean;
    const stored = toStoredResponse(result, claimed.request, this.options.replayHeaders);
    try {
      final = stored !== undefined && this.options.shouldStore(stored.statusCode) === true;
    } catch (error) {
      // A policy that throws must not leave the key blocked until the claim lapses.
      await this.options.handler.release(claimed.claim);
      throw error;
    }
    if (final && stored) await this.options.handler.complete(claimed.claim, stored);
    else await this.options.handler.release(claimed.claim);
  }

  /** Frees the key after the handler threw, so the client can retry. */
  public async release(claimed: HttpClaim): Promise<void> {
    await this.options.handler.release(claimed.claim);
  }

  private problem(request: HttpRequest, problem: Problem): HttpStart {
    return { kind: 'respond', response: problemResponse(request, problem, this.options.problemTypeUri) };
  }
}

