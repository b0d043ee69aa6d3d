import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TrackedEvent } from '../../sdk/core/schema/event';
import type { GuideInput } from '../../sdk/core/schema/ruleset';
import type { SurveyAnswers } from '../explore/survey-answers';
import { testApp } from '../testing/app';
import { sampleEvent } from '../testing/events';
import { freshStore, STORE_KINDS } from '../testing/stores';
import type { Store } from '../store/types';

const HOUR = 3_600_000;
const NOW = Date.UTC(2026, 10, 20, 12);
const HOSTILE = '<img src=x onerror=alert(1)>';

const survey: GuideInput = {
  id: 'quote-blocker',
  name: 'What stops you?',
  type: 'survey',
  content: { title: 'What keeps you from requesting a quote?', blocks: [], survey: { choices: ['Price', 'Delivery time', 'Payment terms'], freeText: true } },
};

/**
 * GET /v1/sites/:siteId/guides/:guideId/answers over real stores: answers posted through
 * POST /v1/events as browsers send them, counted per choice with the guide's labels, free text
 * listed newest first; forged events (bad choices) never crash the count or credit a choice.
 */
describe.each(STORE_KINDS)('survey answers through the admin API on %s', (kind) => {
  let store: Store;
  let cleanup: () => Promise<void>;
  let api: ReturnType<typeof testApp>;
  let site: { id: string; key: string };
  let viewer: string;

  const answers = (path: string, headers: Record<string, string> = {}) => api.admin(`/v1/sites/${site.id}/guides/${path}`, { headers });
  const answered = (ts: number, props: TrackedEvent['props'], guide = survey.id) => sampleEvent({ name: 'survey_answered', ts, guide, sid: `s-${ts}`, vid: `v-${ts}`, ...(props ? { props } : {}) });
  const errorCode = async (response: Response) => ((await response.json()) as { error: { code: string } }).error.code;

  beforeAll(async () => {
    ({ store, cleanup } = await freshStore(kind));
    api = testApp(store, { now: () => NOW });
    site = await api.createSite('Survey shop');
    await api.publishGuide(site.id, survey);
    const events = [
      answered(NOW - 5 * HOUR, { answer: 'Price', choice: 0 }),
      answered(NOW - 4 * HOUR, { answer: 'Price', choice: 0 }),
      answered(NOW - 3 * HOUR, { answer: 'Delivery time', choice: 1 }),
      answered(NOW - 2 * HOUR, { answer: 'We need a PO number first', choice: null }),
      answered(NOW - HOUR, { answer: HOSTILE, choice: null }),
      // Forged or odd events: counted as free text, or skipped when they hold no answer.
      answered(NOW - 90 * 60_000, { answer: 'string choice', choice: '2' }),
      answered(NOW - 80 * 60_000, { answer: 'out of range', choice: 9 }),
      answered(NOW - 70 * 60_000, { answer: 'negative', choice: -1 }),
      answered(NOW - 60 * 60_000 + 1, { answer: 'fraction', choice: 1.5 }),
      answered(NOW - 50 * 60_000, { choice: 'x' }),
      answered(NOW - 40 * 60_000, undefined),
      // Not this guide's answers, and not answers at all.
      answered(NOW - 30 * 60_000, { answer: 'Price', choice: 0 }, 'another-survey'),
      sampleEvent({ name: 'guide_shown', ts: NOW - 20 * 60_000, guide: survey.id }),
    ];
    const posted = await api.postEvents({ site: site.key, events });
    expect(await posted.json()).toMatchObject({ accepted: events.length, rejected: [] });

    expect((await api.admin('/v1/users', { method: 'POST', body: JSON.stringify({ email: 'viewer@example.com', password: 'a long passphrase 1', role: 'viewer' }) })).status).toBe(201);
    const login = await api.app.request('/v1/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'viewer@example.com', password: 'a long passphrase 1' }) });
    viewer = /waymark_session=([^;]+)/.exec(login.headers.get('set-cookie') ?? '')![1]!;
  });
  afterAll(() => cleanup());

  it('counts each choice with the guide’s labels (unanswered ones too) and lists free text newest first', async () => {
    const response = await answers(`${survey.id}/answers`);
    expect(response.status).toBe(200);
    const body = (await response.json()) as SurveyAnswers;
    expect(body.guide).toBe(survey.id);
    expect(body.choices).toEqual([
      { choice: 0, label: 'Price', count: 2 },
      { choice: 1, label: 'Delivery time', count: 1 },
      { choice: 2, label: 'Payment terms', count: 0 },
    ]);
    expect(body.freeText.recent.map((entry) => entry.answer)).toEqual(['fraction', HOSTILE, 'negative', 'out of range', 'string choice', 'We need a PO number first']);
    expect(body.freeText.count).toBe(6);
    expect(body.freeText.recent[0]!.ts).toBe(NOW - 60 * 60_000 + 1);
    expect(body.total).toBe(9);
  });

  it('narrows to from/to (ms, from inclusive, to exclusive)', async () => {
    const body = (await (await answers(`${survey.id}/answers?from=${NOW - 4 * HOUR}&to=${NOW - HOUR}`)).json()) as SurveyAnswers;
    expect(body.choices.map((row) => row.count)).toEqual([1, 1, 0]);
    expect(body.freeText.recent.map((entry) => entry.answer)).toEqual(['negative', 'out of range', 'string choice', 'We need a PO number first']);
    expect(body.total).toBe(6);
  });

  it('answers a survey nobody has answered yet with every choice at 0', async () => {
    await api.publishGuide(site.id, { ...survey, id: 'fresh-survey' });
    const body = (await (await answers('fresh-survey/answers')).json()) as SurveyAnswers;
    expect(body).toEqual({ guide: 'fresh-survey', total: 0, choices: survey.content.survey!.choices.map((label, choice) => ({ choice, label, count: 0 })), freeText: { count: 0, recent: [] } });
  });

  it('answers 404 for an unknown guide and an unknown site', async () => {
    const unknown = await answers('no-such-guide/answers');
    expect(unknown.status).toBe(404);
    expect(await errorCode(unknown)).toBe('unknown_guide');
    // Answers of a guide id that exists only in events (another-survey) are not served either.
    expect((await answers('another-survey/answers')).status).toBe(404);
    const otherSite = await api.admin(`/v1/sites/no-such-site/guides/${survey.id}/answers`);
    expect(otherSite.status).toBe(404);
    expect(await errorCode(otherSite)).toBe('unknown_site');
  });

  it.each([
    ['upper case', 'Quote-Blocker'],
    ['a quote and spaces', encodeURIComponent("x' OR '1'='1")],
    ['markup', encodeURIComponent('<script>alert(1)</script>')],
    ['65 characters', 'a'.repeat(65)],
    ['an encoded lone surrogate', '%ED%A0%80'],
    ['a bad escape', '%FF'],
  ])('refuses a guide id with %s (400 invalid_guide_id)', async (_label, segment) => {
    const response = await answers(`${segment}/answers`);
    expect(response.status).toBe(400);
    expect(await errorCode(response)).toBe('invalid_guide_id');
  });

  it('answers 404, never 5xx, for site ids that name nothing (NUL, quotes, very long)', async () => {
    for (const id of ['%00', encodeURIComponent("x' OR 1=1 --"), 'x'.repeat(2000), '%F0%9F%92%A9']) {
      expect((await api.admin(`/v1/sites/${id}/guides/${survey.id}/answers`)).status, id).toBe(404);
    }
  });

  it.each([['from=yesterday'], ['from=-1'], ['to=1e12'], ['from=2026-11-20'], ['from=1.5'], [`from=${NOW}&to=${NOW}`], [`from=${NOW}&to=${NOW - 1}`], ['from=9999999999999999']])(
    'refuses the range %s (400 invalid_query)',
    async (query) => {
      const response = await answers(`${survey.id}/answers?${query}`);
      expect(response.status).toBe(400);
      expect(await errorCode(response)).toBe('invalid_query');
    },
  );

  it('needs credentials (401), lets a viewer read (any role reads), and keeps edit tokens out (403)', async () => {
    const path = `/v1/sites/${site.id}/guides/${survey.id}/answers`;
    expect((await api.app.request(path)).status).toBe(401);
    expect((await api.app.request(path, { headers: { authorization: 'Bearer wrong-token' } })).status).toBe(401);
    const asViewer = await api.app.request(path, { headers: { cookie: `waymark_session=${viewer}` } });
    expect(asViewer.status).toBe(200);
    expect(((await asViewer.json()) as SurveyAnswers).total).toBe(9);
    const link = (await (await api.admin(`/v1/sites/${site.id}/edit-links`, { method: 'POST', body: JSON.stringify({ url: 'https://shop.example/' }) })).json()) as { token: string };
    expect((await api.app.request(path, { headers: { authorization: `Bearer ${link.token}` } })).status).toBe(403);
  });
});
