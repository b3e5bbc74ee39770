/**
 * What AWS does around the functions, as a deterministic simulation on a virtual clock: the HTTP
 * API (the caller retries a request that got no answer, a 5xx, or REQUEST_IN_PROGRESS a minute
 * later), the bus (each event to the
 * allocator's queue, the events function or the notifier, by detail-type, at least once), the
 * queue (a failed message comes back after its visibility timeout, and after 5 receives goes to
 * the dead-letter queue), Lambda's asynchronous invocations (two retries, a minute and two apart)
 * and the schedule's sweep. A crashed invocation counts as failed whatever it returned, and the
 * next one runs in a new process (handlers built anew).
 */
import { randomUUID } from 'node:crypto';
import type { APIGatewayProxyEventV2, SQSBatchResponse } from 'aws-lambda';
import type { EventEnvelope } from '../../infra/local/runtime/event-bus.js';
import type { PublishedMessage } from '../../infra/local/runtime/topic-delivery.js';
import { isIncomingDetailType } from '../../shared/events/incoming-events.js';
import { isNotifiableDetailType } from '../../shared/notifications/notifiable-events.js';
import { seededRandom } from '../support/crash-run.js';
import { sqsRecord } from '../support/event-envelopes.js';
import { lambdaContext } from '../support/http-events.js';
import { type ClockSkew, type HttpFunction, makeProcesses, type Processes } from './processes.js';
import type { World } from './world.js';

export const HTTP_RETRY_MS = 5_000;
export const HTTP_ATTEMPTS = 8;
export const IN_PROGRESS_RETRY_MS = 60_000;
export const VISIBILITY_MS = 60_000;
export const MAX_RECEIVES = 5;
export const ASYNC_RETRY_MS = [60_000, 120_000];

type Work =
  | { kind: 'http'; fn: HttpFunction; event: APIGatewayProxyEventV2; label: string; attempts: number }
  | { kind: 'queue'; envelope: EventEnvelope; messageId: string; receives: number }
  | { kind: 'async'; fn: 'events' | 'notifier' | 'sweep'; envelope?: EventEnvelope; attempts: number };

type Pending = Work & { dueAt: number; seq: number };

export interface Answer {
  readonly status: number;
  readonly body: unknown;
}

export interface DeliveryOptions {
  /** Every event the bus takes is delivered twice. */
  readonly duplicate?: boolean;
  /** Work due at the same time runs in a seeded random order instead of arrival order. */
  readonly shuffleSeed?: number;
}

export class Platform {
  now: number;
  private processes: Processes;
  private pending: Pending[] = [];
  private seq = 0;
  private readonly random: (() => number) | undefined;
  /** The last answer to each request, by label. */
  readonly answers = new Map<string, Answer>();
  readonly deadLetters: string[] = [];
  readonly notifications: PublishedMessage[] = [];
  invocations = 0;

  constructor(
    private readonly world: World,
    private readonly tableName: string,
    start: number,
    private readonly skew: ClockSkew,
    private readonly options: DeliveryOptions = {},
  ) {
    this.now = start;
    this.processes = this.newProcess();
    this.random = options.shuffleSeed === undefined ? undefined : seededRandom(options.shuffleSeed);
    world.setSinks({
      onEvent: (envelope) => this.route(envelope),
      onMessage: (message) => this.notifications.push(message),
    });
  }

  private newProcess(): Processes {
    return makeProcesses(this.world, this.tableName, () => this.now, this.skew);
  }

  private add(work: Work, dueAt: number): void {
    this.pending.push({ ...work, dueAt, seq: this.seq++ } as Pending);
  }

  request(fn: HttpFunction, event: APIGatewayProxyEventV2, label: string, at: number): void {
    this.add({ kind: 'http', fn, event, label, attempts: 0 }, at);
  }

  sweep(at: number): void {
    this.add({ kind: 'async', fn: 'sweep', attempts: 0 }, at);
  }

  /** The rules of the bus: `Order Received` to the allocator's queue, the rest by what it is. */
  private route(envelope: EventEnvelope): void {
    const copies = this.options.duplicate ? 2 : 1;
    for (let copy = 0; copy < copies; copy++) {
      const dueAt = this.now + 1_000 + copy * 1_500;
      const type = envelope['detail-type'];
      if (type === 'Order Received')
        this.add({ kind: 'queue', envelope, messageId: randomUUID(), receives: 0 }, dueAt);
      else if (isIncomingDetailType(type))
        this.add({ kind: 'async', fn: 'events', envelope, attempts: 0 }, dueAt);
      if (isNotifiableDetailType(type))
        this.add({ kind: 'async', fn: 'notifier', envelope, attempts: 0 }, dueAt);
    }
  }

