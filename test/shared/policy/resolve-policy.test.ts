import fc from 'fast-check';
import {
  type Policy,
  type PolicyConfig,
  type PolicyLayer,
  type PolicySetting,
  SERVICE_DEFAULTS,
} from '../../../shared/policy/policy.js';
import { queuePriority, resolvePolicy } from '../../../shared/policy/resolve-policy.js';
import { deepFreeze } from '../../support/engine-checks.js';

/** Every value each setting can take (for numbers, a few representative ones). */
const SETTING_VALUES: Array<[PolicySetting, Policy[PolicySetting]]> = [
  ['onShortage', 'reject'],
  ['onShortage', 'dropShort'],
  ['onShortage', 'holdAll'],
  ['onShortage', 'holdPartial'],
  ['onShortage', 'split'],
  ['splitDelayDays', 0],
  ['splitDelayDays', 3],
  ['autoAllocate', false],
  ['autoAllocate', true],
  ['reserveWhileWaiting', false],
  ['reserveWhileWaiting', true],
  ['priority', 'fifo'],
  ['priority', 'shipBy'],
  ['priority', 'priorityThenFifo'],
  ['splitSupported', false],
  ['splitSupported', true],
  ['minimumFill', { kind: 'percent', value: 60 }],
  ['minimumFill', { kind: 'units', value: 2 }],
  ['minimumFill', null],
  ['autoCancelAfterDays', 30],
  ['autoCancelAfterDays', null],
  ['escalateAfterDays', 7],
  ['escalateAfterDays', null],
  ['strategy', 'win'],
  ['strategy', 'gain'],
  ['strategy', 'fill'],
  ['strategy', 'lose'],
  ['allocationMode', 'fairShare'],
  ['mergeSiblings', false],
  ['mergeSiblings', true],
  ['maxShipments', 2],
  ['maxShipments', null],
];

/** Puts one layer at each level, scoped to channel `shopify`, SKUs `MUG-1` then `TEE-1`. */
const LAYERS: Array<{
  layer: string;
  source: string;
  place: (layer: PolicyLayer) => { config: PolicyConfig; override?: PolicyLayer };
}> = [
  { layer: 'tenant', source: 'tenant', place: (layer) => ({ config: { tenant: layer } }) },
  {
    layer: 'channel',
    source: 'channel:shopify',
    place: (layer) => ({ config: { channels: { shopify: layer } } }),
  },
  { layer: 'SKU', source: 'sku:MUG-1', place: (layer) => ({ config: { skus: { 'MUG-1': layer } } }) },
  { layer: 'order', source: 'order', place: (layer) => ({ config: {}, override: layer }) },
];

const SCOPE = { channel: 'shopify', skus: ['MUG-1', 'TEE-1'] } as const;

