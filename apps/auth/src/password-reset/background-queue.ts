import { Logger } from '@nestjs/common';

/**
 * Runs jobs one after another, off the request path, so a forgot-password request answers in the
 * same time whether or not the account exists (the lookup and the sending happen here). Bounded:
 * beyond `limit` waiting jobs new ones are dropped (and logged), so a flood cannot grow memory.
 */
export class BackgroundQueue {
  private readonly log = new Logger('BackgroundQueue');
  private tail: Promise<void> = Promise.resolve();
  private waiting = 0;

  constructor(private readonly limit = 1000) {}

  get pending(): number {
    return this.waiting;
  }

  enqueue(name: string, job: () => Promise<void>): void {
    if (this.waiting >= this.limit) {
      this.log.warn({ msg: 'background queue full, job dropped', job: name });
      return;
    }
    this.waiting++;
    this.tail = this.tail
      // Start after the current I/O turn, so the response that queued the job goes out first.
      .then(() => new Promise<void>((resolve) => setImmediate(resolve)))
      .then(job)
      .catch((err: unknown) => this.log.error({ msg: 'background job failed', job: name, err: String((err as Error)?.message ?? err) }))
      .finally(() => {
        this.waiting--;
      });
  }

  /** Resolves when everything queued so far has run (shutdown, tests). */
  drain(): Promise<void> {
    return this.tail;
  }
}
