import type { ListingPage } from '../../../shared/ports/listing-page.js';
import { everyPage } from '../../../shared/use-cases/sweep-pages.js';

/** A listing of numbered entries kept sorted by key, read `limit` at a time after a cursor. */
const listing = (keys: readonly string[], limit: number) => {
  const listed = new Set(keys);
  const reads: Array<string | undefined> = [];
  const read = async (after?: string): Promise<ListingPage<string>> => {
    reads.push(after);
    const sorted = [...listed].sort().filter((key) => after === undefined || key > after);
    const entries = sorted.slice(0, limit);
    return sorted.length > limit ? { entries, next: entries.at(-1) as string } : { entries };
  };
  return { listed, reads, read };
};

const keys = (prefix: string, count: number) =>
  Array.from({ length: count }, (_, index) => `${prefix}-${String(index).padStart(3, '0')}`);

it('reaches the entries behind a full page whose work keeps failing: they stay listed for the next run', async () => {
  const failing = keys('a', 200);
  const { listed, read } = listing([...failing, ...keys('b', 300)], 200);
  const { pages, failure } = await everyPage(
    read,
    async (entries) => {
      for (const entry of entries) if (!entry.startsWith('a')) listed.delete(entry);
      return entries.length;
    },
    () => true,
  );
  expect(failure).toBeUndefined();
  expect(pages).toEqual([200, 200, 100]);
  expect([...listed].sort()).toEqual(failing);
});

it('stops when the run has no time left, and keeps what the pages before a failure did', async () => {
  const { read, reads } = listing(keys('c', 450), 200);
  const timed = await everyPage(
    read,
    async (entries) => entries.length,
    () => false,
  );
  expect(timed.pages).toEqual([200]);
  expect(reads).toEqual([undefined]);

  let calls = 0;
  const failing = await everyPage(
    read,
    async (entries, page) => {
      calls += 1;
      if (page === 2) throw new Error('throttled');
      return entries.length;
    },
    () => true,
  );
  expect(calls).toBe(2);
  expect(failing.pages).toEqual([200]);
  expect(failing.failure).toEqual(new Error('throttled'));
});
