import { demo } from '../../../examples/middy/demo.js';

describe('examples/middy', () => {
  it('charges the card once: the retry replays the first response and another amount is refused', async () => {
    const { responses, charges } = await demo();
    expect(charges).toBe(1);
    expect(responses[0]).toEqual({ statusCode: 201, body: JSON.stringify({ chargeId: 'ch_1', orderId: 'o-42', amount: 1999 }) });
    expect(responses[1]).toEqual(responses[0]);
    expect(responses[2]).toMatch(/^IdempotencyValidationError: /);
  });
});
