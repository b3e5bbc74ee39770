/** How often each interesting path was taken, so that a test can fail when its generators stop reaching one. */
const counts = new Map<string, number>();

export const tally = (what: string): void => {
  counts.set(what, (counts.get(what) ?? 0) + 1);
};

export const resetCoverage = (): void => counts.clear();

/** The paths in `wanted` that no run took. */
export const untaken = (wanted: readonly string[]): string[] => wanted.filter((what) => !counts.get(what));
