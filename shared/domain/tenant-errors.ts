import { DomainError } from './errors.js';

/** Refusals of tenant and credential management (operator commands, not the public API). */
export class TenantAlreadyExistsError extends DomainError {
  readonly code = 'TENANT_ALREADY_EXISTS';
  constructor(readonly tenantId: string) {
    super(`Tenant ${tenantId} already exists`, { tenantId });
  }
}

export class TenantNotFoundError extends DomainError {
  readonly code = 'TENANT_NOT_FOUND';
  constructor(readonly tenantId: string) {
    super(`Tenant ${tenantId} was not found`, { tenantId });
  }
}

/** The key presented to authorize a rotation is not the tenant's current key. */
export class ApiKeyMismatchError extends DomainError {
  readonly code = 'API_KEY_MISMATCH';
  constructor(tenantId: string) {
    super(`The key given is not the current API key of tenant ${tenantId}`, { tenantId });
  }
}

/** A chosen key (the local demo's) already opens another tenant: it is never moved across tenants. */
export class ApiKeyInUseError extends DomainError {
  readonly code = 'API_KEY_IN_USE';
  constructor(tenantId: string) {
    super(`The API key given for tenant ${tenantId} already belongs to another tenant`, { tenantId });
  }
}

/** Someone else changed the tenant's keys meanwhile: nothing was written, and running again is safe. */
export class TenantKeysChangedError extends DomainError {
  readonly code = 'TENANT_KEYS_CHANGED';
  constructor(tenantId: string) {
    super(`The API keys of tenant ${tenantId} changed meanwhile; nothing was written`, { tenantId });
  }
}

export class OperatorExistsError extends DomainError {
  readonly code = 'OPERATOR_EXISTS';
  constructor(tenantId: string, name: string) {
    super(`Tenant ${tenantId} already has an operator named ${name}`, { tenantId, name });
  }
}

export class OperatorNotFoundError extends DomainError {
  readonly code = 'OPERATOR_NOT_FOUND';
  constructor(tenantId: string, name: string) {
    super(`Tenant ${tenantId} has no operator named ${name}`, { tenantId, name });
  }
}
