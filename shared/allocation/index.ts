export * from './channel-orders.js';
export * from './compose.js';
export * from './decision.js';
export * from './explain.js';
export * from './fulfilment.js';
export * from './intake.js';
export * from './invariants.js';
export {
  decideHold,
  decideManualAllocation,
  decideManualCancel,
  decideManualSplit,
  decideRelease,
  decideUnhold,
  type ManualAct,
  type ManualAllocation,
} from './manual-acts.js';
export type { ServeOptions, StockTarget } from './serve-waiting.js';
export * from './split-delay-expiry.js';
export { backorderIdFor } from './split-order.js';
export * from './stock-movements.js';
export * from './waiting-queue.js';
