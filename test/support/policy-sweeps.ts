/**
 * For the tests of the sweep's time-based policies (auto-cancel, escalation) on an operator API:
 * days counted from one intake time, a tenant of its own per test with its tenant policy, and
 * the scheduled sweep run at once (no grace periods).
 */
import type { PolicyLayer } from '../../shared/policy/policy.js';
import { runSweep } from '../../shared/use-cases/run-sweep.js';
import { ensureTenant } from '../../shared/use-cases/tenants/ensure-tenant.js';
import type { OperatorApi } from './operator-api.js';

const DAY_MS = 86_400_000;
export const INTAKE = '2026-11-28T10:00:00.000Z';
export const daysAfterIntake = (days: number) => new Date(Date.parse(INTAKE) + days * DAY_MS).toISOString();

/** A new tenant `tenantId` whose tenant layer is `policy`. */
export const tenantWithPolicy = async (api: OperatorApi, tenantId: string, policy: PolicyLayer) => {
  await ensureTenant(api.wiring.directory, {
    tenantId,
    apiKey: `${tenantId}-key-0001`,
    webhookSecrets: { shopify: 's', woocommerce: 'w', orders: 'o' },
  });
  await api.harness.setPolicies(tenantId, { tenant: policy });
  return tenantId;
};

/** One scheduled sweep, reading `limit` items a page. */
export const sweepNow = (api: OperatorApi, limit = 25) =>
  runSweep(
    { sweep: api.wiring.sweep, allocation: api.wiring.allocation, publishing: api.wiring.publishing },
    { outboxGraceMs: 0, intakeGraceMs: 0, limit },
  );
