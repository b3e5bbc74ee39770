/**
 * Takes a listing page by page, oldest first, until a page comes back short, a page holds nothing
 * not seen already this run (entries whose work failed stay listed, for the next run), or the run
 * has no time left. One page a run fell behind for good whenever more than a page came due
 * between two runs (a few orders a second): what is newest, a lost `Order Received` or a split
 * delay that passed, waited behind ever more of what is older.
 */
export const everyPage = async <T, R>(
  read: () => Promise<readonly T[]>,
  identify: (entry: T) => string,
  /** Handles the entries of one page not seen before; `page` counts from 1. */
  handle: (entries: readonly T[], page: number) => Promise<R>,
  options: { limit: number; hasTime: () => boolean },
): Promise<R[]> => {
  const seen = new Set<string>();
  const results: R[] = [];
  for (;;) {
    const page = await read();
    const fresh = page.filter((entry) => !seen.has(identify(entry)));
    for (const entry of fresh) seen.add(identify(entry));
    if (fresh.length > 0) results.push(await handle(fresh, results.length + 1));
    if (page.length < options.limit || fresh.length === 0 || !options.hasTime()) return results;
  }
};
