/**
 * The functions of one simulated process, built as deployed (`makeHandler` with the real
 * adapters) on the world's faulty clients and a run's tables, each with its own clock: the writers
 * (API, webhooks, allocator, events), the sweep and the notifier may disagree about the time.
 */
import { makeHandler as allocator } from '../../functions/allocator/index.js';
import { makeHandler as events } from '../../functions/events/index.js';
import { makeHandler as notifier } from '../../functions/notifier/index.js';
import { makeHandler as operatorApi } from '../../functions/operator-api/index.js';
import { makeHandler as sweep } from '../../functions/sweep/index.js';
import { makeHandler as warehouseApi } from '../../functions/warehouse-api/index.js';
import { makeHandler as webhooks } from '../../functions/webhooks/index.js';
import { DynamoDbBackorderRepository } from '../../shared/adapters/dynamodb/dynamodb-backorder-repository.js';
import { DynamoDbNotificationClaims } from '../../shared/adapters/dynamodb/dynamodb-notification-claims.js';
import { EventBridgePublisher } from '../../shared/adapters/eventbridge/eventbridge-publisher.js';
import { SnsNotifier } from '../../shared/adapters/sns/sns-notifier.js';
import { type Wiring, wireAdapters } from '../../shared/runtime/adapters.js';
import { BUS_NAME, TOPIC_ARN, type World } from './world.js';

/** Minutes each role's clock is ahead of the platform's (negative: behind). */
export interface ClockSkew {
  readonly writer: number;
  readonly sweep: number;
  readonly notifier: number;
}

export const NO_SKEW: ClockSkew = { writer: 0, sweep: 0, notifier: 0 };

export const makeProcesses = (world: World, tableName: string, now: () => number, skew: ClockSkew) => {
  const clockOf = (minutes: number) => () => new Date(now() + minutes * 60_000).toISOString();
  const wiringWith = (minutes: number): Wiring =>
    wireAdapters({
      documents: world.documents,
      tableName,
      publisher: new EventBridgePublisher(world.eventBridge, BUS_NAME),
      clock: clockOf(minutes),
    });
  const writer = wiringWith(skew.writer);
  const sweeper = wiringWith(skew.sweep);
  const notifications = {
    notifications: {
      repository: new DynamoDbBackorderRepository({ client: world.documents, tableName }),
      claims: new DynamoDbNotificationClaims(world.documents, tableName, {
        now: () => now() + skew.notifier * 60_000,
      }),
      notifier: new SnsNotifier(world.sns, TOPIC_ARN),
    },
  };
  return {
    webhooks: webhooks(() => writer),
    warehouse: warehouseApi(() => writer),
    operator: operatorApi(() => writer),
    allocator: allocator(() => writer),
    events: events(() => writer),
    sweep: sweep(() => sweeper),
    notifier: notifier(() => notifications),
  };
};

export type Processes = ReturnType<typeof makeProcesses>;
export type HttpFunction = 'webhooks' | 'warehouse' | 'operator';
