/**
 * Edit mode: the dashboard opens the marketer's own page with `#waymark-edit=<token>`. The script
 * tag reads the token as it is parsed (before a client-side router can rewrite the URL), removes it
 * from the address bar, and keeps it for this tab so edit mode survives page loads. The editor code
 * is then loaded from beside waymark.js — the collector the snippet came from — and never from any
 * host named in the URL (REFERENCE.md, "Security lessons").
 */
const FRAGMENT = /(?:^#|&)waymark-edit=([A-Za-z0-9._~-]{16,512})(?:&|$)/;
const KEY = 'waymark.edit';

export function takeEditToken(): string | undefined {
  const match = FRAGMENT.exec(location.hash);
  if (match) {
    try {
      sessionStorage.setItem(KEY, match[1]!);
    } catch {
      // storage blocked: edit mode lasts for this page only
    }
    const rest = location.hash.replace(FRAGMENT, (whole) => (whole.startsWith('#') ? '#' : whole.endsWith('&') ? '&' : '')).replace(/^#$/, '');
    history.replaceState(history.state, '', location.pathname + location.search + rest);
    return match[1];
  }
  try {
    return sessionStorage.getItem(KEY) ?? undefined;
  } catch {
    return undefined;
  }
}

export function leaveEditMode(): void {
  try {
    sessionStorage.removeItem(KEY);
  } catch {
    // nothing stored
  }
}
