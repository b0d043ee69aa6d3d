import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Headers a proxy must not copy from one hop to the next (Node's fetch sets or refuses them). */
const HOP_BY_HOP = new Set(['host', 'connection', 'keep-alive', 'content-length', 'transfer-encoding', 'expect', 'content-encoding']);

export interface RecordedRequest {
  method: string;
  url: string;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/**
 * Sits between the browser and the real collector and keeps every request whole: method, URL,
 * headers and body. It sees what a browser-side listener can miss: sendBeacon bodies, and beacons
 * sent by pages that are already gone.
 */
export async function startRecordingProxy(collectorUrl: string) {
  const requests: RecordedRequest[] = [];
  let open = 0;
  const server: Server = createServer(async (request, response) => {
    open++;
    try {
      const chunks: Buffer[] = [];
      for await (const chunk of request) chunks.push(chunk as Buffer);
      const body = Buffer.concat(chunks);
      requests.push({ method: request.method!, url: request.url!, headers: request.headers, body: body.toString('utf8') });
      const headers = Object.fromEntries(Object.entries(request.headers).filter(([name]) => !HOP_BY_HOP.has(name)) as [string, string][]);
      const hasBody = request.method !== 'GET' && request.method !== 'HEAD';
      const upstream = await fetch(`${collectorUrl}${request.url}`, { method: request.method!, headers, ...(hasBody ? { body } : {}) });
      const answer = Buffer.from(await upstream.arrayBuffer());
      response.writeHead(upstream.status, Object.fromEntries([...upstream.headers].filter(([name]) => !HOP_BY_HOP.has(name))));
      response.end(answer);
    } catch {
      response.writeHead(502).end();
    } finally {
      open--;
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    /** No request is being forwarded right now. */
    idle: () => open === 0,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
