/**
 * One fault among every AWS call a simulated process makes (DynamoDB, EventBridge, SNS), counted
 * across all its clients from the start of a run, so that "the Nth call" names one moment of a
 * scenario whichever service that call goes to:
 *
 * - `crash`: the call never leaves, and neither does any later one until `revive` (a new process);
 * - `conflict`: a TransactWriteItems lost a race (TransactionCanceled, TransactionConflict);
 * - `throttle`, `server-error`: the call fails after the SDK's own retries;
 * - `timeout-landed`: the call is made and its write lands, but the answer is lost (a timeout).
 */
import { transactionConflict } from '../support/conflict-injector.js';

export const FAULT_KINDS = ['crash', 'conflict', 'throttle', 'server-error', 'timeout-landed'] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

export class ProcessCrashed extends Error {
  constructor() {
    super('The process died (injected)');
    this.name = 'ProcessCrashed';
  }
}

type Next = (args: { input: unknown }) => Promise<unknown>;
type Middleware = (next: Next, context: { commandName?: string }) => Next;

/** Any SDK v3 client: its middleware stack takes an initialize-step middleware. */
interface MiddlewareClient {
  readonly middlewareStack: object;
}

export interface CallRecord {
  readonly n: number;
  readonly command: string;
}

const serviceError = (name: string, status: number, fault: 'client' | 'server', message: string) =>
  Object.assign(new Error(message), { name, $fault: fault, $metadata: { httpStatusCode: status } });

const failureOf = (kind: Exclude<FaultKind, 'crash' | 'timeout-landed'>, input: unknown) => {
  if (kind === 'conflict') {
    const items = (input as { TransactItems?: unknown[] }).TransactItems ?? [];
    return transactionConflict(items.length, items.length - 1);
  }
  if (kind === 'throttle')
    return serviceError('ThrottlingException', 400, 'client', 'Rate exceeded (injected)');
  return serviceError('InternalServerError', 500, 'server', 'Internal server error (injected)');
};

/** Whether `kind` can hit a call of `command` (a conflict only hits a transaction). */
export const faultApplies = (kind: FaultKind, command: string): boolean =>
  kind !== 'conflict' || command === 'TransactWriteItemsCommand';

export class AwsFaults {
  private count = 0;
  private plan: { at: number; kind: FaultKind } | undefined;
  private isCrashed = false;
  /** Every call made since `reset`, in order (for numbering crash points). */
  readonly calls: CallRecord[] = [];
  /** Whether the planned fault has struck. */
  struck = false;

  /** Counts from zero again, with `plan` (or none) as the run's one fault. */
  reset(plan?: { at: number; kind: FaultKind }): void {
    this.count = 0;
    this.plan = plan;
    this.isCrashed = false;
    this.struck = false;
    this.calls.length = 0;
  }

  get crashed(): boolean {
    return this.isCrashed;
  }

  /** A new process: calls go through again (the plan has struck, or is kept). */
  revive(): void {
    this.isCrashed = false;
  }

  attach(client: MiddlewareClient, label: string): void {
    const middleware: Middleware = (next, context) => async (args) => {
      if (this.isCrashed) throw new ProcessCrashed();
      const command = context.commandName ?? 'unknown';
      this.count += 1;
      this.calls.push({ n: this.count, command });
      const plan = this.plan;
      if (!plan || plan.at !== this.count || !faultApplies(plan.kind, command)) return next(args);
      this.struck = true;
      if (plan.kind === 'crash') {
        this.isCrashed = true;
        throw new ProcessCrashed();
      }
      if (plan.kind === 'timeout-landed') {
        await next(args);
        throw serviceError('TimeoutError', 0, 'client', `${command} timed out after it was sent (injected)`);
      }
      throw failureOf(plan.kind, args.input);
    };
    (client.middlewareStack as { add(m: Middleware, options: object): void }).add(middleware, {
      step: 'initialize',
      priority: 'high',
      name: `faultCampaign-${label}`,
    });
  }
}
