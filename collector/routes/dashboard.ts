import { Hono, type Context } from 'hono';

/**
 * Strict: only this origin's scripts and styles (the dashboard adopts constructable stylesheets,
 * so no inline <style> or style attribute is needed), calls only to this collector, never framed.
 */
export const DASHBOARD_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** The dashboard's client-side routes (dashboard/router.ts knows the same shapes). */
export const DASHBOARD_PAGES = ['/dashboard', '/dashboard/users', '/dashboard/edit', '/dashboard/sites/:siteId', '/dashboard/sites/:siteId/:section'] as const;

// The shell holds no data and no inline code: everything comes from the bundle over the admin API.
const SHELL = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Waymark dashboard</title>
<link rel="icon" href="data:,">
<script type="module" src="/sdk/waymark-dashboard.js"></script>
</head>
<body>
<div id="waymark-dashboard"><noscript>The Waymark dashboard needs JavaScript.</noscript></div>
</body>
</html>
`;

/**
 * GET /dashboard and its client-side routes: the HTML shell of the marketer dashboard
 * (dist/waymark-dashboard.js, served under /sdk/). Each client route is listed so a typo
 * still answers 404 and the OpenAPI document names every page.
 */
export function dashboardRoutes(): Hono {
  const app = new Hono();
  const shell = (c: Context) => {
    c.header('content-security-policy', DASHBOARD_CSP);
    c.header('x-frame-options', 'DENY');
    c.header('x-content-type-options', 'nosniff');
    c.header('referrer-policy', 'no-referrer');
    c.header('cache-control', 'no-store');
    return c.html(SHELL);
  };
  for (const path of DASHBOARD_PAGES) app.get(path, shell);
  return app;
}
