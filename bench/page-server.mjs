// The local origin the browser benchmarks load: the catalogue page once per variant, the peers'
// browser files from node_modules, and for every other request (posthog-js's capture, flags and
// config calls, since its api_host points here) a 200 `{}`, so nothing ever leaves the machine.
// The one exception is posthog-js's remote config: autocapture stays off until the project's config
// says `autocapture_opt_out: false`, so it gets exactly that, as from a project with autocapture on.
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { cataloguePage } from './catalogue-page.mjs';

const MODULES = join(import.meta.dirname, '..', 'node_modules');
/** Where each peer's browser files are served from (only plain file names reach the disk). */
const STATIC = { '/static/': join(MODULES, 'posthog-js', 'dist'), '/driver/': join(MODULES, 'driver.js', 'dist') };
const POSTHOG_REMOTE_CONFIG = JSON.stringify({ autocapture_opt_out: false });
const TYPES = { '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8' };

/**
 * The <head> of each variant. posthog-js is set up with its documented async snippet (stub,
 * array.js, init queued), autocapture on, api_host this server; its lazily loaded extensions would
 * come from /static/ here too. driver.js highlights the quote form with a popover, as a product
 * tour's first step would. Waymark is its script tag, pointed at the collector.
 */
export function variantHeads({ collector, siteKey }) {
  return {
    none: '',
    posthog: `<script>
!function(d,ph){if(ph.__SV)return;window.posthog=ph;ph._i=[];ph.init=function(k,c,n){var s=d.createElement('script');s.async=true;s.crossOrigin='anonymous';s.src=c.api_host+'/static/array.js';d.head.appendChild(s);n=n||'posthog';ph.people=ph.people||[];["capture","identify","register","reset","group"].forEach(function(m){ph[m]=function(){ph.push([m].concat([].slice.call(arguments)))}});ph._i.push([k,c,n])};ph.__SV=1}(document,window.posthog||[]);
posthog.init('phc_bench', { api_host: location.origin, autocapture: true, capture_pageview: true, opt_out_useragent_filter: true });
</script>`,
    driver: `<link rel="stylesheet" href="/driver/driver.css">
<script src="/driver/driver.js.iife.js" defer></script>
<script>
document.addEventListener('DOMContentLoaded', function () {
  window.driver.js.driver({ allowClose: false }).highlight({ element: '#quote-form', popover: { title: 'Buying 50 or more?', description: 'Request a quote and get volume pricing within one business day.' } });
});
</script>`,
    waymark: `<script async src="${collector}/sdk/waymark.js" data-site="${siteKey}"></script>`,
  };
}

/** Serves `/catalogue/<variant>` for each head given; counts the `{}` answers by path. */
export async function startPageServer(heads) {
  const pages = new Map(Object.entries(heads).map(([name, head]) => [`/catalogue/${name}`, cataloguePage(head)]));
  const answered = {};
  const server = createServer(async (request, response) => {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    const page = pages.get(path);
    if (page) return response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end(page);
    const prefix = Object.keys(STATIC).find((p) => path.startsWith(p));
    const file = prefix && path.slice(prefix.length);
    if (file && /^[\w.-]+\.(js|css)$/.test(file)) {
      try {
        const body = await readFile(join(STATIC[prefix], file));
        return response.writeHead(200, { 'content-type': TYPES[file.slice(file.lastIndexOf('.'))], 'cache-control': 'public, max-age=300', 'access-control-allow-origin': '*' }).end(body);
      } catch {
        // not a file the peer ships: fall through to `{}` like any unknown path
      }
    }
    request.resume();
    answered[path] = (answered[path] ?? 0) + 1;
    const body = /^\/array\/[\w-]+\/config$/.test(path) ? POSTHOG_REMOTE_CONFIG : '{}';
    // `{}` is also a harmless script body, for posthog-js's remote config script (config.js).
    response.writeHead(200, { 'content-type': path.endsWith('.js') ? 'text/javascript' : 'application/json', 'access-control-allow-origin': '*' }).end(body);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${server.address().port}`;
  return {
    url,
    pageUrl: (variant) => `${url}/catalogue/${variant}`,
    /** Requests answered with `{}`, by path (posthog-js's network traffic). */
    answered,
    close: () => new Promise((resolve) => (server.close(() => resolve()), server.closeAllConnections())),
  };
}
