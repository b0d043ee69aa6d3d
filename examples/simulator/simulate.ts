import { uuidv7 } from '../../sdk/core/ids';
import { isHeldOut } from '../../sdk/core/rules/holdout';
import type { TrackedEvent } from '../../sdk/core/schema/event';
import { logNormal, seededRandom } from './random';
import type { Buyer, Scenario } from './scenario';

export interface SimulateOptions {
  sessions: number;
  seed?: number;
  origin?: string;
  /**
   * Prefix of session and visitor ids (default: the seed). Two runs into one site need different
   * ones, or their sessions merge; `npm run simulate` picks a random one. Behaviour depends on the
   * seed alone (visitor ids also decide holdout groups, so tests keep the default).
   */
  runId?: string;
  /** Sessions start at evenly spread times over this many days before `now`. */
  days?: number;
  now?: number;
}

/**
 * Generates realistic sessions as the SDK would send them: page views along the funnel,
 * hesitation events with durations, guide events for the guide (holdout visitors never see it),
 * and the goal `order_placed` for sessions that do not abandon at checkout.
 *
 * @example
 *   for (const session of simulateSessions(STOREFRONT_SCENARIO, { sessions: 2000 })) send(session);
 */
export function* simulateSessions(scenario: Scenario, options: SimulateOptions): Generator<TrackedEvent[]> {
  const random = seededRandom(options.seed ?? 42);
  const origin = options.origin ?? 'http://localhost:8080';
  const now = options.now ?? Date.now();
  const span = (options.days ?? 14) * 86_400_000;
  const runId = options.runId ?? String(options.seed ?? 42);

  for (let i = 0; i < options.sessions; i++) {
    const buyer: Buyer = {
      tier: pick(random, ['gold', 'silver', 'silver', 'bronze'] as const),
      device: random() < 0.35 ? 'mobile' : 'desktop',
      region: pick(random, ['EU', 'EU', 'NA', 'APAC'] as const),
    };
    const vid = `v-${runId}-${i}`;
    const sid = `s-${runId}-${i}`;
    const aid = `acct-${Math.floor(random() * 300)}`;
    let ts = now - span + Math.floor((span * i) / options.sessions);
    const events: TrackedEvent[] = [];
    const emit = (name: string, page: string, extra: Partial<TrackedEvent> = {}) => {
      ts += 500 + Math.floor(random() * 4000);
      events.push({ id: uuidv7(), name, ts, sid, vid, aid, url: `${origin}${page}`, ...extra });
    };
    const visit = (page: string) => {
      emit('page_view', page, { props: { device: buyer.device } });
      let abandon: number | undefined;
      for (const spot of scenario.spots) {
        if (spot.page !== page || random() >= spot.chance(buyer)) continue;
        const dur = logNormal(random, spot.medianMs);
        emit('hesitation', page, { el: spot.el, kind: spot.kind, dur, props: { outcome: 'acted' } });
        if (spot.abandonIfHesitated !== undefined && dur >= (spot.stallMs ?? 0)) abandon = spot.abandonIfHesitated;
        const guide = scenario.guide;
        if (guide && guide.el === spot.el) {
          if (isHeldOut(guide.holdoutPercent, vid, guide.id)) {
            emit('guide_held_out', page, { guide: guide.id });
          } else {
            emit('guide_shown', page, { guide: guide.id });
            abandon = guide.abandonWhenShown;
          }
        }
      }
      return abandon;
    };

    // The storefront calls group() once the buyer's account is known: B2B traits for segments.
    emit('group', '/index.html', { props: { tier: buyer.tier, region: buyer.region } });
    visit('/index.html');
    if (random() < scenario.funnel.product) {
      visit('/product.html');
      if (random() < scenario.funnel.cart) {
        visit('/cart.html');
        if (random() < scenario.funnel.checkout) {
          const abandon = visit('/checkout.html') ?? scenario.baseAbandon;
          if (random() >= abandon) emit('order_placed', '/checkout.html', { props: { payment: pick(random, ['net30', 'net60', 'card']) } });
        }
      }
    }
    yield events;
  }
}

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!;
}
