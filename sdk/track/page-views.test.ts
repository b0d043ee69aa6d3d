import { afterEach, describe, expect, it } from 'vitest';
import { Disposers } from '../disposers';
import { watchRoutes } from './page-views';

describe('watchRoutes', () => {
  const disposers = new Disposers();
  afterEach(() => disposers.runAll());

  it('reports pushState and hash changes once each, not a replaceState that keeps the URL, and restores history on destroy', () => {
    const originalPush = history.pushState;
    const originalReplace = history.replaceState;
    const routes: string[] = [];
    watchRoutes(disposers, () => routes.push(location.pathname + location.search + location.hash));
    expect(history.pushState).not.toBe(originalPush);
    history.pushState({}, '', '/catalogue?page=2');
    history.replaceState({}, '', location.href);
    history.replaceState({}, '', '/catalogue?page=3');
    location.hash = '#tiers';
    window.dispatchEvent(new Event('hashchange'));
    window.dispatchEvent(new Event('popstate')); // no URL change: nothing
    expect(routes).toEqual(['/catalogue?page=2', '/catalogue?page=3', '/catalogue?page=3#tiers']);

    disposers.runAll();
    expect(history.pushState).toBe(originalPush);
    expect(history.replaceState).toBe(originalReplace);
    history.pushState({}, '', '/after-destroy');
    expect(routes).toHaveLength(3);
  });

  it('turns inert, without breaking the page, when another script wrapped history after it', () => {
    const routes: string[] = [];
    watchRoutes(disposers, () => routes.push(location.pathname));
    const ours = history.pushState;
    const theirs = function (this: History, ...args: Parameters<History['pushState']>) {
      ours.apply(this, args);
    };
    history.pushState = theirs;
    disposers.runAll();
    expect(history.pushState).toBe(theirs);
    history.pushState({}, '', '/still-works');
    expect(location.pathname).toBe('/still-works');
    expect(routes).toEqual([]);
  });
});
