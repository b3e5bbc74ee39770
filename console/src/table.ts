import { type Child, h } from './dom.js';

/** A column heading: a name, or a cell of its own (the queue's select-all box). */
export type Column = string | HTMLTableCellElement;

/**
 * A table whose first row names its columns, for screen readers as well (`scope="col"`). The
 * views build their own rows: each row heads itself with a `th scope="row"`.
 */
export const dataTable = (columns: readonly Column[], rows: Child, props?: Record<string, unknown>) =>
  h(
    'table',
    props ?? null,
    h(
      'thead',
      null,
      h(
        'tr',
        null,
        columns.map((column) => (typeof column === 'string' ? h('th', { scope: 'col' }, column) : column)),
      ),
    ),
    rows instanceof HTMLTableSectionElement ? rows : h('tbody', null, rows),
  );

/**
 * A table wider than the screen scrolls inside its own region; the region is named and can take
 * the focus, so keyboard users can scroll it too.
 */
export const scrollRegion = (label: string, content: Child) =>
  h('div', { class: 'table-scroll', role: 'region', 'aria-label': label, tabindex: '0' }, content);
