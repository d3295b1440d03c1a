import type { Logger } from './logger';

/**
 * Work that follows a response without delaying it (e-mail after a commit), so that response
 * times do not reveal it either. Failures are logged; shutdown waits for what is in flight.
 */
export class BackgroundTasks {
  private readonly running = new Set<Promise<void>>();

  constructor(private readonly logger: Logger) {}

  run(description: string, requestId: string, task: () => Promise<void>): void {
    const promise: Promise<void> = task()
      .catch((error: unknown) =>
        this.logger.error({ err: error, requestId }, `${description} failed`),
      )
      .finally(() => this.running.delete(promise));
    this.running.add(promise);
  }

  /** Resolves once everything started so far has finished. */
  async drain(): Promise<void> {
    while (this.running.size > 0) await Promise.allSettled([...this.running]);
  }
}
