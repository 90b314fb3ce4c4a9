import {
  IdempotencyConfig as PowertoolsConfig,
  makeIdempotent as powertoolsIdempotent,
} from '@aws-lambda-powertools/idempotency';
import {
  BasePersistenceLayer as PowertoolsBaseLayer,
  type IdempotencyRecord as PowertoolsRecord,
} from '@aws-lambda-powertools/idempotency/persistence';
import { IdempotencyConfig, type IdempotencyConfigOptions, MemoryPersistenceLayer, makeIdempotent } from '@idem/core';
import type { ClaimOptions, KeySchemeName, RequestIdentity } from '@idem/core/types';
import fc from 'fast-check';
import { lambdaContext } from './support/calls.js';

// The keys and validation hashes idem derives in compatibility 'powertools' are the ones the real
// Powertools 2.35 derives, for any JSON payload: both wrappers run on stores that only write down
// what they were asked to claim.

process.env.AWS_LAMBDA_FUNCTION_NAME = 'orders-fn';
// Powertools warns on selections it calls empty (0, false, {a: ''}), which it hashes all the same.
beforeAll(() => jest.spyOn(console, 'warn').mockImplementation(() => undefined));
afterAll(() => jest.restoreAllMocks());

/** A Powertools persistence layer that records each claim and stores nothing. */
class PowertoolsClaims extends PowertoolsBaseLayer {
  public readonly claims: Array<{ key: string; hash: string | undefined }> = [];
  protected async _putRecord(record: PowertoolsRecord): Promise<void> {
    this.claims.push({ key: record.idempotencyKey, hash: record.payloadHash || undefined });
  }
  protected async _getRecord(): Promise<PowertoolsRecord> {
    throw new Error('never read');
  }
  protected async _updateRecord(): Promise<void> {}
  protected async _deleteRecord(): Promise<void> {}
}

/**
 * An idem store that names Powertools' key scheme, as the layers in compatibility do, and records
 * each claim; a fresh one for every call, so equal keys with other payloads never meet.
 */
class IdemClaims extends MemoryPersistenceLayer {
  public readonly keyScheme: KeySchemeName = 'powertools';
  constructor(private readonly claims: Array<{ key: string; hash: string | undefined }>) {
    super();
  }
  public override async claim(identity: RequestIdentity, options: ClaimOptions) {
    this.claims.push({ key: identity.idempotencyKey, hash: identity.payloadHash });
    return super.claim(identity, options);
  }
}

/** The options that mean the same in both libraries. */
type SharedOptions = Pick<
  IdempotencyConfigOptions,
  'eventKeyJmesPath' | 'payloadValidationJmesPath' | 'hashFunction' | 'throwOnNoIdempotencyKey'
>;

/** The claims each library makes for the same calls of a handler with the same config. */
async function claimsOf(options: SharedOptions & { keyPrefix?: string }, events: unknown[]) {
  const { keyPrefix, ...config } = options;
  const powertoolsStore = new PowertoolsClaims();
  const idemClaims: Array<{ key: string; hash: string | undefined }> = [];
  const handler = async (_event: unknown, _context: unknown) => 'done';
  const powertools = powertoolsIdempotent(handler, {
    persistenceStore: powertoolsStore,
    config: new PowertoolsConfig(config),
    keyPrefix,
  });
  const idemConfig = new IdempotencyConfig(config);
  for (const event of events) {
    const idemClaimsBefore = idemClaims.length;
    await makeIdempotent(handler, { persistenceStore: new IdemClaims(idemClaims), config: idemConfig, keyPrefix })(
      event,
      lambdaContext()
    );
    // idem runs a call whose key selection is empty without idempotency; Powertools hashes it.
    if (idemClaims.length > idemClaimsBefore) await powertools(event, lambdaContext());
  }
  return { powertools: powertoolsStore.claims, idem: idemClaims };
}

/** JSON objects with keys that differ in case, look like integers, or are empty. */
const keyText = fc.oneof(fc.string({ maxLength: 6 }), fc.constantFrom('a', 'A', 'b', 'B', '10', '2', '_x', 'Z', 'é', ''));
const json: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.string(),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.integer(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(keyText, tie('value'), { maxKeys: 5 })
  ),
})).value;

describe("idem's keys in compatibility 'powertools' are Powertools' own", () => {
  it('for any JSON event, as the whole payload', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(json, { minLength: 1, maxLength: 5 }), async (events) => {
        const { powertools, idem } = await claimsOf({}, events);
        expect(idem).toEqual(powertools);
      }),
      { numRuns: 200 }
    );
  });

  it('for any JSON selection and validation selection, with sha256 too', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ id: json, body: json }), { minLength: 1, maxLength: 5 }),
        fc.constantFrom('md5', 'sha256'),
        async (events, hashFunction) => {
          const { powertools, idem } = await claimsOf(
            { eventKeyJmesPath: 'id', payloadValidationJmesPath: 'body', hashFunction },
            events
          );
          expect(idem).toEqual(powertools);
        }
      ),
      { numRuns: 200 }
    );
  });

  it.each<[string, SharedOptions, unknown]>([
    ['a field', { eventKeyJmesPath: 'orderId' }, { orderId: 'o-1', amount: 5 }],
    ['a JSON body', { eventKeyJmesPath: 'powertools_json(body).orderId' }, { body: '{"orderId":"o-1","n":[1,2]}' }],
    ['a whole JSON body', { eventKeyJmesPath: 'powertools_json(body)' }, { body: '{"b":1,"A":{"d":2,"c":3}}' }],
    [
      'a multi-select',
      { eventKeyJmesPath: '[user.id, headers."Idempotency-Key"]' },
      { user: { id: 7 }, headers: { 'Idempotency-Key': 'abc' } },
    ],
    ['a base64 field', { eventKeyJmesPath: 'powertools_base64(data)' }, { data: Buffer.from('order o-1').toString('base64') }],
    ['unicode', { eventKeyJmesPath: 'n' }, { n: 'é€😀' }],
  ])('for %s selected by JMESPath', async (_label, config, event) => {
    const { powertools, idem } = await claimsOf(config, [event]);
    expect(idem).toEqual(powertools);
    expect(idem).toHaveLength(1);
  });

  it('with a keyPrefix, which replaces the function name as in Powertools (trimmed)', async () => {
    const { powertools, idem } = await claimsOf({ keyPrefix: ' payments ', eventKeyJmesPath: 'orderId' }, [{ orderId: 'o-1' }]);
    expect(idem).toEqual(powertools);
    expect(idem[0]?.key).toBe('payments#y8vblI3ha/5+SagfkVAKsQ==');
  });
});
