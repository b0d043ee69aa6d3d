import { describe, expect, it } from 'vitest';
import { signEditToken, verifyEditToken } from './edit-tokens';

const SECRET = 'collector-secret';

describe('edit tokens', () => {
  it('verify for their site until they expire', () => {
    const token = signEditToken(SECRET, 'site-1', 2000);
    expect(verifyEditToken(SECRET, token, 1000)).toEqual({ ok: true, siteId: 'site-1', expiresAt: 2000 });
    expect(verifyEditToken(SECRET, token, 2000)).toEqual({ ok: false, reason: 'expired' });
  });

  it('fit the SDK fragment pattern', () => {
    expect(signEditToken(SECRET, '0193a6f0-5c1a-7b3e-9f2d-6a4c8e1b2d3f', Date.now())).toMatch(/^[A-Za-z0-9._~-]{16,512}$/);
  });

  it('refuse tampering, other secrets and garbage', () => {
    const token = signEditToken(SECRET, 'site-1', 2000);
    const forged = signEditToken('another-secret', 'site-2', 9e15);
    const swapped = `wme_${Buffer.from(JSON.stringify({ s: 'site-2', e: 9e15 })).toString('base64url')}.${token.split('.')[1]}`;
    for (const bad of [forged, swapped, '', 'wme_', 'Bearer x', `${token}x`, 'wme_e30.' + 'A'.repeat(43)]) {
      expect(verifyEditToken(SECRET, bad, 1000)).toEqual({ ok: false, reason: 'invalid' });
    }
  });
});
