import { describe, expect, it } from 'vitest';
import type { AnalysisReport } from '../collector/analysis/report';
import type { HesitationPoint } from '../collector/analysis/hesitation-points';
import { markersForPage, pageMatches, percent, seconds } from './page-markers';

const point = (page: string, el: string, verdict: HesitationPoint['verdict'], score = 0): HesitationPoint => ({
  page,
  el,
  verdict,
  score,
  hesitated: 100,
  reached: 400,
  abandonHesitated: 0.62,
  abandonOther: 0.2,
  durations: { median: 4200 },
});

const goal = (id: string, points: HesitationPoint[]) => ({ goal: { id, title: id, type: 'event', name: id }, points, guides: [] }) as unknown as AnalysisReport['goals'][number];

const report = (overrides: Partial<AnalysisReport> = {}): AnalysisReport => ({
  runAt: 1,
  window: { from: 0, to: 1 },
  sessions: 2000,
  primaryGoal: 'order',
  goals: [
    goal('signup', [point('/checkout.html', '#signup-only', 'significant', 99)]),
    goal('order', [
      point('/checkout.html', '#payment-terms', 'significant', 40),
      point('/index.html', '#bulk-pricing', 'no_effect'),
      point('/checkout.html', '#po-number', 'no_effect'),
      point('/products/:id', '#sizes', 'no_effect'),
      point('/checkout.html', '#tax-id', 'not_enough_data'),
    ]),
  ],
  thresholds: [],
  suggestions: [],
  harmful: [],
  ...overrides,
});

describe('pageMatches', () => {
  it('matches page patterns against the current path', () => {
    expect(pageMatches('/checkout.html', '/checkout.html')).toBe(true);
    expect(pageMatches('/checkout.html', '/cart.html')).toBe(false);
    expect(pageMatches('/products/:id', '/products/NW-PAP-0480')).toBe(true);
    expect(pageMatches('/products/:id', '/products/')).toBe(false);
    expect(pageMatches('/products/:id', '/products/42/reviews')).toBe(false);
    expect(pageMatches('/account', '/account/')).toBe(true);
    expect(pageMatches('/', '/')).toBe(true);
    expect(pageMatches('/', '/index.html')).toBe(false);
  });
});

describe('markersForPage', () => {
  it("keeps the primary goal's points on this page, ranked site-wide, with their suggestions", () => {
    const suggestion = { page: '/checkout.html', el: '#payment-terms', evidence: point('/checkout.html', '#payment-terms', 'significant', 40), draft: { id: 'help-payment-terms', name: 'x', type: 'tooltip' as const, content: { blocks: [] } } };
    const markers = markersForPage(report({ suggestions: [suggestion] }), '/checkout.html');
    expect(markers.map((m) => [m.point.el, m.rank, m.suggestion?.draft.id])).toEqual([
      ['#payment-terms', 1, 'help-payment-terms'],
      ['#po-number', 3, undefined],
      ['#tax-id', undefined, undefined],
    ]);
    expect(markersForPage(report(), '/products/7').map((m) => m.rank)).toEqual([4]);
  });

  it('is empty before the first analysis and without a primary goal', () => {
    expect(markersForPage(null, '/checkout.html')).toEqual([]);
    expect(markersForPage(report({ primaryGoal: undefined }), '/checkout.html')).toEqual([]);
  });
});

describe('formatting', () => {
  it('reads as people say it', () => {
    expect(percent(0.6249)).toBe('62%');
    expect(seconds(4240)).toBe('4.2 s');
  });
});
