import { Duration } from 'aws-cdk-lib';

/** Message attributes a subscriber may filter on (DESIGN §6). */
export interface NotificationFilter {
  eventType?: Array<'Order Awaiting Stock' | 'Order Split' | 'Backorder Fulfilled'>;
  tenantId?: string[];
  channel?: string[];
  warehouseId?: string[];
}

export type Subscriber =
  | { kind: 'email'; address: string; filter?: NotificationFilter }
  | { kind: 'sms'; phoneNumber: string; filter?: NotificationFilter }
  | { kind: 'https'; url: string; filter?: NotificationFilter };

export interface StageConfig {
  readonly stage: string;
  readonly logRetentionDays: 7 | 14 | 30 | 90 | 365;
  /** How often the sweep runs. */
  readonly sweepEvery: Duration;
  /** Messages the allocator takes from its queue at once, and how long it waits to fill a batch. */
  readonly allocatorBatchSize: number;
  readonly allocatorBatchWindow: Duration;
  readonly subscribers: readonly Subscriber[];
  /**
   * The operator console's origin (`https://host[:port]`): the only one the HTTP API allows
   * cross-origin requests from.
   */
  readonly consoleOrigin: string;
  /** Where alarms are sent, if anywhere. */
  readonly alarmEmail?: string;
}

const base: Omit<StageConfig, 'stage'> = {
  logRetentionDays: 14,
  sweepEvery: Duration.minutes(5),
  allocatorBatchSize: 100,
  allocatorBatchWindow: Duration.seconds(1),
  subscribers: [],
  // The console's development server.
  consoleOrigin: 'http://localhost:5173',
};

/** Typed per-environment settings; a stage not listed here uses `dev`'s. */
export const STAGES: Readonly<Record<string, Omit<StageConfig, 'stage'>>> = {
  dev: base,
  prod: {
    ...base,
    logRetentionDays: 90,
    sweepEvery: Duration.minutes(2),
    consoleOrigin: 'https://console.backorder.example.com',
  },
};

export const stageConfig = (stage: string): StageConfig => ({ stage, ...(STAGES[stage] ?? base) });
