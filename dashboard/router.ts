import { useEffect, useState } from 'preact/hooks';

/** The site sections, in the order the site page lists them. */
export const SECTIONS = [
  { id: 'hesitation', label: 'Hesitation points' },
  { id: 'insights', label: 'Insights' },
  { id: 'guides', label: 'Guides' },
  { id: 'goals', label: 'Goals' },
  { id: 'export', label: 'Export' },
] as const;
export type Section = (typeof SECTIONS)[number]['id'];

export type Route = { page: 'sites' } | { page: 'users' } | { page: 'edit' } | { page: 'site'; siteId: string; section: Section } | { page: 'not_found' };

const BASE = '/dashboard';

/**
 * The dashboard's client-side routes, the same shapes GET /dashboard/* answers with the shell
 * (collector/routes/dashboard.ts), so a reload or a shared link lands on the same page.
 */
export function parseRoute(pathname: string): Route {
  const parts = pathname.replace(/\/+$/, '').split('/').slice(2).map(decodeURIComponent);
  if (parts.length === 0) return { page: 'sites' };
  if (parts.length === 1 && parts[0] === 'users') return { page: 'users' };
  // The bookmarklet's landing page: the page to edit is in ?url= (pages/edit-page.tsx).
  if (parts.length === 1 && parts[0] === 'edit') return { page: 'edit' };
  if (parts[0] === 'sites' && parts[1] && parts.length <= 3) {
    const section = SECTIONS.find((candidate) => candidate.id === (parts[2] ?? 'hesitation'));
    if (section) return { page: 'site', siteId: parts[1], section: section.id };
  }
  return { page: 'not_found' };
}

export function hrefOf(route: Route): string {
  switch (route.page) {
    case 'users':
      return `${BASE}/users`;
    case 'edit':
      return `${BASE}/edit`;
    case 'site':
      return `${BASE}/sites/${encodeURIComponent(route.siteId)}/${route.section}`;
    default:
      return BASE;
  }
}

const NAVIGATED = 'waymark-dashboard:navigate';

export function navigate(href: string): void {
  history.pushState(null, '', href);
  dispatchEvent(new Event(NAVIGATED));
}

/**
 * The query string of the current URL, following links, back and forward. A section keeps its
 * drill-down state there (Insights: period, funnel steps, segment, session), so Back steps out of
 * a drill-down and a copied link opens the same view.
 */
export function useSearch(): URLSearchParams {
  const [search, setSearch] = useState(() => location.search);
  useEffect(() => {
    const update = () => setSearch(location.search);
    addEventListener('popstate', update);
    addEventListener(NAVIGATED, update);
    return () => {
      removeEventListener('popstate', update);
      removeEventListener(NAVIGATED, update);
    };
  }, []);
  return new URLSearchParams(search);
}

/** The current route, following links, back and forward. */
export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(location.pathname));
  useEffect(() => {
    const update = () => setRoute(parseRoute(location.pathname));
    addEventListener('popstate', update);
    addEventListener(NAVIGATED, update);
    return () => {
      removeEventListener('popstate', update);
      removeEventListener(NAVIGATED, update);
    };
  }, []);
  return route;
}

/** A plain click on an in-app link navigates without reloading; modified clicks keep the browser's meaning. */
export function followLink(event: MouseEvent): void {
  const link = (event.target as Element).closest('a');
  if (!link || event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  if (link.target || link.hasAttribute('download') || link.origin !== location.origin || !link.pathname.startsWith(BASE)) return;
  event.preventDefault();
  if (link.pathname + link.search !== location.pathname + location.search) navigate(link.pathname + link.search);
}
