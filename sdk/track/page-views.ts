import type { Disposers } from '../disposers';

/**
 * Single-page-app route changes with no code from the site owner: history.pushState and
 * replaceState are wrapped, popstate and hashchange are heard. onRoute runs only when the URL
 * really changed (a replaceState that keeps the URL is not a page view). destroy() puts the
 * original methods back, unless another script wrapped them after us; then ours turns inert.
 *
 * @example
 *   watchRoutes(disposers, () => waymark.page());
 */
export function watchRoutes(disposers: Disposers, onRoute: () => void): void {
  let last = location.href;
  let live = true;
  const check = (): void => {
    if (!live || location.href === last) return;
    last = location.href;
    onRoute();
  };
  for (const method of ['pushState', 'replaceState'] as const) {
    const original = history[method];
    const wrapped = function (this: History, ...args: Parameters<History['pushState']>): void {
      original.apply(this, args);
      try {
        check();
      } catch {
        // never break the site's router
      }
    };
    history[method] = wrapped;
    disposers.add(() => {
      live = false;
      if (history[method] === wrapped) history[method] = original;
    });
  }
  disposers.listen(window, 'popstate', check);
  disposers.listen(window, 'hashchange', check);
}
