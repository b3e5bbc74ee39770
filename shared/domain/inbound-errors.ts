import { DomainError } from './errors.js';
import type { InboundSupply } from './inbound.js';

/** A receipt line names an inbound line the warehouse does not expect for that SKU: refused, nothing received. */
export class UnknownInboundError extends DomainError {
  readonly code = 'UNKNOWN_INBOUND';
  constructor(inboundId: string, warehouseId: string, sku: string) {
    super(`No inbound line ${inboundId} of ${sku} is expected at warehouse ${warehouseId}`, {
      inboundId,
      warehouseId,
      sku,
    });
  }
}

/** A change to an inbound line older than the one stored: ignored, carrying what is stored. */
export class StaleInboundChangeError extends Error {
  constructor(readonly found: InboundSupply) {
    super(`Inbound line ${found.inboundId} already has a change of ${found.updatedAt ?? 'an unknown time'}`);
    this.name = 'StaleInboundChangeError';
  }
}
