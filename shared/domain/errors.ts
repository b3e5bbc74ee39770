/**
 * Every refusal the domain can give. Each carries a machine-readable `code` and the `details` that
 * explain it; the HTTP layer maps codes to statuses in one place.
 */
export abstract class DomainError extends Error {
  abstract readonly code: string;
  constructor(
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** The input itself is wrong: nothing about the current state could make it right. */
export class InvalidInputError extends DomainError {
  readonly code = 'INVALID_INPUT';
}

/** The input is larger than a documented maximum (`shared/limits.ts`), which `details` names. */
export class TooLargeError extends DomainError {
  readonly code = 'TOO_LARGE';
  constructor(what: string, limit: string, maximum: number, actual: number) {
    super(`${what} is too large: at most ${maximum}, got ${actual}`, { limit, maximum, actual });
  }
}

/** Stock named for a warehouse the tenant does not have: it would create stock nobody can ship. */
export class UnknownWarehouseError extends DomainError {
  readonly code = 'UNKNOWN_WAREHOUSE';
  constructor(warehouseId: string) {
    super(`The tenant has no warehouse ${warehouseId}`, { warehouseId });
  }
}

export class OrderNotFoundError extends DomainError {
  readonly code = 'ORDER_NOT_FOUND';
  constructor(readonly orderId: string) {
    super(`Order ${orderId} was not found`, { orderId });
  }
}

export class OrderAlreadyExistsError extends DomainError {
  readonly code = 'ORDER_ALREADY_EXISTS';
  constructor(readonly orderId: string) {
    super(`Order ${orderId} already exists`, { orderId });
  }
}

/** The act is not allowed in the order's current status. */
export class InvalidTransitionError extends DomainError {
  readonly code = 'INVALID_TRANSITION';
  constructor(orderId: string, act: string, status: string, allowed: readonly string[]) {
    super(`Cannot ${act} order ${orderId} while it is ${status}`, { orderId, act, status, allowed });
  }
}

/** Not enough available stock for what was asked. */
export class InsufficientStockError extends DomainError {
  readonly code = 'INSUFFICIENT_STOCK';
}

/** A stock movement would leave the warehouse with less than zero, or less than it must keep. */
export class StockConflictError extends DomainError {
  readonly code = 'STOCK_CONFLICT';
}

export class KitNotFoundError extends DomainError {
  readonly code = 'KIT_NOT_FOUND';
}

export class SplitNotPossibleError extends DomainError {
  readonly code = 'SPLIT_NOT_POSSIBLE';
}

export class UnsupportedChangeError extends DomainError {
  readonly code = 'UNSUPPORTED_CHANGE';
}
