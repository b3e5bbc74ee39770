/**
 * A new tenant for each test of a file that shares one table, so that policies and stock never
 * leak between tests: `<prefix>-1`, `<prefix>-2`, … with the policies given stored for it.
 *
 *   const newTenant = tenantPerTest('ro', () => harness);
 *   const tenant = await newTenant({ onShortage: 'split' });
 */
import type { PolicyConfig } from '../../shared/policy/policy.js';
import type { RepositoryHarness } from './repository-harness.js';

/** `harness` is read on each call: the file's harness exists only once its beforeAll has run. */
export const tenantPerTest = (prefix: string, harness: () => RepositoryHarness) => {
  let count = 0;
  return async (policies: PolicyConfig = {}): Promise<string> => {
    const tenant = `${prefix}-${++count}`;
    if (Object.keys(policies).length > 0) await harness().setPolicies(tenant, policies);
    return tenant;
  };
};
