import { resolvePolicy } from '../../../shared/policy/resolve-policy.js';
import { call, type Policies } from '../api.js';
import { failure, field, h, loading, show } from '../dom.js';
import { dataTable, scrollRegion } from '../table.js';

const text = (value: unknown) =>
  value === undefined ? '' : typeof value === 'object' ? JSON.stringify(value) : String(value);

/**
 * Policies at each layer (service defaults, tenant, each channel, each SKU) and, for a channel and
 * SKU chosen, the value that applies and the layer it comes from, resolved as the engine does.
 */
export const policiesView = async (main: HTMLElement): Promise<void> => {
  show(main, h('h1', null, 'Policies'), loading('the policies'));
  let policies: Policies;
  try {
    policies = await call<Policies>('GET', '/policies');
  } catch (error) {
    show(main, h('h1', null, 'Policies'), failure(error));
    return;
  }
  const { defaults, config } = policies;
  const channels = Object.keys(config.channels ?? {});
  const skus = Object.keys(config.skus ?? {});
  const layers: Array<[string, Record<string, unknown> | undefined]> = [
    ['Tenant', config.tenant],
    ...channels.map((name): [string, Record<string, unknown> | undefined] => [
      `Channel ${name}`,
      config.channels?.[name],
    ]),
    ...skus.map((name): [string, Record<string, unknown> | undefined] => [
      `SKU ${name}`,
      config.skus?.[name],
    ]),
  ];
  const channel = h('input', { name: 'channel', list: 'channel-names', autocomplete: 'off' });
  const sku = h('input', { name: 'sku', list: 'sku-names', autocomplete: 'off' });
  const resolved = h('tbody');
  const resolve = () => {
    const { values, sources } = resolvePolicy(config, {
      ...(channel.value.trim() ? { channel: channel.value.trim() } : {}),
      ...(sku.value.trim() ? { skus: [sku.value.trim()] } : {}),
    });
    show(
      resolved,
      Object.entries(values).map(([name, value]) =>
        h(
          'tr',
          null,
          h('th', { scope: 'row' }, name),
          h('td', null, text(value)),
          h('td', null, sources[name as keyof typeof sources]),
        ),
      ),
    );
  };
  resolve();
  show(
    main,
    h('h1', null, 'Policies'),
    h(
      'p',
      null,
      `Version ${policies.version}. Layers apply in this order: service defaults, tenant, channel, SKU, then an order's own override.`,
    ),
    h(
      'section',
      { 'aria-labelledby': 'resolved-title' },
      h('h2', { id: 'resolved-title' }, 'What applies'),
      h(
        'form',
        {
          class: 'filters',
          'aria-label': 'Resolve for a channel and SKU',
          oninput: resolve,
          onsubmit: (event: Event) => event.preventDefault(),
        },
        field('Channel', channel),
        field('SKU', sku),
        h(
          'datalist',
          { id: 'channel-names' },
          channels.map((name) => h('option', { value: name })),
        ),
        h(
          'datalist',
          { id: 'sku-names' },
          skus.map((name) => h('option', { value: name })),
        ),
      ),
      dataTable(['Setting', 'Value', 'From'], resolved, { 'aria-label': 'Resolved policy' }),
    ),
    h(
      'section',
      { 'aria-labelledby': 'layers-title' },
      h('h2', { id: 'layers-title' }, 'Layers'),
      scrollRegion(
        'Policy layers',
        dataTable(
          ['Setting', 'Default', ...layers.map(([name]) => name)],
          Object.entries(defaults).map(([name, value]) =>
            h(
              'tr',
              null,
              h('th', { scope: 'row' }, name),
              h('td', null, text(value)),
              layers.map(([, layer]) => h('td', null, text(layer?.[name]))),
            ),
          ),
        ),
      ),
    ),
  );
};
