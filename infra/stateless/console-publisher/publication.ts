/**
 * What publishing the console changes in its bucket, decided without touching S3: every file of
 * the build and `config.json` are put, served `no-cache` (revalidated by ETag, so a deployment
 * shows at once with no CloudFront invalidation), and whatever an earlier build left is deleted.
 */
export interface SiteObject {
  readonly key: string;
  readonly body: Uint8Array;
  readonly contentType: string;
}

export interface Publication {
  readonly puts: readonly SiteObject[];
  readonly deletes: readonly string[];
}

export const CACHE_CONTROL = 'no-cache';
export const CONFIG_KEY = 'config.json';

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  html: 'text/html; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  mjs: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
  json: 'application/json',
  map: 'application/json',
  svg: 'image/svg+xml',
  png: 'image/png',
  ico: 'image/x-icon',
  webmanifest: 'application/manifest+json',
  txt: 'text/plain; charset=utf-8',
  woff2: 'font/woff2',
};

export const contentTypeOf = (key: string): string =>
  CONTENT_TYPES[key.slice(key.lastIndexOf('.') + 1).toLowerCase()] ?? 'application/octet-stream';

/** The build's files plus the page's configuration, and the stale keys to delete. */
export function planPublication(
  build: ReadonlyArray<{ key: string; body: Uint8Array }>,
  config: Readonly<Record<string, unknown>>,
  existingKeys: readonly string[],
): Publication {
  const puts: SiteObject[] = build
    .filter(({ key }) => key !== CONFIG_KEY)
    .map(({ key, body }) => ({ key, body, contentType: contentTypeOf(key) }));
  puts.push({
    key: CONFIG_KEY,
    body: new TextEncoder().encode(JSON.stringify(config)),
    contentType: contentTypeOf(CONFIG_KEY),
  });
  const kept = new Set(puts.map(({ key }) => key));
  return { puts, deletes: existingKeys.filter((key) => !kept.has(key)) };
}
