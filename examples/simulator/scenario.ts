/**
 * What the simulated buyers do on the Northwind Supply storefront. One planted hesitation point
 * (Payment terms at checkout: buyers who stall there longer than 4 s abandon about 4× as often as
 * the rest; shorter pauses change nothing), a segment that stalls there most (silver accounts on
 * mobile), and hesitation elsewhere that changes nothing.
 */
export interface HesitationSpot {
  page: string;
  el: string;
  kind: 'hover_dwell' | 'field_idle' | 'field_return';
  /** Chance a session on that page hesitates here, by segment. */
  chance: (buyer: Buyer) => number;
  medianMs: number;
  /** Abandonment at checkout for sessions that hesitated here at least `stallMs` (undefined: no effect). */
  abandonIfHesitated?: number;
  stallMs?: number;
}

export interface Buyer {
  tier: 'gold' | 'silver' | 'bronze';
  device: 'desktop' | 'mobile';
  region: 'EU' | 'NA' | 'APAC';
}

export interface Scenario {
  /** Chance to go on from one page to the next: catalogue → product → cart → checkout. */
  funnel: { product: number; cart: number; checkout: number };
  /** Abandonment at checkout for sessions with no planted stall. */
  baseAbandon: number;
  spots: HesitationSpot[];
  /** A guide shown at the planted spot, with a holdout group that never sees it. */
  guide?: { id: string; el: string; holdoutPercent: number; abandonWhenShown: number };
}

export const PLANTED = { page: '/checkout.html', el: '#payment-terms', medianMs: 4000, stallMs: 4000 } as const;

export const STOREFRONT_SCENARIO: Scenario = {
  funnel: { product: 0.75, cart: 0.65, checkout: 0.8 },
  baseAbandon: 0.2,
  spots: [
    {
      ...PLANTED,
      kind: 'field_idle',
      chance: (buyer) => (buyer.tier === 'silver' && buyer.device === 'mobile' ? 0.7 : 0.25),
      abandonIfHesitated: 0.8,
    },
    { page: '/index.html', el: '#bulk-pricing', kind: 'hover_dwell', chance: () => 0.35, medianMs: 2500 },
    { page: '/checkout.html', el: '#po-number', kind: 'field_idle', chance: () => 0.3, medianMs: 3000 },
    { page: '/checkout.html', el: '#tax-id', kind: 'field_return', chance: () => 0.15, medianMs: 1500 },
  ],
};

/** The same storefront with a guide at the planted spot that helps (or, with a high value, hurts). */
export function withGuide(abandonWhenShown: number, holdoutPercent = 20): Scenario {
  return { ...STOREFRONT_SCENARIO, guide: { id: 'payment-terms-help', el: PLANTED.el, holdoutPercent, abandonWhenShown } };
}
