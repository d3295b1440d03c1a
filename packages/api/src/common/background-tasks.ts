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

/**
 * GraphQL requests between their context and their response. Apollo's drain waits for open
 * sockets, not for operations whose client has gone: shutdown waits for these before closing the
 * pools, so each ends with its own commit or rollback.
 */
export class RequestsInFlight {
  private readonly open = new Set<object>();
  private idle?: () => void;

  add(request: object): void {
    this.open.add(request);
  }

  delete(request: object): void {
    this.open.delete(request);
    if (this.open.size === 0) this.idle?.();
  }

  whenIdle(timeoutMs: number): Promise<void> {
    if (this.open.size === 0) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, timeoutMs);
      this.idle = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }
}
