import type { IncomingMessage } from 'node:http';
import { gunzipSync } from 'node:zlib';
import { cleanText, mayHoldOddText } from '../ingest';
import { HttpProblem } from './errors';

/**
 * Reads a request body with a hard cap, before and after decompression: a Content-Length over the
 * cap is refused unread; a streamed body is cut off as soon as it passes the cap; a gzip body may
 * not inflate past the cap either (zlib stops at maxOutputLength), so a gzip bomb costs at most
 * `maxBytes` of memory.
 */
export async function readBody(request: Request, maxBytes: number, incoming?: IncomingMessage): Promise<string> {
  const declared = Number(request.headers.get('content-length') ?? NaN);
  if (declared > maxBytes) throw tooLarge(maxBytes);
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (incoming) {
    chunks.push(await readIncoming(incoming, maxBytes));
  } else if (request.body) {
    const reader = request.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > maxBytes) {
        await reader.cancel().catch(() => {});
        throw tooLarge(maxBytes);
      }
      chunks.push(value);
    }
  }
  let body = Buffer.concat(chunks);
  const encoding = (request.headers.get('content-encoding') ?? 'identity').toLowerCase();
  if (encoding === 'gzip') {
    try {
      body = gunzipSync(body, { maxOutputLength: maxBytes });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE' || error instanceof RangeError) throw tooLarge(maxBytes);
      throw new HttpProblem(400, 'bad_encoding', 'the body is not valid gzip');
    }
  } else if (encoding !== 'identity') {
    throw new HttpProblem(415, 'unsupported_encoding', 'content-encoding must be gzip or identity');
  }
  return body.toString('utf8');
}

/**
 * Reads straight from Node's request when there is one: building a web ReadableStream around it
 * costs about a tenth of an ingest request's CPU. Past the cap the rest is read and thrown away
 * (bounded by the server's request timeout), so the connection stays usable after the 413.
 */
function readIncoming(incoming: IncomingMessage, maxBytes: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const done = () => {
      incoming.off('data', onData).off('end', onEnd).off('error', onError).off('close', onClose);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= maxBytes) return void chunks.push(chunk);
      done();
      incoming.resume();
      reject(tooLarge(maxBytes));
    };
    const onEnd = () => {
      done();
      resolve(Buffer.concat(chunks));
    };
    const onError = (error: Error) => {
      done();
      reject(new HttpProblem(400, 'body_aborted', error.message));
    };
    const onClose = () => {
      if (incoming.complete) return;
      done();
      reject(new HttpProblem(400, 'body_aborted', 'the body was cut off'));
    };
    incoming.on('data', onData).on('end', onEnd).on('error', onError).on('close', onClose);
  });
}

/** Parses JSON after checking the content type; the SDK sends text/plain to avoid CORS preflights. */
export async function readJson(request: Request, maxBytes: number, incoming?: IncomingMessage): Promise<unknown> {
  const { value, text } = await readJsonText(request, maxBytes, incoming);
  if (!mayHoldOddText(text)) return value;
  // Admin documents are stored as text and JSONB: PostgreSQL refuses U+0000 and lone surrogates
  // (a 503 for a bad body), so they become U+FFFD here, as in events, on both stores alike.
  try {
    return JSON.parse(text, (_key, inner: unknown) => (typeof inner === 'string' ? cleanText(inner) : inner));
  } catch {
    throw new HttpProblem(400, 'bad_json', 'the body is not valid JSON');
  }
}

/** readJson, also handing back the text it parsed. */
export async function readJsonText(request: Request, maxBytes: number, incoming?: IncomingMessage): Promise<{ value: unknown; text: string }> {
  const type = (request.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== 'application/json' && type !== 'text/plain') {
    throw new HttpProblem(400, 'bad_content_type', 'content-type must be application/json or text/plain');
  }
  const text = await readBody(request, maxBytes, incoming);
  try {
    return { value: JSON.parse(text), text };
  } catch {
    throw new HttpProblem(400, 'bad_json', 'the body is not valid JSON');
  }
}

function tooLarge(maxBytes: number): HttpProblem {
  return new HttpProblem(413, 'body_too_large', `the body is over ${maxBytes} bytes`);
}
