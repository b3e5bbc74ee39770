import fc from 'fast-check';
import type { KitBook } from '../../../shared/domain/kit.js';
import type { PolicyConfig } from '../../../shared/policy/policy.js';
import { policyConfigArb } from '../../support/engine-model/building-blocks.js';
import { resetCoverage, untaken } from '../../support/engine-model/coverage.js';
import { kitBooksArb, kitTriggerArb } from '../../support/engine-model/kit-triggers.js';
import { Step } from '../../support/engine-model/step.js';
import { newModel, newReal, TENANTS } from '../../support/engine-model/world.js';

/**
 * The engine model (engine.model.test.ts) in worlds with kits (DESIGN §14): each tenant has one or
 * two kits, possibly nested, over the model's SKUs, and orders mix kit lines with plain ones. Beside
 * every check of the engine model, after every step each kit line is allocated in whole kits and its
 * components add up per kit; intake matches the model's own whole-kit prediction; a receipt serves
 * kit lines kit by kit and leaves no kit a waiting order could take; a take-back gives back whole
 * kits. Every shortage policy; intake, receipts, adjustments both ways, serves, release, hold,
 * unhold, cancel, channel cancel, fulfilment, dispatch, inbound supply, ticks and policy changes
 * and split-delay expiry (not yet: manual allocation and split, channel updates and changes).
 */
const run = (
  configs: PolicyConfig[],
  kits: Record<string, KitBook>,
  steps: Iterable<fc.Command<never, never>>,
) => {
  const policies = Object.fromEntries(TENANTS.map((tenant, index) => [tenant, configs[index] ?? {}]));
  fc.modelRun(() => ({ model: newModel(policies, kits), real: newReal() }), steps as never);
};

describe('allocation engine with kits, model-based', () => {
  beforeEach(resetCoverage);

  it('allocates kit lines in whole kits, as the model predicts, over random sequences', () => {
    const configs = fc.tuple(...TENANTS.map(() => policyConfigArb));
    const steps = fc.commands([kitTriggerArb.map((trigger) => new Step(trigger))], {
      maxCommands: 50,
      size: '+1',
    });
    fc.assert(fc.property(configs, kitBooksArb, steps, run), { numRuns: 500 });
    expect(
      untaken([
        'intake: accepted',
        'receipt: accepted',
        'adjustment: accepted',
        'fulfilment: accepted',
        'dispatch: accepted',
        'intake: split',
        'kit line kept',
        'kit line allocated',
        'kit line served by a receipt',
      ]),
    ).toEqual([]);
  });
});
