import type { OrderUpdate } from '../../../shared/allocation/channel-orders.js';
import type { Dispatch } from '../../../shared/allocation/fulfilment.js';
import type { ManualAct, ManualAllocation } from '../../../shared/allocation/manual-acts.js';
import type { StockTarget } from '../../../shared/allocation/serve-waiting.js';
import type { StockAdjustment, StockReceipt } from '../../../shared/allocation/stock-movements.js';
import type { ChannelChange } from '../../../shared/domain/channel-change.js';
import type { IncomingOrder } from '../../../shared/domain/inputs.js';
import type { PolicyConfig } from '../../../shared/policy/policy.js';
import type { TimeFormat } from './world.js';

/** A time relative to the model's clock when the trigger runs, spelled in one of several ways. */
export interface TimeSpec {
  offsetMs: number;
  format: TimeFormat;
}

type OrderId = { orderId: string };
type Tenant = { tenantId: string };

/** Everything a run can do: the engine's triggers, plus the clock, expected supply and configuration. */
export type Trigger =
  | (Tenant & {
      kind: 'intake';
      order: Omit<IncomingOrder, 'createdAt' | 'shipBy'>;
      created: TimeSpec;
      shipBy?: TimeSpec;
    })
  | (Tenant & { kind: 'receipt'; input: StockReceipt })
  | (Tenant & { kind: 'serve'; input: { targets: StockTarget[]; trigger: string } })
  | (Tenant & { kind: 'adjustment'; input: StockAdjustment })
  | (Tenant & { kind: 'allocate'; input: ManualAllocation; fit: boolean })
  | (Tenant & { kind: 'release' | 'hold' | 'unhold' | 'split' | 'cancel'; input: ManualAct })
  | (Tenant & { kind: 'channelCancel'; input: OrderId & { reason?: string } })
  | (Tenant & { kind: 'fulfilment'; input: OrderId })
  /** `sweep`: the timer fired, so the clock first moves on to the order's split deadline. */
  | (Tenant & { kind: 'expiry'; input: OrderId; sweep: boolean })
  | (Tenant & { kind: 'dispatch'; input: Dispatch })
  | (Tenant & { kind: 'update'; input: OrderUpdate })
  /** A webhook's change as delivered, in any order: kept if newest, applied if its order is there. */
  | (Tenant & { kind: 'channelChange'; input: ChannelChange })
  | { kind: 'tick'; hours: number }
  | (Tenant & { kind: 'inbound'; warehouseId: string; sku: string; quantity: number; eta: TimeSpec })
  | (Tenant & { kind: 'policies'; config: PolicyConfig });

export type DecisionTrigger = Exclude<Trigger, { kind: 'tick' | 'inbound' | 'policies' }>;

/** The order a trigger is about; receipts, adjustments and serves name none. */
export const orderIdOf = (trigger: DecisionTrigger): string => {
  if (trigger.kind === 'intake') return trigger.order.orderId;
  return 'orderId' in trigger.input ? trigger.input.orderId : '';
};
