import { planPublication } from './publication.js';
import type { SiteBucket } from './site-bucket.js';

/** Uploads at a time: enough to publish a build in seconds, few enough to stay clear of throttling. */
const PARALLEL_PUTS = 8;
/** What references the other files goes up last, so no visitor gets a page whose files are missing. */
const ENTRY_KEYS = new Set(['index.html', 'config.json']);

export interface PublishedSite {
  readonly put: number;
  readonly deleted: number;
}

/** Puts the build and its configuration, then deletes what an earlier build left behind. */
export async function publishSite(
  bucket: SiteBucket,
  build: ReadonlyArray<{ key: string; body: Uint8Array }>,
  config: Readonly<Record<string, unknown>>,
): Promise<PublishedSite> {
  const { puts, deletes } = planPublication(build, config, await bucket.keys());
  const assets = puts.filter(({ key }) => !ENTRY_KEYS.has(key));
  const entries = puts.filter(({ key }) => ENTRY_KEYS.has(key));
  for (const batch of [assets, entries])
    for (let start = 0; start < batch.length; start += PARALLEL_PUTS)
      await Promise.all(batch.slice(start, start + PARALLEL_PUTS).map((object) => bucket.put(object)));
  await bucket.delete(deletes);
  return { put: puts.length, deleted: deletes.length };
}

/** Empties the bucket when the console is removed, so the stack can delete the bucket too. */
export async function removeSite(bucket: SiteBucket): Promise<PublishedSite> {
  const keys = await bucket.keys();
  await bucket.delete(keys);
  return { put: 0, deleted: keys.length };
}
