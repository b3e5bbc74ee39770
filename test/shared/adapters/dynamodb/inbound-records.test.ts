import type { InboundSupply } from '../../../../shared/domain/inbound.js';
import { StaleInboundChangeError, UnknownInboundError } from '../../../../shared/domain/inbound-errors.js';
import { createRepositoryHarness, type RepositoryHarness } from '../../../support/repository-harness.js';

let harness: RepositoryHarness;
beforeAll(async () => {
  harness = await createRepositoryHarness('inbound-records');
}, 60_000);
afterAll(() => harness.drop());

const line = (tenantId: string, extra: Partial<InboundSupply> = {}): InboundSupply => ({
  tenantId,
  inboundId: 'PO-1',
  warehouseId: 'main',
  sku: 'MUG',
  quantity: 5,
  eta: '2026-12-03T00:00:00.000Z',
  ...extra,
});

const stored = async (tenantId: string) =>
  harness.repository.loadInbound(tenantId, [{ warehouseId: 'main', sku: 'MUG' }]);

describe('inbound changes carry a version: older ones are ignored', () => {
  it('applies a newer change and refuses an older one with the line as stored', async () => {
    const tenant = 'versions';
    await harness.repository.saveInbound(line(tenant, { updatedAt: '2026-12-01T10:00:00.000Z' }));
    await harness.repository.saveInbound(
      line(tenant, { quantity: 8, eta: '2026-12-09T00:00:00.000Z', updatedAt: '2026-12-01T12:00:00.000Z' }),
    );
    const older = harness.repository.saveInbound(
      line(tenant, { quantity: 1, updatedAt: '2026-12-01T11:00:00.000Z' }),
    );
    await expect(older).rejects.toBeInstanceOf(StaleInboundChangeError);
    await expect(older).rejects.toMatchObject({
      found: { quantity: 8, updatedAt: '2026-12-01T12:00:00.000Z' },
    });
    expect(await stored(tenant)).toEqual([
      line(tenant, { quantity: 8, eta: '2026-12-09T00:00:00.000Z', updatedAt: '2026-12-01T12:00:00.000Z' }),
    ]);
  });

  it('compares versions as instants, whatever offset they were written with', async () => {
    const tenant = 'offsets';
    await harness.repository.saveInbound(line(tenant, { updatedAt: '2026-12-01T12:00:00+02:00' }));
    // 11:00 UTC is after 10:00 UTC (the first change), though "11:00Z" < "12:00+02:00" as text.
    await harness.repository.saveInbound(line(tenant, { quantity: 2, updatedAt: '2026-12-01T11:00:00Z' }));
    expect((await stored(tenant))[0]).toMatchObject({ quantity: 2, updatedAt: '2026-12-01T11:00:00.000Z' });
  });

  it('applies an unversioned change to an unversioned line only', async () => {
    const tenant = 'unversioned';
    await harness.repository.saveInbound(line(tenant));
    await harness.repository.saveInbound(line(tenant, { quantity: 3 }));
    expect((await stored(tenant))[0]).toMatchObject({ quantity: 3 });
    await harness.repository.saveInbound(
      line(tenant, { quantity: 4, updatedAt: '2026-12-01T10:00:00.000Z' }),
    );
    await expect(harness.repository.saveInbound(line(tenant, { quantity: 9 }))).rejects.toBeInstanceOf(
      StaleInboundChangeError,
    );
    expect((await stored(tenant))[0]).toMatchObject({ quantity: 4 });
  });

  it('keeps what was received when the line changes (a change and a receipt commute)', async () => {
    const tenant = 'commute';
    await harness.repository.saveInbound(line(tenant, { updatedAt: '2026-12-01T10:00:00.000Z' }));
    await Promise.all([
      harness.repository.receiveAgainstInbound(tenant, 'receipt#main#R1', [
        { warehouseId: 'main', sku: 'MUG', inboundId: 'PO-1', quantity: 2 },
      ]),
      harness.repository.saveInbound(line(tenant, { quantity: 6, updatedAt: '2026-12-01T11:00:00.000Z' })),
    ]);
    expect((await stored(tenant))[0]).toMatchObject({ quantity: 6, received: 2 });
  });
});

describe('receipts naming an inbound line', () => {
  it('count once per receipt, however often the receipt is repeated', async () => {
    const tenant = 'receipts';
    await harness.repository.saveInbound(line(tenant));
    const receipt = [{ warehouseId: 'main', sku: 'MUG', inboundId: 'PO-1', quantity: 3 }];
    await harness.repository.receiveAgainstInbound(tenant, 'receipt#main#R1', receipt);
    await harness.repository.receiveAgainstInbound(tenant, 'receipt#main#R1', receipt);
    await Promise.all([
      harness.repository.receiveAgainstInbound(tenant, 'receipt#main#R2', receipt),
      harness.repository.receiveAgainstInbound(tenant, 'receipt#main#R2', receipt),
    ]);
    expect((await stored(tenant))[0]).toMatchObject({ quantity: 5, received: 6 });
  });

  it('refuse a line naming supply not expected for that SKU and warehouse, counting nothing', async () => {
    const tenant = 'unknown';
    await harness.repository.saveInbound(line(tenant));
    const receipt = harness.repository.receiveAgainstInbound(tenant, 'receipt#main#R1', [
      { warehouseId: 'main', sku: 'MUG', inboundId: 'PO-1', quantity: 1 },
      { warehouseId: 'main', sku: 'CUP', inboundId: 'PO-1', quantity: 1 },
    ]);
    await expect(receipt).rejects.toBeInstanceOf(UnknownInboundError);
    expect((await stored(tenant))[0]?.received).toBeUndefined();
  });
});
