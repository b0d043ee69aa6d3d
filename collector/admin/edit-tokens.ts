import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Edit tokens open the visual editor on a marketer's own site: short-lived (1 hour by default),
 * scoped to one site, signed with the collector's secret (HMAC-SHA256), and carried in the URL
 * fragment, which browsers never send to servers or in Referer headers.
 * Format: "wme_" + base64url(JSON {s: siteId, e: expiresAt}) + "." + base64url(signature).
 */
export const EDIT_TOKEN_TTL_MS = 60 * 60 * 1000;

export function signEditToken(secret: string, siteId: string, expiresAt: number): string {
  const payload = Buffer.from(JSON.stringify({ s: siteId, e: expiresAt })).toString('base64url');
  return `wme_${payload}.${sign(secret, payload)}`;
}

export type EditTokenCheck = { ok: true; siteId: string; expiresAt: number } | { ok: false; reason: 'invalid' | 'expired' };

/**
 * @example
 *   const token = signEditToken(secret, site.id, Date.now() + EDIT_TOKEN_TTL_MS);
 *   verifyEditToken(secret, token, Date.now()) // { ok: true, siteId, expiresAt }
 */
export function verifyEditToken(secret: string, token: string, now: number): EditTokenCheck {
  const match = /^wme_([A-Za-z0-9_-]{1,400})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!match) return { ok: false, reason: 'invalid' };
  const [, payload, signature] = match as unknown as [string, string, string];
  const expected = Buffer.from(sign(secret, payload));
  if (!timingSafeEqual(expected, Buffer.from(signature))) return { ok: false, reason: 'invalid' };
  let claims: { s?: unknown; e?: unknown };
  try {
    claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    return { ok: false, reason: 'invalid' };
  }
  if (typeof claims.s !== 'string' || typeof claims.e !== 'number') return { ok: false, reason: 'invalid' };
  if (claims.e <= now) return { ok: false, reason: 'expired' };
  return { ok: true, siteId: claims.s, expiresAt: claims.e };
}

function sign(secret: string, payload: string): string {
  return createHmac('sha256', secret).update(`waymark-edit:${payload}`).digest('base64url');
}
