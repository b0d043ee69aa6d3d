import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

/**
 * Every error the collector returns has one shape: {"error": {"code", "message", ...details}}.
 * Codes are stable and documented in the OpenAPI document; messages are for people.
 */
export function problem(c: Context, status: ContentfulStatusCode, code: string, message: string, details: Record<string, unknown> = {}): Response {
  return c.json({ error: { code, message, ...details } }, status);
}

/** Thrown where a handler cannot go on; app.onError turns it into a problem response. */
export class HttpProblem extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}
