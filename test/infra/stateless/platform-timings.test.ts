/**
 * Platform timings agree (DESIGN §11): the leases the code takes, read from its constants, against
 * the timings of the synthesized template. A lease outlives the function that holds it (a live
 * holder is never overtaken) and is shorter than the retry that must take it over (a crash delays
 * the work, never drops it).
 */

import { LAMBDA_ASYNC_RETRY_DELAYS_MS } from '../../../infra/stateless/event-routing.js';
import { NOTIFICATION_CLAIM_LEASE_MS } from '../../../shared/adapters/dynamodb/dynamodb-notification-claims.js';
import { RESERVATION_TIMEOUT_MS } from '../../../shared/adapters/dynamodb/oversized-commit.js';
import { synthStacks } from '../../support/synth-stacks.js';

const { stateless } = synthStacks();

type Properties = Record<string, unknown>;
const byLogicalId = (type: string, prefix: string): Properties => {
  const found = Object.entries(stateless.findResources(type)).filter(([id]) => id.startsWith(prefix));
  expect(found).toHaveLength(1);
  return (found[0]?.[1] as { Properties: Properties } | undefined)?.Properties ?? {};
};
const timeoutMs = (name: string) =>
  Number(byLogicalId('AWS::Lambda::Function', `Functions${name}Function`).Timeout) * 1000;

it("takes a notification claim for longer than the notifier runs and shorter than Lambda's first retry", () => {
  expect(NOTIFICATION_CLAIM_LEASE_MS).toBeGreaterThan(timeoutMs('notifier'));
  expect(NOTIFICATION_CLAIM_LEASE_MS).toBeLessThan(LAMBDA_ASYNC_RETRY_DELAYS_MS[0]);
  const [retries] = Object.values(stateless.findResources('AWS::Lambda::EventInvokeConfig'))
    .map((config) => (config as { Properties: Properties }).Properties)
    .filter((config) => String((config.FunctionName as { Ref: string }).Ref).startsWith('Functionsnotifier'))
    .map((config) => Number(config.MaximumRetryAttempts));
  expect(retries).toBeGreaterThanOrEqual(1);
});

// Taking over a reservation whose writer is merely slow is safe (its last transaction needs every
// reservation, so it fails and is decided again): the timeout only has to let retries take over.
it("keeps a reservation longer than an API or event function runs, shorter than Lambda's first retry and than the allocator queue hides a message", () => {
  // The allocator's batch may run a minute: a reservation of its taken over meanwhile fails that
  // batch's last transaction, and its orders are decided again on the queue's redelivery.
  for (const name of ['events', 'warehouseapi', 'operatorapi'])
    expect(RESERVATION_TIMEOUT_MS).toBeGreaterThanOrEqual(timeoutMs(name));
  expect(RESERVATION_TIMEOUT_MS).toBeLessThan(LAMBDA_ASYNC_RETRY_DELAYS_MS[0]);
  const visibilityMs =
    Number(byLogicalId('AWS::SQS::Queue', 'EventRoutingAllocatorQueue').VisibilityTimeout) * 1000;
  expect(RESERVATION_TIMEOUT_MS).toBeLessThan(visibilityMs);
  // AWS's advice for an SQS event source: at least six times the function's timeout.
  expect(visibilityMs).toBeGreaterThanOrEqual(6 * timeoutMs('allocator'));
});
