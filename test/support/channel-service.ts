/**
 * The channel side of the service on one test table: the webhooks, allocator and events handlers
 * wired as deployed, and a bus that hands each published incoming event to the function its rule
 * targets (`Order Received` through the allocator's queue, the rest to the events function).
 *
 *   const service = channelService('channel-traffic', tenant);
 *   const answer = await service.deliver('shopify', body, { 'X-Shopify-Topic': 'orders/updated' });
 */
import { makeHandler as makeAllocator } from '../../functions/allocator/index.js';
import { makeHandler as makeEvents } from '../../functions/events/index.js';
import { makeHandler as makeWarehouseApi } from '../../functions/warehouse-api/index.js';
import { makeHandler as makeWebhooks } from '../../functions/webhooks/index.js';
import { DynamoDbPolicyStore } from '../../shared/adapters/dynamodb/dynamodb-policy-store.js';
import type { Tenant, WebhookChannel } from '../../shared/domain/tenant.js';
import type { PolicyConfig } from '../../shared/policy/policy.js';
import type { PublishableEvent } from '../../shared/ports/event-publisher.js';
import { eventBridgeEvent, queueMessagesOf } from './event-envelopes.js';
import { httpEvent, lambdaContext } from './http-events.js';
import { InMemoryPublisher } from './in-memory-publisher.js';
import { createRepositoryHarness, type RepositoryHarness } from './repository-harness.js';
import { signedWebhook } from './webhook-requests.js';
import { wireHarness } from './wired-harness.js';

const INCOMING = new Set(['Order Received', 'Order Updated', 'Order Cancelled']);

export interface WebhookAnswer {
  statusCode: number;
  body: { status?: string; orderId?: string; error?: { code: string; details?: Record<string, unknown> } };
  /** The incoming events the webhook put on the bus. */
  accepted: PublishableEvent[];
}

export interface ChannelService {
  readonly harness: RepositoryHarness;
  readonly publisher: InMemoryPublisher;
  /** Delivers a signed webhook; its events wait on the bus until `drain` (or `deliverAndApply`). */
  deliver(channel: WebhookChannel, body: string, headers?: Record<string, string>): Promise<WebhookAnswer>;
  /** Hands incoming events to their functions, in the order given; throws if a function failed. */
  apply(events: readonly PublishableEvent[]): Promise<void>;
  deliverAndApply(
    channel: WebhookChannel,
    body: string,
    headers?: Record<string, string>,
  ): Promise<WebhookAnswer>;
  /** Warehouse API: a stock receipt, a pick start or a dispatch. */
  warehouse(method: 'POST', path: string, body: unknown): Promise<{ statusCode: number; body: unknown }>;
}

/** Registers the file's hooks; call it at the top of a test file. */
export const channelService = (label: string, tenant: Tenant, policies?: PolicyConfig): ChannelService => {
  const publisher = new InMemoryPublisher();
  let made:
    | {
        harness: RepositoryHarness;
        webhooks: ReturnType<typeof makeWebhooks>;
        allocator: ReturnType<typeof makeAllocator>;
        events: ReturnType<typeof makeEvents>;
        warehouse: ReturnType<typeof makeWarehouseApi>;
      }
    | undefined;
  beforeAll(async () => {
    const harness = await createRepositoryHarness(label);
    const wiring = wireHarness(harness, { publisher });
    await wiring.directory.saveTenant(tenant);
    if (policies)
      await new DynamoDbPolicyStore(harness.tables.client, harness.tables.tableName).writePolicies(
        tenant.tenantId,
        policies,
        0,
        { by: { kind: 'person', id: 'test' }, at: '2026-01-05T08:00:00.000Z' },
      );
    made = {
      harness,
      webhooks: makeWebhooks(() => wiring),
      allocator: makeAllocator(() => wiring),
      events: makeEvents(() => wiring),
      warehouse: makeWarehouseApi(() => wiring),
    };
  }, 60_000);
  afterAll(() => made?.harness.drop());
  const parts = () => {
    if (!made) throw new Error(`${label}: used before its beforeAll hook ran`);
    return made;
  };

  const deliver = async (channel: WebhookChannel, body: string, headers: Record<string, string> = {}) => {
    const from = publisher.published.length;
    const response = await parts().webhooks(signedWebhook(tenant, channel, body, headers), lambdaContext());
    const accepted = publisher.published.slice(from).filter((event) => INCOMING.has(event.detailType));
    return {
      statusCode: response.statusCode ?? 0,
      body: JSON.parse(String(response.body)) as WebhookAnswer['body'],
      accepted,
    };
  };

  const apply = async (events: readonly PublishableEvent[]) => {
    for (const event of events) {
      if (event.detailType === 'Order Received') {
        const result = await parts().allocator(queueMessagesOf([event]), lambdaContext('allocator'));
        if (result.batchItemFailures.length > 0)
          throw new Error(`the allocator failed ${event.detail.eventId}`);
      } else {
        await parts().events(eventBridgeEvent(event), lambdaContext('events'));
      }
    }
  };

  return {
    get harness() {
      return parts().harness;
    },
    publisher,
    deliver,
    apply,
    deliverAndApply: async (channel, body, headers) => {
      const answer = await deliver(channel, body, headers);
      await apply(answer.accepted);
      return answer;
    },
    warehouse: async (method, path, body) => {
      const response = await parts().warehouse(
        httpEvent(method, path, { tenantId: tenant.tenantId, body: JSON.stringify(body) }),
        lambdaContext('warehouse-api'),
      );
      return { statusCode: response.statusCode ?? 0, body: JSON.parse(String(response.body)) };
    },
  };
};
