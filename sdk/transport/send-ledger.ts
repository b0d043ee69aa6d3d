/** The part of the Web Storage API the ledger uses: localStorage in browsers, a Map-backed stand-in in Node. */
export type LedgerStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem' | 'key' | 'length'>;

/**
 * Which queued event ids have already left the browser, shared by every tab of a site. It lives in
 * localStorage because the moments that matter are page hide and unload, when only synchronous
 * writes are sure to land (an IndexedDB transaction begun then may be aborted with the page).
 *
 * - A claim: the ids of the one batch in flight under the send lock, written just before its fetch
 *   and removed once the answer is handled. Beacons skip claimed ids. A claim still there when the
 *   next tab takes the lock belongs to a page that died waiting: its keepalive request was already
 *   handed to the browser, so those ids count as sent.
 * - Recently sent: the ids of the last batches the collector acknowledged. Other tabs learn of an
 *   acknowledgement by BroadcastChannel, a task later; a tab hidden in between must not beacon them.
 * - Receipts: ids a sendBeacon accepted. A beacon gives no answer; like most analytics SDKs we count
 *   an accepted beacon as delivered, so the next flush removes those ids from the queue unsent.
 *
 * When localStorage is unavailable the ledger is kept in memory: it still guards this page.
 */
export class SendLedger {
  private readonly claimKey: string;
  private readonly sentKey: string;
  private readonly receiptPrefix: string;
  private readonly memory = new Map<string, string>();
  private receipts = 0;

  constructor(
    site: string,
    private readonly storage: LedgerStorage | undefined = localStorageIfUsable(),
    /** Tells this page's receipts apart from other tabs' (several tabs may beacon at once). */
    private readonly page: string = Math.random().toString(36).slice(2),
  ) {
    this.claimKey = `waymark.${site}.sending`;
    this.sentKey = `waymark.${site}.sent`;
    this.receiptPrefix = `waymark.${site}.beaconed.`;
  }

  claim(ids: string[]): void {
    this.write(this.claimKey, ids.join(','));
  }

  /** The batch was answered (or the request failed): the claim no longer speaks for it. */
  release(delivered = false): void {
    if (delivered) this.write(this.sentKey, [...this.claimed(), ...split(this.read(this.sentKey))].slice(0, RECENTLY_SENT).join(','));
    this.remove(this.claimKey);
  }

  claimed(): string[] {
    return split(this.read(this.claimKey));
  }

  /** Ids a beacon must skip: the batch in flight and the ones just acknowledged. */
  sentOrSending(): string[] {
    return [...this.claimed(), ...split(this.read(this.sentKey))];
  }

  /** sendBeacon accepted these ids. */
  beaconed(ids: string[]): void {
    this.write(`${this.receiptPrefix}${this.page}.${this.receipts++}`, ids.join(','));
  }

  /**
   * Every id that left the browser but may still sit in the queue (receipts, and the claim of a page
   * that died), with the call that forgets those entries once the ids are out of the queue. Only a
   * tab holding the send lock knows a claim it finds is an orphan, hence `withClaim`.
   */
  handedOff(withClaim: boolean): { ids: string[]; settle: () => void } {
    const keys = [...(withClaim ? [this.claimKey] : []), ...this.keys().filter((key) => key.startsWith(this.receiptPrefix))];
    const ids = keys.flatMap((key) => split(this.read(key)));
    return { ids, settle: () => keys.forEach((key) => this.remove(key)) };
  }

  /** Consent withdrawn: no note of ours stays. */
  clear(): void {
    this.handedOff(true).settle();
    this.remove(this.sentKey);
  }

  private keys(): string[] {
    const keys = [...this.memory.keys()];
    try {
      for (let i = 0; i < (this.storage?.length ?? 0); i++) keys.push(this.storage!.key(i)!);
    } catch {
      // storage went away: memory is all there is
    }
    return keys;
  }

  private read(key: string): string | null {
    try {
      const value = this.storage?.getItem(key);
      if (value != null) return value;
    } catch {
      // fall back to memory
    }
    return this.memory.get(key) ?? null;
  }

  private write(key: string, value: string): void {
    try {
      if (this.storage) return this.storage.setItem(key, value);
    } catch {
      // quota or blocked: memory still guards this page
    }
    this.memory.set(key, value);
  }

  private remove(key: string): void {
    this.memory.delete(key);
    try {
      this.storage?.removeItem(key);
    } catch {
      // nothing to remove
    }
  }
}

/** Enough ids to cover the batches acknowledged while an acknowledgement is on its way to other tabs. */
const RECENTLY_SENT = 200;

const split = (value: string | null): string[] => (value ? value.split(',') : []);

/** Reading `localStorage` itself throws in sandboxed iframes and some private modes. */
function localStorageIfUsable(): LedgerStorage | undefined {
  try {
    return globalThis.localStorage ?? undefined;
  } catch {
    return undefined;
  }
}
