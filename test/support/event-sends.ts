import type { BrowserContext, Page, Request } from 'playwright-core';

/** One POST /v1/events request as the browser saw it: the ids in its body and how it ended. */
export interface EventSend {
  ids: string[];
  /** HTTP status, or undefined when the request failed (offline, aborted by a route). */
  status: number | undefined;
}

const isEventSend = (request: Request) => request.method() === 'POST' && new URL(request.url()).pathname === '/v1/events';

function pageOf(request: Request): Page | undefined {
  try {
    return request.frame().page();
  } catch {
    return undefined; // a service worker's request: no page
  }
}

function idsIn(request: Request): string[] {
  try {
    return ((request.postDataJSON() as { events?: { id: string }[] } | null)?.events ?? []).map((event) => event.id);
  } catch {
    return [];
  }
}

/**
 * Watches every event send of a browser context (fetches and sendBeacon alike): what each carried,
 * how it ended, and how many are still on their way, so a test can wait until delivery has settled
 * instead of sleeping.
 */
export function watchEventSends(context: BrowserContext) {
  const sends: EventSend[] = [];
  const open = new Set<Request>();
  context.on('request', (request) => {
    if (isEventSend(request)) open.add(request);
  });
  context.on('requestfinished', (request) => {
    if (!isEventSend(request)) return;
    // Counted as settled only once its status is known.
    void request.response().then((response) => {
      sends.push({ ids: idsIn(request), status: response?.status() });
      open.delete(request);
    });
  });
  context.on('requestfailed', (request) => {
    if (!isEventSend(request)) return;
    open.delete(request);
    sends.push({ ids: idsIn(request), status: undefined });
  });
  return {
    sends,
    failed: () => sends.filter((send) => send.status === undefined).length,
    /** Nothing on its way, leaving aside requests of closed pages (Playwright reports no end for those). */
    idle: () => [...open].every((request) => pageOf(request)?.isClosed() ?? true),
    /** How many accepted (2xx) requests carried each id. */
    deliveries(ids: Iterable<string>): Map<string, number> {
      const counts = new Map([...ids].map((id) => [id, 0]));
      for (const send of sends) {
        if (send.status === undefined || send.status >= 300) continue;
        for (const id of send.ids) if (counts.has(id)) counts.set(id, counts.get(id)! + 1);
      }
      return counts;
    },
  };
}

/** Events waiting in the SDK's IndexedDB queue (database `waymark-<site>`), read inside a page of the site. */
export const queuedInBrowser = (page: Page, site: string) =>
  page.evaluate(
    (name) =>
      new Promise<number>((resolve, reject) => {
        const open = indexedDB.open(name);
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains('events')) {
            db.close();
            return resolve(0);
          }
          const count = db.transaction('events').objectStore('events').count();
          count.onsuccess = () => {
            resolve(count.result);
            db.close();
          };
        };
      }),
    `waymark-${site}`,
  );

/** Every event id this page's Waymark records from now on, gathered in window.__recordedIds. */
export const recordIds = (page: Page) =>
  page.evaluate(() => {
    const recorded: string[] = [];
    (window as unknown as { __recordedIds: string[] }).__recordedIds = recorded;
    (window as unknown as { waymark: { on(type: string, listener: (event: { id: string }) => void): void } }).waymark.on('event', (event) => recorded.push(event.id));
  });

export const recordedIds = (page: Page) => page.evaluate(() => [...(window as unknown as { __recordedIds: string[] }).__recordedIds]);

/** Duplicates the collector absorbed (an id it had already stored): each one was a second send. */
export async function absorbedDuplicates(collectorUrl: string): Promise<number> {
  const metrics = await (await fetch(`${collectorUrl}/metrics`)).text();
  return Number(/^waymark_events_duplicate_total (\d+)/m.exec(metrics)?.[1] ?? 0);
}
