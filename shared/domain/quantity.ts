/** True when `value` is a whole number of units greater than zero. */
export const isPositiveQuantity = (value: number): boolean => Number.isInteger(value) && value > 0;
