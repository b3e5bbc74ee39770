const BACKORDER_SUFFIX = /(-BO\d+)+$/;

/** The family root of an order id: backorder ids are `<rootId>-BO<n>` (older ones nested `-BO<n>` twice). */
export const familyRootId = (orderId: string): string => orderId.replace(BACKORDER_SUFFIX, '');

/** The number a backorder id carries (its last `-BO<n>`), or 0 for an id of another family or a root. */
const numberIn = (root: string, orderId: string): number => {
  if (familyRootId(orderId) !== root || orderId === root) return 0;
  return Number(/-BO(\d+)$/.exec(orderId)?.[1] ?? 0);
};

/** The number of a backorder id (`P-BO3` → 3), or 0 for a root. */
export const backorderNumber = (orderId: string): number => numberIn(familyRootId(orderId), orderId);

/**
 * The id of the next backorder of `parent`'s family: numbered from the family root (DESIGN §2), one
 * past the highest number known (the parent's own, its backorders', and any in `known`). Derived,
 * so a retried split creates nothing twice; a sibling the caller did not know of makes the create
 * fail its condition, and the re-decision then knows it.
 *
 * @example
 * ```ts
 * nextBackorderId({ orderId: 'P-BO1', backorderIds: [] }); // 'P-BO2', not 'P-BO1-BO1'
 * ```
 */
export const nextBackorderId = (
  parent: { orderId: string; backorderIds: readonly string[] },
  known: Iterable<string> = [],
): string => {
  const root = familyRootId(parent.orderId);
  const ids = [parent.orderId, ...parent.backorderIds, ...known];
  const highest = Math.max(0, ...ids.map((id) => numberIn(root, id)));
  return `${root}-BO${highest + 1}`;
};
