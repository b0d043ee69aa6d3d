import { afterEach, describe, expect, it } from 'vitest';
import { createWaymark, type Waymark } from './client';
import type { TrackedEvent } from './core/schema/event';

const instances: Waymark[] = [];
const start = (consent?: 'required') => {
  // Port 9 (discard) refuses connections: nothing here may depend on a collector.
  const waymark = createWaymark({ site: 'wm_consent', collector: 'http://127.0.0.1:9', loadWidgets: () => Promise.reject(new Error('no widgets')), loadRulesCheck: () => import('./rules-check'), ...(consent ? { consent } : {}) });
  instances.push(waymark);
  const events: TrackedEvent[] = [];
  waymark.on('event', (event) => events.push(event));
  return { waymark, events };
};
const storedKeys = () => Object.keys(localStorage).filter((key) => key.startsWith('waymark.wm_consent.'));
let clock = 0;
const clickThrice = () => {
  const button = document.createElement('button');
  button.id = 'buy';
  document.body.append(button);
  for (let i = 0; i < 3; i++) {
    const press = new MouseEvent('click', { bubbles: true, composed: true, detail: 1 });
    Object.defineProperty(press, 'timeStamp', { value: (clock += 100) });
    button.dispatchEvent(press);
  }
};

describe('consent and Global Privacy Control', () => {
  afterEach(() => {
    instances.splice(0).forEach((waymark) => waymark.destroy());
    localStorage.clear();
    sessionStorage.clear();
    document.body.replaceChildren();
    Reflect.deleteProperty(navigator, 'globalPrivacyControl');
  });

  it('consent(false) stops tracking, clears stored identifiers, and the choice persists', async () => {
    const { waymark, events } = start();
    waymark.identify('user-42', { role: 'buyer' });
    expect(storedKeys()).toContain('waymark.wm_consent.uid');
    waymark.consent(false);
    expect(storedKeys()).toEqual(['waymark.wm_consent.consent']);
    events.length = 0;
    clickThrice();
    waymark.track('quote_requested');
    waymark.identify('user-43');
    expect(events).toEqual([]);
    expect(storedKeys()).toEqual(['waymark.wm_consent.consent']);

    const next = start(); // the next page load remembers the choice
    clickThrice();
    next.waymark.track('quote_requested');
    expect(next.events).toEqual([]);
  });

  it('treats Global Privacy Control as no consent: nothing recorded, nothing stored, until consent(true)', async () => {
    Object.defineProperty(navigator, 'globalPrivacyControl', { value: true, configurable: true });
    const { waymark, events } = start();
    clickThrice();
    waymark.track('quote_requested');
    expect(events).toEqual([]);
    expect(storedKeys()).toEqual([]);

    waymark.consent(true);
    await new Promise((resolve) => setTimeout(resolve, 0));
    clickThrice();
    expect(events.map((event) => event.name)).toEqual(expect.arrayContaining(['page_view', 'click', 'rage_click']));
  });

  it('with consent required, tracking starts only once consent is given', () => {
    const { events } = start('required');
    clickThrice();
    expect(events).toEqual([]);
    expect(storedKeys()).toEqual([]);
  });
});
