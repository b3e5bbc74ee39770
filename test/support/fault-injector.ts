import { type DynamoDBClient, ThrottlingException } from '@aws-sdk/client-dynamodb';
import { transactionConflict } from './conflict-injector.js';

/**
 * Fails chosen DynamoDB calls of a client the way the platform does: a lost race (a cancelled
 * transaction), throttling, or a crash (the call and every later one fail, as if the process had
 * died, until `revive`). Calls are counted per command name, from the moment a fault is scheduled.
 *
 *   const faults = injectFaults(harness.tables.dynamodb);
 *   faults.at('TransactWriteItemsCommand', 2, 'crash');
 */
export type FaultKind = 'conflict' | 'throttle' | 'crash';

export interface FaultInjector {
  /** Fails the `nth` call of `command` from now (1 is the next one). */
  at(command: string, nth: number, kind: FaultKind): void;
  /** Whether a crash has happened and not been revived: every call fails meanwhile. */
  readonly crashed: boolean;
  /** A new process: calls go through again, and nothing is scheduled. */
  revive(): void;
}

export class ProcessCrashed extends Error {
  constructor() {
    super('The process died (injected)');
    this.name = 'ProcessCrashed';
  }
}

export const injectFaults = (client: DynamoDBClient): FaultInjector => {
  const counts = new Map<string, number>();
  const scheduled = new Map<string, Map<number, FaultKind>>();
  let crashed = false;
  const injector: FaultInjector = {
    at: (command, nth, kind) => {
      const plan = scheduled.get(command) ?? new Map<number, FaultKind>();
      plan.set((counts.get(command) ?? 0) + nth, kind);
      scheduled.set(command, plan);
    },
    get crashed() {
      return crashed;
    },
    revive: () => {
      crashed = false;
      scheduled.clear();
    },
  };
  client.middlewareStack.add(
    (next, context) => async (args) => {
      if (crashed) throw new ProcessCrashed();
      const command = context.commandName ?? '';
      const count = (counts.get(command) ?? 0) + 1;
      counts.set(command, count);
      const kind = scheduled.get(command)?.get(count);
      if (!kind) return next(args);
      scheduled.get(command)?.delete(count);
      if (kind === 'crash') {
        crashed = true;
        throw new ProcessCrashed();
      }
      if (kind === 'throttle') {
        throw new ThrottlingException({
          message: 'Rate of requests exceeds the allowed throughput.',
          $metadata: { httpStatusCode: 400 },
        });
      }
      const items = (args.input as { TransactItems?: unknown[] }).TransactItems ?? [];
      throw transactionConflict(items.length, items.length - 1);
    },
    { step: 'initialize', priority: 'high', name: 'faultInjector' },
  );
  return injector;
};
