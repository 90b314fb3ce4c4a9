import { describePersistenceContract } from '@idem/contract';
import { CustomPersistenceLayer } from './support/seedSampleLayer.js';
import { violations } from './support/violations.js';

// A store written as Powertools' "Custom Persistence Layer" sample shows: four primitives, no
// owner token, no _extendRecord. The suite sees that it cannot renew claims; fencing it must be
// told about, and says so in one message when it is not.

const ownership = [
  "a completion by a caller that lost its claim does not clobber the new owner's record",
  "a release by a caller that lost its claim does not delete the new owner's record",
];

describe('the seed sample store under the default options', () => {
  it('fails only the ownership guarantees, each saying what fencing protects, what every primitive must do and which option declares the gap', async () => {
    const found = await violations(() => new CustomPersistenceLayer());
    expect([...found.keys()]).toEqual(ownership);
    for (const violation of found.values()) {
      expect(violation.message).toContain("The store keeps no owner token: the claim's ownerToken reads back as undefined.");
      expect(violation.message).toContain('from touching the record of the caller that claimed the key after it');
      expect(violation.message).toContain(
        'Every primitive uses record.ownerToken: _putRecord stores it with the claim; _updateRecord writes only if the stored ownerToken is record.ownerToken, else throws claimLostError(record); _deleteRecord deletes only if it is, else does nothing.'
      );
      expect(violation.message).toMatch(
        /declares it with supportsOwnership: false, and the ownership guarantees are reported as todo\.$/
      );
    }
    expect(found.get(ownership[0]!)?.primitive).toBe('_updateRecord');
    expect(found.get(ownership[1]!)?.primitive).toBe('_deleteRecord');
  });
});

// With the one option for what the suite cannot see, the sample passes: its gaps are todos.
describePersistenceContract('the seed sample, its missing fencing declared', () => new CustomPersistenceLayer(), {
  supportsOwnership: false,
});
