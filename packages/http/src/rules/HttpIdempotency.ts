import {
  IdempotencyAlreadyInProgressError,
  type IdempotencyLifecycle,
  type IdempotencyRecordInterface,
  IdempotencyValidationError,
  isLambdaContext,
  type LifecycleStart,
} from '@idem/core';
import type { CapturedResponse, HttpAdapter, HttpRequest } from '../types/frontEnd.js';
import type { HttpIdempotencyOptions } from '../types/options.js';
import { encodedBodyBytes } from './bodyEncoding.js';
import { fingerprint } from './fingerprint.js';
import { parseIdempotencyKey } from './parseIdempotencyKey.js';
import { type Problem, problemResponse, problems } from './problem.js';
import { type ResolvedHttpOptions, resolveHttpOptions } from './resolveOptions.js';
import { reportNotStored } from './responseNotStored.js';
import { replayParts, toStoredResponse } from './storedResponse.js';

/** A request that holds its key: run the handler, then `complete` or `release`. */
export interface HttpClaim<Request extends HttpRequest = HttpRequest> {
  claim: IdempotencyRecordInterface;
  request: Request;
}

/**
 * What `begin` decided for a request: `bypass` (another method, or no key where none is
 * required), `replay` of the stored response, `respond` with a problem, or `claimed`.
 */
export type HttpStart<Response, Request extends HttpRequest = HttpRequest> = LifecycleStart<Response, HttpClaim<Request>>;

/**
 * The Idempotency-Key rules over core's engine, as the lifecycle every HTTP front end drives,
 * whatever its framework: the adapter translates the framework's request and response, and this
 * class decides everything else (methods, keys, scope, fingerprint, problems, what is stored and
 * replayed). The engine sees each request as `{ scope, fingerprint }`: its key is the hash of the
 * method, path, caller and Idempotency-Key together, and its validation hash is the fingerprint's.
 */
export class HttpIdempotency<Input, Response, Request extends HttpRequest = HttpRequest>
  implements IdempotencyLifecycle<Input, unknown, Response, HttpClaim<Request>>
{
  private readonly options: ResolvedHttpOptions;

  /** Checks the options (throws `IdempotencyConfigurationError`); `defaultKeyPrefix` applies when they give none. */
  constructor(
    options: HttpIdempotencyOptions<Input>,
    private readonly adapter: HttpAdapter<Input, Response, Request>,
    defaultKeyPrefix: string
  ) {
    this.options = resolveHttpOptions(options, { keyPrefix: defaultKeyPrefix, callerIdentity: adapter.defaultCallerIdentity });
  }

  public async begin(input: Input, lambdaContext?: unknown): Promise<HttpStart<Response, Request>> {
    const { options } = this;
    const request = this.adapter.readRequest(input);
    if (!options.methods.has(request.method)) return { kind: 'bypass' };

    const parsed = parseIdempotencyKey(request.headerValues(options.keyHeader), options);
    if (parsed.kind === 'missing') {
      return options.requireKey ? this.problem(request, problems.missing(options.keyHeader)) : { kind: 'bypass' };
    }
    if (parsed.kind === 'invalid') return this.problem(request, problems.invalid(options.keyHeader, parsed.reason));

    const caller = (await options.callerIdentity(input)) || undefined;
    const payload = {
      scope: { method: request.method, path: request.path, caller: caller ?? 'anonymous', key: parsed.key },
      fingerprint: fingerprint(await request.readBody(), options.fingerprintSelection),
    };
    try {
      const start = await options.engine.begin(payload, isLambdaContext(lambdaContext) ? lambdaContext : undefined);
      if (start.kind === 'bypass') return start;
      if (start.kind === 'replay')
        return { kind: 'replay', response: this.adapter.respond(replayParts(start.response), request) };
      return { kind: 'claimed', claim: { claim: start.claim, request } };
    } catch (error) {
      if (error instanceof IdempotencyValidationError) return this.problem(request, problems.reused(options.keyHeader));
      if (error instanceof IdempotencyAlreadyInProgressError) {
        return this.problem(request, problems.inProgress(options.keyHeader, options.retryAfterSeconds));
      }
      throw error;
    }
  }

  /**
   * Stores the handler's response when the policy calls it final and the front end saw it
   * whole; otherwise frees the key. A failure is thrown or reported, as the adapter says.
   */
  public async complete(claimed: HttpClaim<Request>, result: unknown): Promise<void> {
    try {
      await this.store(claimed, result);
    } catch (error) {
      if (this.adapter.storeFailureAfterHandler === 'throw') throw error;
      reportNotStored(this.options.onEvent, claimed.claim.idempotencyKey, 'error', error);
    }
  }

  /** Frees the key after the handler threw, so the client can retry. */
  public async release(claimed: HttpClaim<Request>): Promise<void> {
    await this.options.engine.release(claimed.claim);
  }

  private async store(claimed: HttpClaim<Request>, result: unknown): Promise<void> {
    const { engine, maxStoredBodyBytes } = this.options;
    let captured: CapturedResponse;
    let final: boolean;
    try {
      captured = await this.adapter.readResponse(result, claimed.request, maxStoredBodyBytes);
      if (captured.kind === 'response' && encodedBodyBytes(captured) > maxStoredBodyBytes) {
        captured = { kind: 'notStored', statusCode: captured.statusCode, reason: 'tooLarge' };
      }
      final = captured.kind !== 'none' && this.options.shouldStore(captured.statusCode) === true;
    } catch (error) {
      // A policy or a response reader that throws must not leave the key blocked until the claim lapses.
      await engine.release(claimed.claim);
      throw error;
    }
    if (final && captured.kind === 'response') {
      await engine.complete(claimed.claim, toStoredResponse(captured, this.options.replayHeaders));
      return;
    }
    await engine.release(claimed.claim);
    // Only a final outcome that could not be kept loses idempotency: that is worth a warning.
    if (final && captured.kind === 'notStored') {
      reportNotStored(this.options.onEvent, claimed.claim.idempotencyKey, captured.reason);
    }
  }

  private problem(request: Request, problem: Problem): HttpStart<Response, Request> {
    return { kind: 'respond', response: this.adapter.respond(problemResponse(problem, this.options.problemTypeUri), request) };
  }
}
