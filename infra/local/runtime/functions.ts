/**
 * The service's handlers, run in this process: each `functions/<name>/index.ts` exports
 * `makeHandler(wiring)`, given here the local adapters (DynamoDB Local, the in-process bus, and
 * for the notifier the local outbox). Later, the synthesized bundles can take this module's place.
 */

import type { Wiring } from '../../../shared/runtime/adapters.js';
import type { FunctionName } from '../../stateless/service-function.js';
import { lambdaContext } from './lambda-context.js';

export type Invoke = (name: FunctionName, event: unknown) => Promise<unknown>;

type HandlerModule = {
  makeHandler: (wiring: () => Wiring) => (event: unknown, context: unknown) => Promise<unknown>;
};

const MODULES: Record<FunctionName, () => Promise<unknown>> = {
  webhooks: () => import('../../../functions/webhooks/index.js'),
  allocator: () => import('../../../functions/allocator/index.js'),
  events: () => import('../../../functions/events/index.js'),
  'warehouse-api': () => import('../../../functions/warehouse-api/index.js'),
  'operator-api': () => import('../../../functions/operator-api/index.js'),
  authorizer: () => import('../../../functions/authorizer/index.js'),
  notifier: () => import('../../../functions/notifier/index.js'),
  sweep: () => import('../../../functions/sweep/index.js'),
};

/** Loads every handler once and returns a way to invoke them by name. */
export async function loadFunctions(wiringFor: (name: FunctionName) => Wiring): Promise<Invoke> {
  const handlers = new Map<FunctionName, (event: unknown, context: unknown) => Promise<unknown>>();
  for (const [name, load] of Object.entries(MODULES) as Array<[FunctionName, () => Promise<unknown>]>) {
    const module = (await load()) as HandlerModule;
    const wiring = wiringFor(name);
    handlers.set(
      name,
      module.makeHandler(() => wiring),
    );
  }
  return async (name, event) => {
    const handler = handlers.get(name);
    if (!handler) throw new Error(`No handler for function ${name}`);
    return handler(event, lambdaContext(`backorder-local-${name}`));
  };
}
