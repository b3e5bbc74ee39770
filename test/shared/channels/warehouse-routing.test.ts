import { chooseWarehouse, warehouseNamedIn } from '../../../shared/channels/warehouse-routing.js';

describe('warehouse routing', () => {
  const routing = { warehouseId: 'main', knownWarehouses: ['main', 'east'] };

  it('takes the routing warehouse unless the payload names a known one', () => {
    expect(chooseWarehouse(routing, undefined)).toEqual({ warehouseId: 'main', notes: [] });
    expect(chooseWarehouse(routing, ' main ')).toEqual({ warehouseId: 'main', notes: [] });
    expect(chooseWarehouse(routing, 'east')).toEqual({
      warehouseId: 'east',
      notes: ['Warehouse east named by the channel.'],
    });
    expect(chooseWarehouse({ warehouseId: 'main' }, 'east').warehouseId).toBe('main');
  });

  it('notes an unknown name, shortened, and keeps the routing warehouse', () => {
    const chosen = chooseWarehouse(routing, 'x'.repeat(100));
    expect(chosen.warehouseId).toBe('main');
    expect(chosen.notes[0]).toContain(`"${'x'.repeat(60)}…"`);
  });

  it('finds the attribute by name in any case, and only a text value', () => {
    const attributes = [
      { name: 'gift', value: 'yes' },
      { name: ' Warehouse ', value: 'east' },
    ];
    expect(warehouseNamedIn(attributes, routing)).toBe('east');
    expect(warehouseNamedIn([{ name: 'warehouse', value: 7 }], routing)).toBeUndefined();
    expect(warehouseNamedIn(attributes, { ...routing, warehouseFromPayload: 'site' })).toBeUndefined();
  });
});
