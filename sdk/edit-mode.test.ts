import { afterEach, describe, expect, it } from 'vitest';
import { leaveEditMode, takeEditToken } from './edit-mode';

const TOKEN = 'wme_abcdefghijklmnop.1234567890';

describe('edit mode token from the URL fragment', () => {
  afterEach(() => {
    leaveEditMode();
    history.replaceState(null, '', '/');
  });

  it('takes the token, removes it from the address bar and keeps it for the tab', () => {
    history.replaceState(null, '', `/checkout.html?x=1#waymark-edit=${TOKEN}`);
    expect(takeEditToken()).toBe(TOKEN);
    expect(location.href).not.toContain('waymark-edit');
    expect(location.pathname + location.search).toBe('/checkout.html?x=1');
    // A later page load in the same tab stays in edit mode.
    history.replaceState(null, '', '/cart.html');
    expect(takeEditToken()).toBe(TOKEN);
  });

  it('leaves the rest of the fragment in place (client-side routers use it)', () => {
    history.replaceState(null, '', `/app.html#/orders&waymark-edit=${TOKEN}`);
    expect(takeEditToken()).toBe(TOKEN);
    expect(location.hash).toBe('#/orders');
  });

  it('ignores malformed tokens and anything that is not its own parameter', () => {
    for (const hash of ['#waymark-edit=short', '#waymark-edit=<script>alert(1)</script>aaaaaaaaaaaa', '#xwaymark-edit=' + TOKEN]) {
      history.replaceState(null, '', `/${hash}`);
      expect(takeEditToken()).toBeUndefined();
    }
  });

  it('forgets the token on leaving edit mode', () => {
    history.replaceState(null, '', `/#waymark-edit=${TOKEN}`);
    takeEditToken();
    leaveEditMode();
    expect(takeEditToken()).toBeUndefined();
  });
});
