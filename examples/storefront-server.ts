import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

export interface StorefrontOptions {
  /** Folder with the storefront's HTML, CSS and JS. */
  root: string;
  /** Base URL of the collector the snippet loads the SDK from. */
  collector: string;
  siteKey: string;
  port?: number;
  /** Extra response headers, e.g. a Content-Security-Policy for strict-CSP tests. */
  headers?: Record<string, string>;
}

/**
 * Serves the example storefront with Waymark's script tag put where each page has `<!--WAYMARK-->`:
 * exactly the snippet a site owner pastes, pointed at the given collector and site key.
 */
export async function startStorefront(options: StorefrontOptions): Promise<{ url: string; close: () => Promise<void> }> {
  const snippet = scriptTag(options.collector, options.siteKey);
  const server: Server = createServer(async (request, response) => {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    const relative = normalize(decodeURIComponent(path === '/' ? '/index.html' : path)).replace(/^[/\\]+/, '');
    const file = join(options.root, relative);
    if (!file.startsWith(options.root + sep) && file !== options.root) {
      response.writeHead(403).end();
      return;
    }
    try {
      let body: Buffer | string = await readFile(file);
      const type = TYPES[extname(file)] ?? 'application/octet-stream';
      if (type.startsWith('text/html')) body = body.toString('utf8').replace('<!--WAYMARK-->', snippet);
      response.writeHead(200, { 'content-type': type, 'cache-control': 'no-store', ...options.headers });
      response.end(body);
    } catch {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    }
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '0.0.0.0', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://localhost:${port}/`,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** The snippet from the README, as a site owner pastes it. */
export function scriptTag(collector: string, siteKey: string): string {
  return `<script async src="${collector}/sdk/waymark.js" data-site="${siteKey}"></script>`;
}
