import type { IdempotencyRecordInterface } from '@idem/core';
import type { ContractCheck } from '../ContractCheck.js';
import { failCheck } from '../ContractViolation.js';
import { ownerKeptOrAbsent } from './fencing.js';
import { ClaimRefused, claimKey, describeRecord, errorName, existingRecordOf, fetchStored } from './support.js';

export const claimIsAtomic: ContractCheck = {
  guarantee: 'claim is atomic',
  operation: 'claim',
  async run(context) {
    const key = context.newKey();
    const count = context.options.parallelClaims;
    const outcomes = await Promise.allSettled(
      Array.from({ length: count }, () => claimKey(context, key, { payloadHash: 'same-payload' }))
    );
    const winners = outcomes.flatMap((outcome) => (outcome.status === 'fulfilled' ? [outcome.value] : []));
    const refusals = outcomes.flatMap((outcome) => (outcome.status === 'rejected' ? [outcome.reason as unknown] : []));
    const [winner] = winners;
    if (winners.length !== 1 || !winner) failCheck(`${count} parallel claims of one key gave ${winners.length} winners`, 'claim');
    const strangeRefusal = refusals.find((refusal) => !(refusal instanceof ClaimRefused));
    if (strangeRefusal !== undefined) {
      failCheck(`a losing claim failed with ${errorName(strangeRefusal)} instead of returning a refusal`, 'claim');
    }

    const seen: IdempotencyRecordInterface[] = [];
    for (const refusal of refusals) seen.push(await existingRecordOf(context, refusal, key, 'a losing claim'));
    const stored = await fetchStored(context, key, 'after the parallel claims');
    for (const record of [...seen, stored]) {
      if (record.getStatus() !== 'INPROGRESS' || !ownerKeptOrAbsent(record, winner)) {
        failCheck(`a loser saw ${describeRecord(record)} instead of the winner's claim ${describeRecord(winner)}`, 'claim');
      }
    }
  },
};
