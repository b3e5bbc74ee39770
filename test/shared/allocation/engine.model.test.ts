import fc from 'fast-check';
import type { PolicyConfig } from '../../../shared/policy/policy.js';
import { policyConfigArb } from '../../support/engine-model/building-blocks.js';
import { COUNTEREXAMPLES } from '../../support/engine-model/counterexamples.js';
import { resetCoverage, untaken } from '../../support/engine-model/coverage.js';
import { queueConfigArb, queueTriggerArb } from '../../support/engine-model/queue-triggers.js';
import { Step } from '../../support/engine-model/step.js';
import type { Trigger } from '../../support/engine-model/trigger-types.js';
import { triggerArb } from '../../support/engine-model/triggers.js';
import { newModel, newReal, TENANTS } from '../../support/engine-model/world.js';

/**
 * Model-based test of the allocation engine. Each step runs one trigger against an in-memory store
 * per tenant, commits the decision and checks it against DESIGN §2–§4 (test/support/engine-model):
 * - refusals: a trigger is refused exactly when the model says so, and a refusal changes nothing;
 * - channel changes (DESIGN §10) delivered out of order, before their order, on split families: the
 *   family ends as the newest change says, or the change is recorded as refused;
 * - every §4 invariant after every step, split families included; only waiting orders are fillable;
 * - a decision reads and writes its own tenant only; history is one new entry per changed order;
 * - rule 3: locked orders change only in a decision about them; repeated idempotent triggers change nothing;
 * - outcomes: intake follows an independent model of `onShortage`; receipts serve in policy order and
 *   leave no stock idle; take-backs start from the lowest priority; each manual act does what it says.
 */
const run = (configs: PolicyConfig[], steps: Iterable<fc.Command<never, never>>) => {
  const policies = Object.fromEntries(TENANTS.map((tenant, index) => [tenant, configs[index] ?? {}]));
  fc.modelRun(() => ({ model: newModel(policies), real: newReal() }), steps as never);
};

const stepsOf = (trigger: fc.Arbitrary<Trigger>, maxCommands: number) =>
  fc.commands([trigger.map((generated) => new Step(generated))], { maxCommands, size: '+1' });

const EVERY_TRIGGER = [
  'intake',
  'receipt',
  'serve',
  'adjustment',
  'allocate',
  'release',
  'hold',
  'unhold',
  'split',
  'cancel',
  'channelCancel',
  'fulfilment',
  'dispatch',
  'update',
  'channelChange',
].map((kind) => `${kind}: accepted`);

/** Channel traffic as it really arrives (DESIGN §10). */
const CHANNEL_TRAFFIC = [
  'update: on a split family',
  'channelChange: on a split family',
  'channelChange: stale or repeat',
  'channelChange: kept before its order',
  'intake: after a change kept before it',
];

describe('allocation engine, model-based', () => {
  beforeEach(resetCoverage);

  it('keeps every rule and invariant over random sequences of every trigger, tenant and policy', () => {
    const configs = fc.tuple(...TENANTS.map(() => policyConfigArb));
    fc.assert(fc.property(configs, stepsOf(triggerArb, 60), run), { numRuns: 1000 });
    expect(untaken([...EVERY_TRIGGER, ...CHANNEL_TRAFFIC])).toEqual([]);
  });

  it('serves a crowded queue in policy order, splits on time and takes back from its end', () => {
    fc.assert(fc.property(fc.tuple(queueConfigArb), stepsOf(queueTriggerArb, 50), run), { numRuns: 500 });
    expect(
      untaken([
        'queue of eager orders served',
        'stock taken back from a queue',
        'receipt: split',
        'expiry: accepted',
        'expiry: split',
        'siblings merged',
      ]),
    ).toEqual([]);
  });

  it.each(COUNTEREXAMPLES)('still passes the run that found: $bug', ({ policies, steps }) => {
    fc.modelRun(
      () => ({ model: newModel(policies), real: newReal() }),
      steps.map((trigger) => new Step(trigger)),
    );
  });
});
