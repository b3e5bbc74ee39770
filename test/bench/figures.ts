/** A measured figure, with the target it is held to (if any) and whether it meets it. */
export interface Figure {
  /** Dotted path of the figure in the JSON report, e.g. `hotSku.projectedLinesPerSecond`. */
  key: string;
  label: string;
  value: number;
  target?: { text: string; met: boolean };
}

export const measured = (key: string, label: string, value: number): Figure => ({ key, label, value });

export const atMost = (limit: number, figure: Figure): Figure => ({
  ...figure,
  target: { text: `≤ ${limit}`, met: figure.value <= limit },
});

export const atLeast = (floor: number, figure: Figure): Figure => ({
  ...figure,
  target: { text: `≥ ${floor}`, met: figure.value >= floor },
});

export const sameAs = (other: Figure, figure: Figure): Figure => ({
  ...figure,
  target: { text: `= ${other.key.split('.').pop()} (${other.value})`, met: figure.value === other.value },
});

/** `part / whole`, or NaN when there is nothing to divide by (printed as n/a, written as null). */
export const ratio = (part: number, whole: number): number => (whole > 0 ? part / whole : Number.NaN);
