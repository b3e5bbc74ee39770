import type { SiteObject } from '../../../../infra/stateless/console-publisher/publication.js';
import type { SiteBucket } from '../../../../infra/stateless/console-publisher/site-bucket.js';

/** A bucket held in a map, recording the order of the calls made to it. */
export function inMemoryBucket(initial: Record<string, string> = {}) {
  const objects = new Map<string, SiteObject>(
    Object.entries(initial).map(([key, body]) => [
      key,
      { key, body: new TextEncoder().encode(body), contentType: 'text/plain' },
    ]),
  );
  const calls: string[] = [];
  const bucket: SiteBucket = {
    async keys() {
      calls.push('list');
      return [...objects.keys()];
    },
    async put(object) {
      calls.push(`put ${object.key}`);
      objects.set(object.key, object);
    },
    async delete(keys) {
      calls.push(`delete ${keys.join(',')}`);
      for (const key of keys) objects.delete(key);
    },
  };
  const text = (key: string) => {
    const object = objects.get(key);
    return object && new TextDecoder().decode(object.body);
  };
  return { bucket, objects, calls, text };
}
