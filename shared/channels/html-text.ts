/**
 * WordPress hands out product names with HTML entities in them: WooCommerce itself joins a
 * variation's attributes with ` &ndash; `. Titles end up in emails and text messages, where an
 * entity is noise, so the common ones are decoded. Unknown names are left as they are.
 */
const NAMED: ReadonlyMap<string, string> = new Map(
  Object.entries({
    amp: '&',
    lt: '<',
    gt: '>',
    quot: '"',
    apos: "'",
    nbsp: '\u00a0',
    ndash: '–',
    mdash: '—',
    hellip: '…',
    lsquo: '‘',
    rsquo: '’',
    ldquo: '“',
    rdquo: '”',
    laquo: '«',
    raquo: '»',
    times: '×',
    deg: '°',
    trade: '™',
    reg: '®',
    copy: '©',
  }),
);

const ENTITY = /&(?:#(\d{1,7})|#[xX]([0-9A-Fa-f]{1,6})|([A-Za-z]{2,8}));/g;

const fromCodePoint = (code: number, entity: string): string =>
  code > 0 && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff) ? String.fromCodePoint(code) : entity;

export const decodeHtmlEntities = (text: string): string =>
  text.replace(ENTITY, (entity, decimal?: string, hex?: string, name?: string) => {
    if (decimal) return fromCodePoint(Number.parseInt(decimal, 10), entity);
    if (hex) return fromCodePoint(Number.parseInt(hex, 16), entity);
    return (name && NAMED.get(name)) ?? entity;
  });
