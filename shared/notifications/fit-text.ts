/**
 * Short texts (SMS, email subject) assembled from slots. A slot offers alternatives, most wanted
 * first, and each alternative is kept whole or not at all: an id is never cut in half, it is
 * replaced by a shorter way of saying the same thing, or left out.
 */
export interface TextSlot {
  /** Most wanted first; the last one is what the text says when there is no room for more. */
  alternatives: readonly string[];
  /** Slots choose in rank order (lowest first), so what matters most survives a tight limit. */
  rank: number;
}

/**
 * "Under 160 characters" (DESIGN §6). The wording keeps to the GSM alphabet, so Latin text is one
 * SMS part; a name in another script makes it UCS-2, which SNS sends in more parts.
 */
export const SMS_MAX_LENGTH = 159;
/** SNS refuses a subject of 100 characters or more. */
export const SUBJECT_MAX_LENGTH = 99;

export const fixed = (text: string): TextSlot => ({ alternatives: [text], rank: 0 });

export const slot = (rank: number, ...alternatives: string[]): TextSlot => ({
  alternatives: alternatives.length > 0 ? alternatives : [''],
  rank,
});

/**
 * A list that gives way item by item from the end ("A, B +1 more") and at last to `whenEmpty`
 * (a count, say); `before` and `after` frame the items.
 */
export const listSlot = (
  rank: number,
  items: readonly string[],
  frame: { before: string; after: string; whenEmpty: string },
): TextSlot => {
  const alternatives: string[] = [];
  for (let shown = items.length; shown >= 1; shown--) {
    const hidden = items.length - shown;
    const more = hidden > 0 ? ` +${hidden} more` : '';
    alternatives.push(`${frame.before}${items.slice(0, shown).join(', ')}${more}${frame.after}`);
  }
  return slot(rank, ...alternatives, frame.whenEmpty);
};

const lengthOf = (slots: readonly TextSlot[], chosen: readonly number[]): number =>
  slots.reduce((sum, each, index) => sum + (each.alternatives[chosen[index] ?? 0] ?? '').length, 0);

/**
 * The text of the slots in their order, each with the most wanted alternative that still keeps the
 * whole within `limit` UTF-16 code units (never fewer than the characters a reader sees).
 */
export const fitText = (slots: readonly TextSlot[], limit: number): string => {
  const chosen = slots.map((each) => each.alternatives.length - 1);
  if (lengthOf(slots, chosen) > limit) {
    // Fallbacks are fixed wording and counts: only a wording change can get here.
    throw new Error(`The shortest form of this text is longer than ${limit} characters`);
  }
  const byRank = slots.map((_, index) => index).sort((a, b) => (slots[a]?.rank ?? 0) - (slots[b]?.rank ?? 0));
  for (const index of byRank) {
    const fallback = chosen[index] ?? 0;
    for (let candidate = 0; candidate < fallback; candidate++) {
      chosen[index] = candidate;
      if (lengthOf(slots, chosen) <= limit) break;
      chosen[index] = fallback;
    }
  }
  return slots.map((each, index) => each.alternatives[chosen[index] ?? 0] ?? '').join('');
};

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

/**
 * A subject SNS accepts as it is: printable ASCII only (anything else is rewritten or refused), so
 * alternatives with other characters (a channel order id in another script) are not offered.
 */
export const fitSubject = (slots: readonly TextSlot[]): string =>
  fitText(
    slots.map((each) => {
      const ascii = each.alternatives.filter((text) => PRINTABLE_ASCII.test(text));
      return { ...each, alternatives: ascii.length > 0 ? ascii : [''] };
    }),
    SUBJECT_MAX_LENGTH,
  );

export const fitSms = (slots: readonly TextSlot[]): string => fitText(slots, SMS_MAX_LENGTH);

// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it removes
const CONTROL_OR_SPACE = /[\s\u0000-\u001f\u007f-\u009f]+/g;

/** Text from outside (names, ids) on one line: a line break in a name must not break a subject. */
export const oneLine = (text: string | undefined): string =>
  (text ?? '').replace(CONTROL_OR_SPACE, ' ').trim();
