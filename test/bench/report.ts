/** The figures as a readable table, and as JSON nested by their keys. */
import { writeFile } from 'node:fs/promises';
import type { Figure } from './figures.js';

const formatted = (value: number): string => {
  if (!Number.isFinite(value)) return 'n/a';
  if (Number.isInteger(value)) return value.toLocaleString('en-US');
  return value.toLocaleString('en-US', { maximumSignificantDigits: 3 });
};

export const figureTable = (figures: readonly Figure[]): string => {
  const rows = figures.map((figure) => [
    figure.label,
    formatted(figure.value),
    figure.target?.text ?? '',
    figure.target ? (figure.target.met ? 'met' : 'MISSED') : '',
    figure.key,
  ]);
  const header = ['figure', 'value', 'target', '', 'key'];
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)),
  );
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, column) =>
        column === 1 ? cell.padStart(widths[1] ?? 0) : cell.padEnd(widths[column] ?? 0),
      )
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((width) => '-'.repeat(width))), ...rows.map(line)].join('\n');
};

export const targetSummary = (figures: readonly Figure[]): string => {
  const held = figures.filter((figure) => figure.target);
  const missed = held.filter((figure) => !figure.target?.met);
  return `${held.length - missed.length} of ${held.length} targets met${
    missed.length > 0 ? `; missed: ${missed.map((figure) => figure.key).join(', ')}` : ''
  }`;
};

const setPath = (into: Record<string, unknown>, path: string, value: unknown) => {
  const parts = path.split('.');
  let node = into;
  for (const part of parts.slice(0, -1)) {
    node[part] ??= {};
    node = node[part] as Record<string, unknown>;
  }
  node[parts.at(-1) as string] = value;
};

/** `{ <figures by key>, targets: { <key>: { target, met } } }`; NaN is written as null. */
export const figureJson = (figures: readonly Figure[], about: Record<string, unknown>) => {
  const json: Record<string, unknown> = { ...about };
  const targets: Record<string, unknown> = {};
  for (const figure of figures) {
    setPath(json, figure.key, Number.isFinite(figure.value) ? figure.value : null);
    if (figure.target) targets[figure.key] = { target: figure.target.text, met: figure.target.met };
  }
  return { ...json, targets };
};

export const writeJsonReport = (file: string, json: unknown) =>
  writeFile(file, `${JSON.stringify(json, null, 2)}\n`);
