/** A waiting line's promise (DESIGN §15) as people read it. */
export const expectedText = (expectedBy: string | null | undefined): string | undefined => {
  if (expectedBy === undefined) return undefined;
  if (expectedBy === null) return 'no expected supply covers it';
  return `expected by ${new Date(expectedBy).toLocaleDateString(undefined, { day: 'numeric', month: 'short', timeZone: 'UTC' })}`;
};
