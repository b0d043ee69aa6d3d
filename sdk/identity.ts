import { uuidv7 } from './core/ids';
import type { KeyValueStorage } from './storage';

/** A session ends after 30 minutes without activity (the convention of Google Analytics and Plausible). */
export const SESSION_IDLE_MS = 30 * 60 * 1000;

export interface Identity {
  vid: string;
  sid: string;
  uid?: string;
  aid?: string;
  userTraits: Record<string, unknown>;
  accountTraits: Record<string, unknown>;
}

/**
 * Who is browsing: an anonymous visitor id (kept across visits), a session id (rotated after
 * inactivity), and the user and account named by identify() and group().
 */
export class IdentityKeeper {
  constructor(
    private readonly local: KeyValueStorage,
    private readonly session: KeyValueStorage,
    private readonly now: () => number = Date.now,
  ) {}

  current(): Identity {
    return {
      vid: this.visitorId(),
      sid: this.sessionId(),
      uid: this.local.get('uid'),
      aid: this.local.get('aid'),
      userTraits: this.local.getJson('utraits', {}),
      accountTraits: this.local.getJson('atraits', {}),
    };
  }

  identify(userId: string, traits: Record<string, unknown>): void {
    this.local.set('uid', userId);
    this.local.setJson('utraits', traits);
  }

  group(accountId: string, traits: Record<string, unknown>): void {
    this.local.set('aid', accountId);
    this.local.setJson('atraits', traits);
  }

  reset(): void {
    this.local.clear(['vid', 'uid', 'aid', 'utraits', 'atraits']);
    this.session.clear(['sid', 'seen']);
  }

  private visitorId(): string {
    let vid = this.local.get('vid');
    if (!vid) {
      vid = uuidv7(this.now());
      this.local.set('vid', vid);
    }
    return vid;
  }

  private sessionId(): string {
    const now = this.now();
    const lastSeen = Number(this.session.get('seen') ?? 0);
    let sid = this.session.get('sid');
    if (!sid || now - lastSeen > SESSION_IDLE_MS) {
      sid = uuidv7(now);
      this.session.set('sid', sid);
    }
    this.session.set('seen', String(now));
    return sid;
  }
}
