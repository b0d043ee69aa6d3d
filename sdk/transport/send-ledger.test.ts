// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { SendLedger, type LedgerStorage } from './send-ledger';

/** localStorage shared by the tabs of one origin. */
function originStorage(): LedgerStorage & { items: Map<string, string> } {
  const items = new Map<string, string>();
  return {
    items,
    get length() {
      return items.size;
    },
    key: (index) => [...items.keys()][index] ?? null,
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => void items.set(key, String(value)),
    removeItem: (key) => void items.delete(key),
  };
}

/** localStorage as sandboxed iframes and full quotas leave it: every call throws. */
const blockedStorage: LedgerStorage = {
  length: 0,
  key: () => {
    throw new DOMException('SecurityError');
  },
  getItem: () => {
    throw new DOMException('SecurityError');
  },
  setItem: () => {
    throw new DOMException('QuotaExceededError');
  },
  removeItem: () => {
    throw new DOMException('SecurityError');
  },
};

describe('SendLedger', () => {
  it('shows one tab the batch another tab has in flight, until it is released', () => {
    const storage = originStorage();
    const [sender, other] = [new SendLedger('wm_x', storage, 'a'), new SendLedger('wm_x', storage, 'b')];
    sender.claim(['e1', 'e2']);
    expect(other.claimed()).toEqual(['e1', 'e2']);
    sender.release();
    expect(other.claimed()).toEqual([]);
  });

  it('keeps the ids of the last acknowledged batches from beacons, but not those of a failed send', () => {
    const storage = originStorage();
    const [sender, other] = [new SendLedger('wm_x', storage, 'a'), new SendLedger('wm_x', storage, 'b')];
    sender.claim(['e1', 'e2']);
    sender.release(true);
    sender.claim(['e3']);
    expect(other.sentOrSending().sort()).toEqual(['e1', 'e2', 'e3']);
    sender.release(false);
    expect(other.sentOrSending().sort()).toEqual(['e1', 'e2']);
    expect(other.claimed()).toEqual([]);
    // bounded: a long session does not grow localStorage
    for (let i = 0; i < 50; i++) {
      sender.claim(Array.from({ length: 10 }, (_, j) => `b${i}_${j}`));
      sender.release(true);
    }
    const recent = other.sentOrSending();
    expect(recent).toHaveLength(200);
    expect(recent).toContain('b49_9');
    expect(recent).not.toContain('e1');
  });

  it('collects the receipts of every tab, and settles only those it read', () => {
    const storage = originStorage();
    const [a, b, next] = [new SendLedger('wm_x', storage, 'a'), new SendLedger('wm_x', storage, 'b'), new SendLedger('wm_x', storage, 'c')];
    a.beaconed(['e1']);
    a.beaconed(['e2', 'e3']);
    b.beaconed(['e4']);
    const handedOff = next.handedOff(false);
    expect(handedOff.ids.sort()).toEqual(['e1', 'e2', 'e3', 'e4']);
    b.beaconed(['e5']); // beaconed after the read: must survive the settle
    handedOff.settle();
    expect(next.handedOff(false).ids).toEqual(['e5']);
  });

  it('counts an orphaned claim as sent only when asked to (the caller holds the send lock)', () => {
    const storage = originStorage();
    new SendLedger('wm_x', storage, 'dead').claim(['e1']);
    const next = new SendLedger('wm_x', storage, 'next');
    expect(next.handedOff(false).ids).toEqual([]);
    const handedOff = next.handedOff(true);
    expect(handedOff.ids).toEqual(['e1']);
    handedOff.settle();
    expect(next.claimed()).toEqual([]);
  });

  it('keeps separate ledgers for separate sites', () => {
    const storage = originStorage();
    new SendLedger('wm_one', storage).beaconed(['e1']);
    expect(new SendLedger('wm_two', storage).handedOff(true).ids).toEqual([]);
  });

  it('keeps working in memory when localStorage throws', () => {
    const ledger = new SendLedger('wm_x', blockedStorage);
    ledger.claim(['e1']);
    expect(ledger.claimed()).toEqual(['e1']);
    ledger.beaconed(['e2']);
    const handedOff = ledger.handedOff(true);
    expect(handedOff.ids.sort()).toEqual(['e1', 'e2']);
    handedOff.settle();
    expect(ledger.handedOff(true).ids).toEqual([]);
  });
});
