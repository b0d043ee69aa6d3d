import type { Metrics } from './metrics';
import type { Store, StoredEvent } from './store/types';

export interface IngestQueueOptions {
  /** Most events committed in one transaction; the rest wait for the next commit. */
  maxGroupEvents?: number;
  /** Events waiting beyond this are refused at once (the route answers 503) rather than queued. */
  maxPendingEvents?: number;
}

interface Pending {
  events: StoredEvent[];
  resolve: (newCount: number) => void;
  reject: (error: unknown) => void;
}

/** The queue is full: shed load instead of growing memory without bound. */
export class IngestQueueFull extends Error {}

/**
 * Group commit: requests that arrive while a commit is running wait and are then committed
 * together in ONE transaction; each request's promise resolves only after that commit, with the
 * number of its own events that were new. The cost of ingest is mostly per transaction, not per
 * event (REFERENCE.md: ~55% of a no-op server's request rate against ~31% with one transaction
 * per request), so this is the ingest path's main lever.
 *
 * @example
 * const queue = new IngestQueue(store, metrics);
 * const fresh = await queue.submit(events); // committed when this resolves
 */
export class IngestQueue {
  private waiting: Pending[] = [];
  private waitingEvents = 0;
  private committing = false;
  private readonly maxGroupEvents: number;
  private readonly maxPendingEvents: number;

  constructor(
    private readonly store: Store,
    private readonly metrics: Metrics,
    options: IngestQueueOptions = {},
  ) {
    this.maxGroupEvents = options.maxGroupEvents ?? 2000;
    this.maxPendingEvents = options.maxPendingEvents ?? 50_000;
    metrics.gauge('waymark_ingest_queue_depth', () => this.waitingEvents);
  }

  /** Events waiting for a commit (not counting the commit in flight). */
  get depth(): number {
    return this.waitingEvents;
  }

  submit(events: StoredEvent[]): Promise<number> {
    if (this.waitingEvents + events.length > this.maxPendingEvents) {
      return Promise.reject(new IngestQueueFull(`ingest queue holds ${this.waitingEvents} events`));
    }
    return new Promise((resolve, reject) => {
      this.waiting.push({ events, resolve, reject });
      this.waitingEvents += events.length;
      // Let the requests already parsed in this turn of the event loop join the first commit.
      if (!this.committing) {
        this.committing = true;
        setImmediate(() => void this.commitLoop());
      }
    });
  }

  private async commitLoop(): Promise<void> {
    while (this.waiting.length > 0) {
      const group = this.takeGroup();
      const started = performance.now();
      try {
        const counts = await this.store.insertEventGroups(group.map((pending) => pending.events));
        this.metrics.count('waymark_ingest_commits_total');
        this.metrics.observe('waymark_ingest_commit_duration_ms', {}, performance.now() - started);
        this.metrics.count('waymark_ingest_committed_requests_total', {}, group.length);
        group.forEach((pending, i) => pending.resolve(counts[i] ?? 0));
      } catch (error) {
        this.metrics.count('waymark_ingest_commit_failures_total');
        for (const pending of group) pending.reject(error);
      }
    }
    this.committing = false;
  }

  private takeGroup(): Pending[] {
    const group: Pending[] = [];
    let size = 0;
    while (this.waiting.length > 0) {
      const next = this.waiting[0]!;
      if (group.length > 0 && size + next.events.length > this.maxGroupEvents) break;
      group.push(this.waiting.shift()!);
      size += next.events.length;
    }
    this.waitingEvents -= size;
    return group;
  }
}
