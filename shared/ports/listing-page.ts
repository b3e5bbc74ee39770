/**
 * One page of a listing the sweep takes, oldest first, and where the next page starts (after the
 * last entry read): absent when nothing more was listed when the page was read.
 */
export interface ListingPage<T> {
  entries: T[];
  next?: string;
}
