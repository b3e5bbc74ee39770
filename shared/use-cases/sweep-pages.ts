import type { ListingPage } from '../ports/listing-page.js';

/** What a run made of a listing: each page's result, and the failure that stopped it, if any. */
export interface Paged<R> {
  pages: R[];
  failure?: unknown;
}

/**
 * Takes a listing page by page, oldest first, each page starting after the last entry of the one
 * before, until the listing has no more or `hasTime` says the run must stop. One page a run fell
 * behind for good whenever more than a page came due between two runs (a few orders a second):
 * what is newest, a lost `Order Received` or a split delay that passed, waited behind ever more of
 * what is older. Entries whose work failed stay listed for the next run and do not hold back those
 * behind them. A failure ends the listing's paging, keeping what the pages before it did.
 */
export const everyPage = async <T, R>(
  read: (after?: string) => Promise<ListingPage<T>>,
  /** Handles one page; `page` counts the pages read, from 1. */
  handle: (entries: readonly T[], page: number) => Promise<R>,
  hasTime: () => boolean,
): Promise<Paged<R>> => {
  const pages: R[] = [];
  let after: string | undefined;
  let pagesRead = 0;
  try {
    do {
      const { entries, next } = await read(after);
      pagesRead += 1;
      if (entries.length > 0) pages.push(await handle(entries, pagesRead));
      after = next;
    } while (after !== undefined && hasTime());
  } catch (failure) {
    return { pages, failure };
  }
  return { pages };
};
