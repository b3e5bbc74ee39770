/**
 * Runs the demo's steps: numbers and prints each, checks every answer against what the script
 * expects, and reads orders back until the service has settled on what the script expects of
 * them. Any difference stops the demo with a DemoFailure that says what was expected and seen.
 */
import type { OrderStatus } from '../../../shared/domain/order.js';
import { type OrderDetail, type Reply, type ServiceClient, text } from './http-client.js';
import type { Printer } from './printer.js';

export class DemoFailure extends Error {
  override readonly name = 'DemoFailure';
}

/** What an answer must be: its status, and the values of some fields of its JSON body. */
export interface ExpectedReply {
  readonly status: number;
  readonly body?: Readonly<Record<string, unknown>>;
}

/** What an order must come to: its status, and optionally units allocated per SKU and fillable. */
export interface ExpectedOrder {
  readonly status: OrderStatus;
  readonly allocated?: Readonly<Record<string, number>>;
  readonly fillable?: boolean;
  /** Show its split family too. */
  readonly family?: boolean;
}

const allocatedOf = (detail: OrderDetail, sku: string): number =>
  detail.order.lines.filter((line) => line.sku === sku).reduce((sum, line) => sum + line.allocated, 0);

const meets = (detail: OrderDetail, expected: ExpectedOrder): boolean =>
  detail.order.status === expected.status &&
  (expected.fillable === undefined || detail.order.fillable === expected.fillable) &&
  Object.entries(expected.allocated ?? {}).every(([sku, units]) => allocatedOf(detail, sku) === units);

const describeExpected = (expected: ExpectedOrder): string =>
  [
    expected.status,
    ...Object.entries(expected.allocated ?? {}).map(([sku, units]) => `${units} × ${sku} allocated`),
    ...(expected.fillable === undefined ? [] : [`fillable ${expected.fillable}`]),
  ].join(', ');

const describeSeen = (detail: OrderDetail): string =>
  `${detail.order.status}, lines ${JSON.stringify(detail.order.lines)}, fillable ${detail.order.fillable}, ` +
  `latest decision: ${detail.history.at(-1)?.reasons.join(' ') ?? 'none'}`;

export class StepRunner {
  private count = 0;

  constructor(
    readonly client: ServiceClient,
    readonly printer: Printer,
  ) {}

  get steps(): number {
    return this.count;
  }

  step(title: string): void {
    this.count += 1;
    this.printer.step(this.count, title);
  }

  /** Sends, prints the exchange, and checks the answer. */
  async send(request: Promise<Reply>, expected: ExpectedReply, note?: string): Promise<Reply> {
    const reply = await request;
    this.printer.exchange(reply, note);
    const body = (reply.body ?? {}) as Record<string, unknown>;
    const wrongField = Object.entries(expected.body ?? {}).find(
      ([field, value]) => JSON.stringify(body[field]) !== JSON.stringify(value),
    );
    if (reply.status !== expected.status || wrongField) {
      const hint = reply.status === 401 ? ' (do DEMO_API_KEY and DEMO_*_SECRET match the service?)' : '';
      throw new DemoFailure(
        `Step ${this.count}: ${reply.request} answered ${reply.status} ${text(reply.body)}; the script expects ` +
          `${expected.status}${expected.body ? ` with ${JSON.stringify(expected.body)}` : ''}${hint}`,
      );
    }
    return reply;
  }

  /** Reads the order back until it is as expected, prints it, and returns it. */
  async order(orderId: string, expected: ExpectedOrder): Promise<OrderDetail> {
    const { detail, settled } = await this.client.orderWhen(orderId, (seen) => meets(seen, expected));
    if (!detail || !settled)
      throw new DemoFailure(
        `Step ${this.count}: the script expects ${orderId} to be ${describeExpected(expected)}; ` +
          `it is ${detail ? describeSeen(detail) : 'not there (404)'}`,
      );
    this.printer.order(detail, { family: expected.family ?? false });
    return detail;
  }

  /** Checks and prints a SKU's stock level (all warehouses). */
  async stock(sku: string, expected: { onHand: number; allocated: number }): Promise<void> {
    const levels = await this.client.stock(sku);
    this.printer.stock(levels);
    const { onHand, allocated } = levels.total;
    if (onHand !== expected.onHand || allocated !== expected.allocated)
      throw new DemoFailure(
        `Step ${this.count}: the script expects ${sku} on hand ${expected.onHand}, allocated ` +
          `${expected.allocated}; the service has on hand ${onHand}, allocated ${allocated}`,
      );
  }

  /** Fails the step unless `condition` holds. */
  check(condition: boolean, message: string): void {
    if (!condition) throw new DemoFailure(`Step ${this.count}: ${message}`);
  }
}