  /** Runs every piece of work, in virtual time, until none is left. */
  async drain(): Promise<void> {
    while (this.pending.length > 0) {
      const next = this.pick();
      this.now = Math.max(this.now + 1_000, next.dueAt);
      if (next.kind === 'queue') await this.receiveBatch(next);
      else if (next.kind === 'http') await this.serve(next);
      else await this.invoke(next);
      if (this.world.faults.crashed) {
        this.world.faults.revive();
        this.processes = this.newProcess();
      }
    }
  }

  private pick(): Pending {
    const earliest = Math.min(...this.pending.map((work) => work.dueAt));
    const due = this.pending.filter((work) => work.dueAt === earliest).sort((a, b) => a.seq - b.seq);
    const chosen = this.random
      ? (due[Math.floor(this.random() * due.length)] as Pending)
      : (due[0] as Pending);
    this.pending = this.pending.filter((work) => work !== chosen);
    return chosen;
  }

  private async serve(work: Extract<Pending, { kind: 'http' }>): Promise<void> {
    this.invocations += 1;
    // Each attempt is a new request to the gateway, with its own request id.
    const event = {
      ...work.event,
      requestContext: { ...work.event.requestContext, requestId: randomUUID() },
    } as APIGatewayProxyEventV2;
    let answer: Answer | undefined;
    try {
      const response = await this.processes[work.fn](event, lambdaContext(work.fn));
      const status = response.statusCode ?? 0;
      answer = { status, body: JSON.parse(String(response.body ?? 'null')) };
    } catch {
      answer = undefined;
    }
    if (process.env.FAULTS_TRACE)
      process.stderr.write(
        `${new Date(this.now).toISOString()} ${work.label} → ${answer?.status} ${JSON.stringify(answer?.body).slice(0, 160)}\n`,
      );
    // As the API tells callers: no answer or a 5xx is retried; REQUEST_IN_PROGRESS "in a minute".
    const inProgress =
      (answer?.body as { error?: { code?: string } } | null)?.error?.code === 'REQUEST_IN_PROGRESS';
    if (this.world.faults.crashed || !answer || answer.status >= 500 || inProgress) {
      if (work.attempts + 1 >= HTTP_ATTEMPTS) this.deadLetters.push(`http ${work.label}: the caller gave up`);
      else
        this.add(
          { ...work, attempts: work.attempts + 1 },
          this.now + (inProgress ? IN_PROGRESS_RETRY_MS : HTTP_RETRY_MS),
        );
      return;
    }
    this.answers.set(work.label, answer);
  }

  /** The queue's event source mapping: every message due now, in batches of up to 10. */
  private async receiveBatch(first: Extract<Pending, { kind: 'queue' }>): Promise<void> {
    const others = this.pending
      .filter(
        (work): work is Extract<Pending, { kind: 'queue' }> =>
          work.kind === 'queue' && work.dueAt <= this.now,
      )
      .slice(0, 9);
    this.pending = this.pending.filter((work) => !others.includes(work as never));
    const batch = [first, ...others];
    this.invocations += 1;
    let failed = new Set(batch.map((work) => work.messageId));
    try {
      const response = (await this.processes.allocator(
        { Records: batch.map((work) => sqsRecord(JSON.stringify(work.envelope), work.messageId)) },
        lambdaContext('allocator'),
      )) as SQSBatchResponse;
      if (!this.world.faults.crashed)
        failed = new Set(response.batchItemFailures.map((failure) => failure.itemIdentifier));
    } catch {
      // The whole batch comes back.
    }
    for (const work of batch) {
      if (!failed.has(work.messageId)) continue;
      const receives = work.receives + 1;
      if (receives >= MAX_RECEIVES)
        this.deadLetters.push(
          `queue: ${work.envelope.detail && JSON.stringify(work.envelope.detail).slice(0, 120)}`,
        );
      else this.add({ ...work, receives }, this.now + VISIBILITY_MS);
    }
  }

  private async invoke(work: Extract<Pending, { kind: 'async' }>): Promise<void> {
    this.invocations += 1;
    let ok = false;
    try {
      if (work.fn === 'sweep') await this.processes.sweep(undefined as never, lambdaContext('sweep'));
      else await this.processes[work.fn](work.envelope as EventEnvelope, lambdaContext(work.fn));
      ok = !this.world.faults.crashed;
    } catch {
      ok = false;
    }
    if (ok) return;
    const delay = ASYNC_RETRY_MS[work.attempts];
    if (delay === undefined)
      this.deadLetters.push(
        `${work.fn}: ${work.envelope?.['detail-type'] ?? 'scheduled run'} failed 3 times`,
      );
    else this.add({ ...work, attempts: work.attempts + 1 }, this.now + delay);
  }
}
