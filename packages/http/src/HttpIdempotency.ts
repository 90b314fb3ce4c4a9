import {
  IdempotencyAlreadyInProgressError,
  type IdempotencyLifecycle,
  type IdempotencyRecordInterface,
  IdempotencyValidationError,
  isLambdaContext,
  type LifecycleStart,
} from '@idem/core';
import { fingerprint } from './request/fingerprint.js';
import { parseIdempotencyKey } from './request/parseIdempotencyKey.js';
import { type HttpRequest, readRequest } from './request/readRequest.js';
import { type ResolvedHttpOptions, resolveHttpOptions } from './resolveOptions.js';
import { type Problem, problemResponse, problems } from './response/problem.js';
import { replayResponse, toStoredResponse } from './response/storedResponse.js';
import type { HttpResponse } from './types/http.js';
import type { HttpIdempotencyOptions } from './types/options.js';

/** A request that holds its key: run the handler, then `complete` or `release`. */
export interface HttpClaim {
  claim: IdempotencyRecordInterface;
  request: HttpRequest;
}

/**
 * What `begin` decided for a request: `bypass` (another method, or no key where none is
 * required), `replay` of the stored response, `respond` with a problem, or `claimed`.
 */
export type HttpStart = LifecycleStart<HttpResponse, HttpClaim>;

/**
 * The HTTP rules over core's engine, as the lifecycle every HTTP front end drives. The engine
 * sees each request as `{ scope, fingerprint }`: its key is the hash of the method, path, caller
 * and Idempotency-Key together, and its validation hash is the fingerprint's.
 */
export class HttpIdempotency implements IdempotencyLifecycle<unknown, unknown, HttpResponse, HttpClaim> {
  private readonly options: ResolvedHttpOptions;

  /** Checks the options (throws `IdempotencyConfigurationError`); `defaultKeyPrefix` applies when they give none. */
  constructor(options: HttpIdempotencyOptions, defaultKeyPrefix: string) {
    this.options = resolveHttpOptions(options, defaultKeyPrefix);
  }

  public async begin(event: unknown, lambdaContext?: unknown): Promise<HttpStart> {
    const { options } = this;
    const request = readRequest(event);
    if (!options.methods.has(request.method)) return { kind: 'bypass' };

    const parsed = parseIdempotencyKey(request.headerValues(options.keyHeader), options);
    if (parsed.kind === 'missing') {
      return options.requireKey ? this.problem(request, problems.missing(options.keyHeader)) : { kind: 'bypass' };
    }
    if (parsed.kind === 'invalid') return this.problem(request, problems.invalid(options.keyHeader, parsed.reason));

    const caller = (await options.callerIdentity(event)) || undefined;
    const payload = {
      scope: { method: request.method, path: request.path, caller: caller ?? 'anonymous', key: parsed.key },
      fingerprint: fingerprint(request, options.fingerprintSelection),
    };
    try {
      const start = await options.engine.begin(payload, isLambdaContext(lambdaContext) ? lambdaContext : undefined);
      if (start.kind === 'bypass') return start;
      if (start.kind === 'replay') return { kind: 'replay', response: replayResponse(start.response, request) };
      return { kind: 'claimed', claim: { claim: start.claim, request } };
    } catch (error) {
      if (error instanceof IdempotencyValidationError) return this.problem(request, problems.reused(options.keyHeader));
      if (error instanceof IdempotencyAlreadyInProgressError) {
        return this.problem(request, problems.inProgress(options.keyHeader, options.retryAfterSeconds));
      }
      throw error;
    }
  }

  /** Stores the handler's response when the policy calls it final; otherwise frees the key. */
  public async complete(claimed: HttpClaim, result: unknown): Promise<void> {
    let final: boolean;
    const stored = toStoredResponse(result, claimed.request, this.options.replayHeaders);
    try {
      final = stored !== undefined && this.options.shouldStore(stored.statusCode) === true;
    } catch (error) {
      // A policy that throws must not leave the key blocked until the claim lapses.
      await this.options.engine.release(claimed.claim);
      throw error;
    }
    if (final && stored) await this.options.engine.complete(claimed.claim, stored);
    else await this.options.engine.release(claimed.claim);
  }

  /** Frees the key after the handler threw, so the client can retry. */
  public async release(claimed: HttpClaim): Promise<void> {
    await this.options.engine.release(claimed.claim);
  }

  private problem(request: HttpRequest, problem: Problem): HttpStart {
    return { kind: 'respond', response: problemResponse(request, problem, this.options.problemTypeUri) };
  }
}