describe('resolvePolicy', () => {
  it('gives the service defaults, each sourced from the defaults, when nothing is configured', () => {
    const { values, sources } = resolvePolicy({}, SCOPE);
    expect(values).toEqual(SERVICE_DEFAULTS);
    expect(values).toEqual({
      onShortage: 'holdPartial',
      splitDelayDays: 0,
      autoAllocate: true,
      reserveWhileWaiting: true,
      priority: 'fifo',
      splitSupported: true,
      minimumFill: null,
      autoCancelAfterDays: null,
      escalateAfterDays: null,
      strategy: 'redistribute',
      allocationMode: 'queue',
      mergeSiblings: true,
      maxShipments: null,
    });
    expect(new Set(Object.values(sources))).toEqual(new Set(['default']));
    expect(Object.keys(sources).sort()).toEqual(Object.keys(SERVICE_DEFAULTS).sort());
  });

  describe.each(LAYERS)('a value set at the $layer layer', ({ source, place }) => {
    it.each(SETTING_VALUES)('%s = %j is used and sourced from it', (setting, value) => {
      const { config, override } = place({ [setting]: value });
      const { values, sources } = resolvePolicy(deepFreeze(config), { ...SCOPE, override });
      expect(values[setting]).toEqual(value);
      expect(sources[setting]).toBe(source);
      for (const other of Object.keys(SERVICE_DEFAULTS) as PolicySetting[]) {
        if (other === setting) continue;
        expect(values[other]).toEqual(SERVICE_DEFAULTS[other]);
        expect(sources[other]).toBe('default');
      }
    });
  });

  it.each([
    ['tenant over the defaults', { tenant: { onShortage: 'split' } }, undefined, 'split', 'tenant'],
    [
      'channel over tenant',
      { tenant: { onShortage: 'split' }, channels: { shopify: { onShortage: 'reject' } } },
      undefined,
      'reject',
      'channel:shopify',
    ],
    [
      'SKU over channel',
      { channels: { shopify: { onShortage: 'reject' } }, skus: { 'MUG-1': { onShortage: 'holdAll' } } },
      undefined,
      'holdAll',
      'sku:MUG-1',
    ],
    [
      'order over SKU',
      { skus: { 'MUG-1': { onShortage: 'holdAll' } } },
      { onShortage: 'dropShort' },
      'dropShort',
      'order',
    ],
    [
      'another channel’s layer is ignored',
      { tenant: { onShortage: 'split' }, channels: { woocommerce: { onShortage: 'reject' } } },
      undefined,
      'split',
      'tenant',
    ],
    [
      'a layer for a SKU outside the scope is ignored',
      { tenant: { onShortage: 'split' }, skus: { 'CAP-1': { onShortage: 'reject' } } },
      undefined,
      'split',
      'tenant',
    ],
    [
      'a setting left undefined falls through',
      { tenant: { onShortage: 'split' }, channels: { shopify: { onShortage: undefined } } },
      undefined,
      'split',
      'tenant',
    ],
  ] as Array<[string, PolicyConfig, PolicyLayer | undefined, Policy['onShortage'], string]>)(
    'layers win in order: %s',
    (_, config, override, expected, source) => {
      const { values, sources } = resolvePolicy(deepFreeze(config), { ...SCOPE, override });
      expect(values.onShortage).toBe(expected);
      expect(sources.onShortage).toBe(source);
    },
  );

  it('records a different source for each setting when they come from different layers', () => {
    const { values, sources } = resolvePolicy(
      {
        tenant: { onShortage: 'split', priority: 'shipBy' },
        channels: { shopify: { splitSupported: false } },
        skus: { 'MUG-1': { minimumFill: { kind: 'units', value: 2 } } },
      },
      { ...SCOPE, override: { autoAllocate: false, strategy: 'win' } },
    );
    expect(values).toMatchObject({
      onShortage: 'split',
      priority: 'shipBy',
      splitSupported: false,
      minimumFill: { kind: 'units', value: 2 },
      autoAllocate: false,
    });
    expect(sources).toEqual({
      onShortage: 'tenant',
      splitDelayDays: 'default',
      autoAllocate: 'order',
      reserveWhileWaiting: 'default',
      priority: 'tenant',
      splitSupported: 'channel:shopify',
      minimumFill: 'sku:MUG-1',
      autoCancelAfterDays: 'default',
      escalateAfterDays: 'default',
      strategy: 'order',
      allocationMode: 'default',
      mergeSiblings: 'default',
      maxShipments: 'default',
    });
  });

  it('an explicit null at a higher layer clears a value set below it', () => {
    const { values, sources } = resolvePolicy(
      {
        tenant: { minimumFill: { kind: 'percent', value: 50 } },
        channels: { shopify: { minimumFill: null } },
      },
      SCOPE,
    );
    expect(values.minimumFill).toBeNull();
    expect(sources.minimumFill).toBe('channel:shopify');
  });

  it.each([
    [['MUG-1', 'TEE-1'], 'holdAll', 'sku:MUG-1'],
    [['TEE-1', 'MUG-1'], 'reject', 'sku:TEE-1'],
  ])('among several SKUs the first that sets a value wins (SKUs %j)', (skus, expected, source) => {
    const config: PolicyConfig = {
      skus: {
        'MUG-1': { onShortage: 'holdAll' },
        'TEE-1': { onShortage: 'reject', splitDelayDays: 5 },
      },
    };
    const { values, sources } = resolvePolicy(config, { channel: 'shopify', skus });
    expect(values.onShortage).toBe(expected);
    expect(sources.onShortage).toBe(source);
    // A setting only the later SKU sets still comes from it.
    expect(values.splitDelayDays).toBe(5);
    expect(sources.splitDelayDays).toBe('sku:TEE-1');
  });

  it('a SKU without a layer does not stop a later SKU from setting a value', () => {
    const { values, sources } = resolvePolicy(
      { skus: { 'TEE-1': { onShortage: 'split' } } },
      { skus: ['MUG-1', 'TEE-1'] },
    );
    expect(values.onShortage).toBe('split');
    expect(sources.onShortage).toBe('sku:TEE-1');
  });

  it('with no scope, only the defaults and the tenant layer apply', () => {
    const { values, sources } = resolvePolicy({
      tenant: { autoAllocate: false },
      channels: { shopify: { onShortage: 'reject' } },
      skus: { 'MUG-1': { onShortage: 'split' } },
    });
    expect(values.onShortage).toBe('holdPartial');
    expect(values.autoAllocate).toBe(false);
    expect(sources.autoAllocate).toBe('tenant');
  });

  it('never writes to the configuration, the override or the service defaults', () => {
    const config = deepFreeze<PolicyConfig>({
      tenant: { minimumFill: { kind: 'percent', value: 50 } },
      channels: { shopify: { onShortage: 'split' } },
    });
    const override = deepFreeze<PolicyLayer>({ autoAllocate: false });
    const first = resolvePolicy(config, { channel: 'shopify', override });
    first.values.onShortage = 'reject';
    first.sources.onShortage = 'default';
    expect(resolvePolicy(config, { channel: 'shopify', override }).values.onShortage).toBe('split');
    expect(SERVICE_DEFAULTS.onShortage).toBe('holdPartial');
  });

  it('property: each setting comes from the highest layer that sets it', () => {
    const layer = fc.record(
      {
        onShortage: fc.constantFrom('reject', 'dropShort', 'holdAll', 'holdPartial', 'split' as const),
        splitDelayDays: fc.integer({ min: 0, max: 30 }),
        autoAllocate: fc.boolean(),
        priority: fc.constantFrom('fifo', 'shipBy', 'priorityThenFifo' as const),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(layer, layer, layer, layer, layer, (tenant, channel, first, second, override) => {
        const config: PolicyConfig = {
          tenant,
          channels: { shopify: channel },
          skus: { A: first, B: second },
        };
        const { values, sources } = resolvePolicy(config, { channel: 'shopify', skus: ['A', 'B'], override });
        const stack: Array<[string, PolicyLayer]> = [
          ['order', override],
          ['sku:A', first],
          ['sku:B', second],
          ['channel:shopify', channel],
          ['tenant', tenant],
        ];
        for (const setting of ['onShortage', 'splitDelayDays', 'autoAllocate', 'priority'] as const) {
          const winner = stack.find(([, candidate]) => candidate[setting] !== undefined);
          expect(sources[setting]).toBe(winner ? winner[0] : 'default');
          expect(values[setting]).toEqual(winner ? winner[1][setting] : SERVICE_DEFAULTS[setting]);
        }
      }),
    );
  });
});

describe('queuePriority', () => {
  it.each([
    ['defaults', {}, 'fifo'],
    ['tenant', { tenant: { priority: 'shipBy' } }, 'shipBy'],
    [
      'SKU over tenant',
      { tenant: { priority: 'shipBy' }, skus: { 'MUG-1': { priority: 'priorityThenFifo' } } },
      'priorityThenFifo',
    ],
    [
      'another SKU’s layer is ignored',
      { tenant: { priority: 'shipBy' }, skus: { 'TEE-1': { priority: 'fifo' } } },
      'shipBy',
    ],
    ['the channel layer is ignored', { channels: { shopify: { priority: 'shipBy' } } }, 'fifo'],
    [
      'the channel layer is ignored even over the tenant',
      { tenant: { priority: 'priorityThenFifo' }, channels: { shopify: { priority: 'shipBy' } } },
      'priorityThenFifo',
    ],
  ] as Array<[string, PolicyConfig, Policy['priority']]>)('%s', (_, config, expected) => {
    expect(queuePriority(deepFreeze(config), 'MUG-1')).toBe(expected);
  });

  it('is the same for every channel and order override, since a queue is shared', () => {
    const config: PolicyConfig = {
      tenant: { priority: 'shipBy' },
      channels: { shopify: { priority: 'fifo' }, woocommerce: { priority: 'priorityThenFifo' } },
    };
    expect(queuePriority(config, 'MUG-1')).toBe('shipBy');
    // An order's own override changes its order policy, but never the SKU queue it waits in.
    expect(
      resolvePolicy(config, { channel: 'shopify', override: { priority: 'priorityThenFifo' } }).values
        .priority,
    ).toBe('priorityThenFifo');
    expect(queuePriority(config, 'MUG-1')).toBe('shipBy');
  });
});
