import type * as z from 'zod/mini';
import type { ApiFunction, OperationIdOf } from '../routes.js';

/** Names of the response schemas kept once under `components.schemas`. */
export type ComponentName =
  | 'Error'
  | 'OrderPage'
  | 'OrderDetail'
  | 'ActResult'
  | 'DryRun'
  | 'Stock'
  | 'Inbound'
  | 'Policies'
  | 'Recipient'
  | 'RecipientList'
  | 'WarehouseResult'
  | 'WebhookResult'
  | 'BulkActResult'
  | 'Summary'
  | 'Kit';

export interface HeaderParameter {
  name: string;
  required: boolean;
  description: string;
  schema?: Record<string, unknown>;
}

/** What OpenAPI says about one route beyond its method and path: the schemas its handler uses. */
export interface OperationSpec {
  tags: string[];
  description?: string;
  path?: z.ZodMiniObject;
  query?: z.ZodMiniObject;
  headers?: HeaderParameter[];
  body?: { schema: z.ZodMiniType; required: boolean };
  /** The 200 answer: one component, or any of several. */
  ok: { description: string; schemas: ComponentName[] };
  /** Refusals besides the ones every route may give (400, and 401 or 404 by its auth). */
  refusals?: number[];
}

export type OperationsOf<F extends ApiFunction> = Record<OperationIdOf<F>, OperationSpec>;

export const IDEMPOTENCY_KEY: HeaderParameter = {
  name: 'Idempotency-Key',
  required: false,
  description:
    'Names the request, per tenant and route: a repeat with the same key changes nothing and answers `duplicate`; the same key with a different path or body is refused with 422 `IDEMPOTENCY_KEY_REUSED`. Keys are kept 372 days.',
};
