import * as z from 'zod/mini';
import { InvalidInputError } from '../../domain/errors.js';
import {
  OperatorExistsError,
  OperatorNotFoundError,
  TenantNotFoundError,
} from '../../domain/tenant-errors.js';
import type { OperatorKey, TenantDirectory } from '../../ports/tenant-directory.js';
import '../../zod-mini.js';
import { type Clock, systemClock } from '../ports.js';
import { apiKeyId, hashApiKey, newApiKey } from './credentials.js';
import { validTenantId } from './tenant-settings.js';

/**
 * An operator's name is what history records as the actor of each act made with the key: a
 * person's name or handle, readable, with nothing that could pass for another kind of actor.
 */
export const operatorNameSchema = z
  .string()
  .check(
    z.regex(
      /^[A-Za-z0-9][A-Za-z0-9 ._@'-]{0,62}[A-Za-z0-9.]$|^[A-Za-z0-9]$/,
      "an operator name is 1 to 64 letters, digits, spaces or . _ @ ' -, starting and ending with a letter or digit",
    ),
  );

const validName = (name: unknown): string => {
  const parsed = operatorNameSchema.safeParse(name);
  if (parsed.success) return parsed.data;
  throw new InvalidInputError(`Invalid operator name: ${parsed.error.issues[0]?.message}`, { name });
};

const requireTenant = async (directory: TenantDirectory, tenantId: string) => {
  validTenantId(tenantId);
  if (!(await directory.getTenant(tenantId))) throw new TenantNotFoundError(tenantId);
};

/** Issues a key in the operator's name; the key itself is returned once and stored only as a hash. */
export const addOperator = async (
  directory: TenantDirectory,
  tenantId: string,
  name: string,
  clock: Clock = systemClock,
): Promise<OperatorKey & { tenantId: string; apiKey: string }> => {
  const operatorName = validName(name);
  await requireTenant(directory, tenantId);
  const apiKey = newApiKey(tenantId);
  const hash = hashApiKey(apiKey);
  const operator: OperatorKey = { name: operatorName, keyId: apiKeyId(hash), createdAt: clock() };
  if (!(await directory.addOperator(tenantId, operator, hash))) {
    throw new OperatorExistsError(tenantId, operatorName);
  }
  return { tenantId, ...operator, apiKey };
};

export const listOperators = async (directory: TenantDirectory, tenantId: string): Promise<OperatorKey[]> => {
  await requireTenant(directory, tenantId);
  return (await directory.listOperators(tenantId)).sort((a, b) => a.name.localeCompare(b.name));
};

/** The operator's key stops working at once (within the authorizer's cache time, 30 s). */
export const revokeOperator = async (
  directory: TenantDirectory,
  tenantId: string,
  name: string,
): Promise<{ tenantId: string; name: string; revoked: true }> => {
  await requireTenant(directory, tenantId);
  if (!(await directory.removeOperator(tenantId, name))) throw new OperatorNotFoundError(tenantId, name);
  return { tenantId, name, revoked: true };
};
