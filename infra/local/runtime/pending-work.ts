/** Counts work in flight (deliveries, timers), so that callers can wait until all is done. */
export class PendingWork {
  private count = 0;
  private waiters: Array<() => void> = [];

  /** Runs `work` and counts it until it settles. */
  track<T>(work: () => Promise<T>): Promise<T> {
    this.count++;
    return work().finally(() => this.done());
  }

  begin(): () => void {
    this.count++;
    let ended = false;
    return () => {
      if (!ended) {
        ended = true;
        this.done();
      }
    };
  }

  /** Resolves once nothing is in flight. */
  idle(): Promise<void> {
    return this.count === 0 ? Promise.resolve() : new Promise((resolve) => this.waiters.push(resolve));
  }

  private done(): void {
    this.count--;
    if (this.count === 0) for (const resolve of this.waiters.splice(0)) resolve();
  }
}
