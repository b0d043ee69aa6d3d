import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { Guide, type GuideInput } from '../sdk/core/schema/ruleset';
import type { ConditionFields } from './audience';
import { fieldsFromGuide, guideFromFields, listProblem, MAX_CHOICES, MAX_TASKS, newGuideFields, taskProblems, withType, type TaskFields } from './guide-fields';
import { scheduleIsEmpty } from './schedule';
import { contrastRatio, readableOn } from './theme';

const valid = (guide: GuideInput) => {
  const result = v.safeParse(Guide, JSON.parse(JSON.stringify(guide)));
  expect(result.issues?.map((issue) => issue.message)).toBeUndefined();
  return guide;
};

describe('guide form fields', () => {
  it('make the same tooltip as before by default: this exact page, page load, once', () => {
    const guide = valid(guideFromFields({ ...newGuideFields('/checkout.html'), title: 'Net 30 or Net 60?', text: 'Pay later.' }, '#payment-terms'));
    expect(guide).toMatchObject({
      type: 'tooltip',
      target: '#payment-terms',
      placement: 'bottom',
      content: { title: 'Net 30 or Net 60?', blocks: [{ type: 'text', spans: ['Pay later.'] }], buttons: [{ label: 'Got it', action: 'dismiss' }] },
      rule: { urls: [{ match: 'exact', value: '/checkout.html' }], trigger: { on: 'page_load' }, frequency: 'once' },
    });
    expect(guide.id).toMatch(/^net-30-or-net-60-[a-z0-9]+$/);
    expect(guide.rule).not.toHaveProperty('holdout');
  });

  it('write every trigger, frequency and holdout the schema knows', () => {
    const base = { ...newGuideFields('/checkout.html'), text: 'Hi' };
    expect(valid(guideFromFields({ ...base, trigger: 'delay', delaySeconds: '2.5' }, '#x')).rule?.trigger).toEqual({ on: 'delay', ms: 2500 });
    expect(valid(guideFromFields({ ...base, trigger: 'click' }, '#x')).rule?.trigger).toEqual({ on: 'click', el: '#x' });
    expect(valid(guideFromFields({ ...base, trigger: 'hesitation' }, '#x')).rule?.trigger).toEqual({ on: 'hesitation', el: '#x', threshold: 'auto' });
    expect(valid(guideFromFields({ ...base, trigger: 'hesitation', threshold: 'seconds', thresholdSeconds: '4' }, '#x')).rule?.trigger).toEqual({ on: 'hesitation', el: '#x', threshold: 4000 });
    const weekly = valid(guideFromFields({ ...base, frequency: 'every_days', everyDays: '14', holdout: '10', pageMatch: 'glob', page: '/products/*' }, '#x'));
    expect(weekly.rule).toMatchObject({ frequency: 'every_days', days: 14, holdout: 10, urls: [{ match: 'glob', value: '/products/*' }] });
  });

  it('leave modals and banners unanchored but still trigger at the element', () => {
    const banner = valid(guideFromFields({ ...newGuideFields('/cart.html'), type: 'banner', title: 'Free shipping', trigger: 'hesitation' }, '#bulk-pricing'));
    expect(banner).not.toHaveProperty('target');
    expect(banner).not.toHaveProperty('placement');
    expect(banner.rule?.trigger).toMatchObject({ on: 'hesitation', el: '#bulk-pricing' });
  });

  it("round-trip a suggestion's draft, keeping what the form does not show", () => {
    const draft: GuideInput = {
      id: 'help-payment-terms',
      name: 'Help at #payment-terms on /checkout.html',
      type: 'tooltip',
      target: '#payment-terms',
      content: { title: 'Need a hand here?', blocks: [{ type: 'text', spans: ['Tell buyers.'] }], buttons: [{ label: 'Thanks', action: 'dismiss' }] },
      rule: { urls: [{ match: 'glob', value: '/checkout.html' }], trigger: { on: 'hesitation', el: '#payment-terms', kind: 'field_idle', threshold: 'auto' }, frequency: 'until_dismissed', holdout: 10 },
    };
    const fields = fieldsFromGuide(draft, '/elsewhere');
    expect(fields).toMatchObject({ type: 'tooltip', title: 'Need a hand here?', text: 'Tell buyers.', pageMatch: 'glob', page: '/checkout.html', trigger: 'hesitation', threshold: 'auto', frequency: 'until_dismissed', holdout: '10' });
    expect(valid(guideFromFields(fields, '#payment-terms', draft))).toEqual({ ...draft, placement: 'bottom' });
    const edited = guideFromFields({ ...fields, title: '', holdout: '0', frequency: 'session' }, '#payment-terms', draft);
    expect(edited.content).not.toHaveProperty('title');
    expect(edited.rule).not.toHaveProperty('holdout');
    expect(edited.id).toBe('help-payment-terms');
  });
});

describe('tour fields', () => {
  const tourFields = {
    ...newGuideFields('/product.html'),
    type: 'tour' as const,
    title: 'Order in bulk',
    text: 'Trade price from five reams.',
    frequency: 'until_dismissed' as const,
    steps: [
      { target: '#quote-items', url: '/quote.html', title: 'List them', text: 'One per line.', placement: 'top' as const },
      { target: '#submit-quote', url: '/quote.html', title: 'Send it', text: '', placement: 'bottom' as const },
    ],
  };

  it('write the steps with their pages, Next buttons and a rule that allows every page of the tour', () => {
    const tour = valid(guideFromFields(tourFields, '#add-to-cart'));
    expect(tour).toMatchObject({ type: 'tour', target: '#add-to-cart', placement: 'bottom', content: { title: 'Order in bulk', buttons: [{ label: 'Next', action: 'next' }] } });
    expect(tour.steps).toEqual([
      { target: '#quote-items', placement: 'top', url: '/quote.html', content: { title: 'List them', blocks: [{ type: 'text', spans: ['One per line.'] }], buttons: [{ label: 'Next', action: 'next' }] } },
      { target: '#submit-quote', placement: 'bottom', url: '/quote.html', content: { title: 'Send it', blocks: [], buttons: [{ label: 'Finish', action: 'next' }] } },
    ]);
    expect(tour.rule?.urls).toEqual([
      { match: 'exact', value: '/product.html' },
      { match: 'exact', value: '/quote.html' },
    ]);
  });

  it('round-trip a saved tour, and keep tours to frequencies and triggers that carry them across pages', () => {
    const tour = guideFromFields(tourFields, '#add-to-cart');
    const fields = fieldsFromGuide(tour, '/elsewhere');
    expect(fields).toMatchObject({ type: 'tour', page: '/product.html', steps: tourFields.steps });
    expect(guideFromFields(fields, '#add-to-cart', tour)).toEqual(tour);

    const fromOnce = withType({ ...newGuideFields('/p'), frequency: 'once', trigger: 'hesitation' }, 'tour');
    expect(fromOnce).toMatchObject({ type: 'tour', frequency: 'until_dismissed', trigger: 'page_load' });
    expect(withType({ ...newGuideFields('/p'), frequency: 'always', trigger: 'delay' }, 'tour')).toMatchObject({ frequency: 'always', trigger: 'delay' });
    // Written by hand or kept from another type, a frequency that would stop the tour after one page is not saved.
    expect(guideFromFields({ ...tourFields, frequency: 'session', trigger: 'click' }, '#add-to-cart').rule).toMatchObject({ frequency: 'until_dismissed', trigger: { on: 'page_load' } });
    // Other types never carry steps.
    expect(guideFromFields({ ...tourFields, type: 'tooltip' }, '#add-to-cart')).not.toHaveProperty('steps');
  });
});

describe('checklist fields', () => {
  const PAGE = 'https://shop.example/index.html';
  const task = (patch: Partial<TaskFields>): TaskFields => ({ label: '', link: '', event: '', ...patch });
  const checklistFields = {
    ...withType({ ...newGuideFields('/index.html'), title: 'Get set up for trade' }, 'checklist'),
    tasks: [task({ label: 'Browse the catalogue', link: '/product.html' }), task({}), task({ label: ' Ask for a quote ', event: 'quote_checklist' })],
  };

  it('write the tasks, unanchored, with links made absolute and blank rows left out', () => {
    const guide = valid(guideFromFields(checklistFields, '#hero-title', undefined, PAGE));
    expect(guide).not.toHaveProperty('target');
    expect(guide).not.toHaveProperty('placement');
    expect(guide).toMatchObject({ type: 'checklist', name: 'Get set up for trade', rule: { frequency: 'until_completed' } });
    expect(guide.content).toEqual({
      title: 'Get set up for trade',
      blocks: [],
      checklist: [
        { label: 'Browse the catalogue', href: 'https://shop.example/product.html' },
        { label: 'Ask for a quote', event: 'quote_checklist' },
      ],
    });
    expect(listProblem(checklistFields, PAGE)).toBeUndefined();
  });

  it('round-trip a saved checklist, keeping its buttons', () => {
    const saved = guideFromFields(checklistFields, '#hero-title', undefined, PAGE);
    const draft: GuideInput = { ...saved, content: { ...saved.content, buttons: [{ label: 'Later', action: 'dismiss' }] } };
    const fields = fieldsFromGuide(draft, '/elsewhere');
    expect(fields).toMatchObject({
      type: 'checklist',
      tasks: [task({ label: 'Browse the catalogue', link: 'https://shop.example/product.html' }), task({ label: 'Ask for a quote', event: 'quote_checklist' })],
    });
    expect(valid(guideFromFields(fields, '#hero-title', draft, 'https://shop.example/elsewhere'))).toEqual(draft);
    // Another type drops the checklist it no longer shows.
    expect(guideFromFields({ ...fields, type: 'modal' }, '#hero-title', draft).content).not.toHaveProperty('checklist');
  });

  it('keep to the schema: at most 12 tasks of 80 characters', () => {
    const many = Array.from({ length: 15 }, (_, i) => task({ label: i === 0 ? 'x'.repeat(100) : `Task ${i + 1}` }));
    const guide = valid(guideFromFields({ ...checklistFields, tasks: [task({}), ...many] }, '#x', undefined, PAGE));
    expect(guide.content.checklist).toHaveLength(MAX_TASKS);
    expect(guide.content.checklist![0]!.label).toHaveLength(80);
    expect(guide.content.checklist![11]!.label).toBe('Task 12');
  });

  it('never let a javascript: link or a bad event name reach a published guide', () => {
    const hostile = { ...checklistFields, tasks: [task({ label: 'Claim your gift', link: ' javascript:alert(document.cookie)', event: '1 bad name' })] };
    // The collector would refuse the guide with this link as typed...
    const raw: GuideInput = { id: 'g', name: 'G', type: 'checklist', content: { blocks: [], checklist: [{ label: 'Claim your gift', href: 'javascript:alert(document.cookie)' }] } };
    expect(v.safeParse(Guide, raw).issues?.map((issue) => issue.message)).toEqual(['links may only be http, https or mailto']);
    // ...so the form marks the row and will not save...
    expect(taskProblems(hostile.tasks[0]!, PAGE)).toEqual({ link: expect.stringMatching(/http, https or mailto/), event: expect.stringMatching(/Start with a letter/) });
    expect(listProblem(hostile, PAGE)).toMatch(/Fix the tasks/);
    // ...and the guide it would write leaves both out and is one the collector accepts.
    const guide = valid(guideFromFields(hostile, '#x', undefined, PAGE));
    expect(guide.content.checklist).toEqual([{ label: 'Claim your gift' }]);
    expect(JSON.stringify(guide)).not.toMatch(/javascript/i);
    for (const link of ['data:text/html,<script>alert(1)</script>', 'vbscript:msgbox(1)', 'JaVaScRiPt:alert(1)']) expect(taskProblems(task({ label: 'x', link }), PAGE).link).toBeDefined();
    // A path needs the page it is relative to; full addresses and mailto do not.
    expect(taskProblems(task({ label: 'x', link: '/quote.html' })).link).toBeDefined();
    expect(taskProblems(task({ label: 'x', link: 'mailto:sales@shop.example' })).link).toBeUndefined();
  });

  it('refuse a checklist without tasks, or a task with a link but no label', () => {
    expect(listProblem({ ...checklistFields, tasks: [task({}), task({ label: '   ' })] }, PAGE)).toMatch(/at least one task/);
    expect(listProblem({ ...checklistFields, tasks: [] }, PAGE)).toMatch(/at least one task/);
    expect(guideFromFields({ ...checklistFields, tasks: [] }, '#x', undefined, PAGE).content).not.toHaveProperty('checklist');
    expect(taskProblems(task({ link: '/quote.html' }), PAGE)).toEqual({ label: expect.any(String) });
    expect(listProblem({ ...checklistFields, tasks: [task({ label: 'Fine' }), task({ event: 'orphan' })] }, PAGE)).toMatch(/Fix the tasks/);
  });

  it('show a checklist until its last task is ticked, unless the marketer chose otherwise', () => {
    expect(withType(newGuideFields('/'), 'checklist').frequency).toBe('until_completed');
    expect(withType({ ...newGuideFields('/'), frequency: 'session' }, 'checklist').frequency).toBe('session');
  });
});

describe('survey fields', () => {
  const surveyFields = { ...withType(newGuideFields('/cart.html'), 'survey'), title: 'What is stopping you from ordering today?', choices: ['Prices', '  ', 'Lead times'], freeText: true };

  it('write the choices and free text, unanchored, the title as the question', () => {
    const guide = valid(guideFromFields(surveyFields, '#cart-total'));
    expect(guide).not.toHaveProperty('target');
    expect(guide).not.toHaveProperty('placement');
    expect(guide).toMatchObject({ type: 'survey', rule: { frequency: 'once' } });
    expect(guide.content).toEqual({ title: 'What is stopping you from ordering today?', blocks: [], survey: { choices: ['Prices', 'Lead times'], freeText: true } });
    expect(valid(guideFromFields({ ...surveyFields, freeText: false }, '#x')).content.survey).toEqual({ choices: ['Prices', 'Lead times'] });
  });

  it("round-trip a saved survey, keeping its submit label, and read back one with free text only", () => {
    const draft: GuideInput = { ...guideFromFields(surveyFields, '#cart-total'), content: { title: 'Why not today?', blocks: [], survey: { choices: ['Prices'], freeText: true, submitLabel: 'Senden' } } };
    const fields = fieldsFromGuide(draft, '/elsewhere');
    expect(fields).toMatchObject({ type: 'survey', title: 'Why not today?', choices: ['Prices'], freeText: true });
    expect(valid(guideFromFields(fields, '#cart-total', draft))).toEqual(draft);
    const freeOnly = valid(guideFromFields({ ...fields, choices: [''] }, '#cart-total', draft));
    expect(freeOnly.content.survey).toEqual({ choices: [], freeText: true, submitLabel: 'Senden' });
    expect(fieldsFromGuide(freeOnly, '/')).toMatchObject({ choices: [''], freeText: true });
  });

  it('keep to the schema: at most 6 choices of 80 characters', () => {
    const choices = ['y'.repeat(90), ...Array.from({ length: 9 }, (_, i) => `Choice ${i + 2}`)];
    const survey = valid(guideFromFields({ ...surveyFields, choices }, '#x')).content.survey!;
    expect(survey.choices).toHaveLength(MAX_CHOICES);
    expect(survey.choices[0]).toHaveLength(80);
    expect(survey.choices[5]).toBe('Choice 6');
  });

  it('refuse a survey without a question, or with no way to answer it', () => {
    expect(listProblem(surveyFields)).toBeUndefined();
    expect(listProblem({ ...surveyFields, title: ' ' })).toMatch(/question/);
    expect(listProblem({ ...surveyFields, choices: [' ', ''], freeText: false })).toMatch(/Add a choice/);
    expect(listProblem({ ...surveyFields, choices: [], freeText: true })).toBeUndefined();
    expect(listProblem({ ...surveyFields, type: 'modal', title: '' })).toBeUndefined(); // other types: the form's own check
  });
});

describe('audience fields', () => {
  const base = { ...newGuideFields('/checkout.html'), title: 'Gold terms', text: 'Net 60.' };
  const row = (patch: Partial<ConditionFields>): ConditionFields => ({ if: 'account_trait', key: '', op: 'eq', value: '', ...patch });

  it('save nothing for everyone, even with rows left from "some buyers"', () => {
    const guide = valid(guideFromFields({ ...base, conditions: [row({ key: 'tier', value: 'gold' })] }, '#po-number'));
    expect(guide.rule).not.toHaveProperty('conditions');
  });

  it('write every kind of row as the schema wants it', () => {
    const conditions: ConditionFields[] = [
      row({ key: 'tier', value: 'gold' }),
      row({ if: 'user_trait', key: 'role', op: 'in', value: 'buyer, approver ,, ' }),
      row({ key: 'seats', op: 'gte', value: '50' }),
      row({ key: 'region', op: 'lt', value: 'M' }),
      row({ key: 'po_required', op: 'exists', value: 'ignored' }),
      row({ if: 'visitor', value: 'returning' }),
      row({ if: 'device', value: 'desktop' }),
      row({ if: 'locale', value: 'de, en-GB' }),
      row({ if: 'segment', value: 'gold-accounts' }),
    ];
    const guide = valid(guideFromFields({ ...base, audience: 'some', conditions }, '#po-number'));
    expect(guide.rule?.conditions).toEqual([
      { if: 'account_trait', key: 'tier', op: 'eq', value: 'gold' },
      { if: 'user_trait', key: 'role', op: 'in', value: ['buyer', 'approver'] },
      { if: 'account_trait', key: 'seats', op: 'gte', value: 50 },
      { if: 'account_trait', key: 'region', op: 'lt', value: 'M' },
      { if: 'account_trait', key: 'po_required', op: 'exists' },
      { if: 'visitor', is: 'returning' },
      { if: 'device', is: 'desktop' },
      { if: 'locale', in: ['de', 'en-GB'] },
      { if: 'segment', name: 'gold-accounts' },
    ]);
    // ...and the form reads them back as the same rows, which write the same conditions.
    const again = fieldsFromGuide(guide, '/elsewhere');
    expect(again.audience).toBe('some');
    expect(guideFromFields(again, '#po-number', guide).rule?.conditions).toEqual(guide.rule?.conditions);
  });

  it('leave out rows not filled in rather than save a condition the schema refuses', () => {
    const unfinished = [row({ key: ' ', value: 'gold' }), row({ key: 'tier', value: '' }), row({ if: 'locale', value: ' , ' }), row({ if: 'segment', value: '' }), row({ key: 'tier', op: 'in', value: ',' })];
    const guide = valid(guideFromFields({ ...base, audience: 'some', conditions: unfinished }, '#po-number'));
    expect(guide.rule).not.toHaveProperty('conditions');
  });

  it("keep a draft's conditions the form does not show, whatever the audience", () => {
    const draft = valid(
      guideFromFields({ ...base, audience: 'some', conditions: [row({ key: 'tier', value: 'gold' })] }, '#po-number', {
        id: 'gold-terms',
        name: 'Gold terms',
        type: 'tooltip',
        target: '#po-number',
        content: { blocks: [] },
        rule: { conditions: [{ if: 'event', name: 'quote_requested', withinDays: 30 }, { if: 'account_trait', key: 'vip', op: 'eq', value: true }] },
      }),
    );
    expect(draft.rule?.conditions).toEqual([
      { if: 'event', name: 'quote_requested', withinDays: 30 },
      { if: 'account_trait', key: 'vip', op: 'eq', value: true },
      { if: 'account_trait', key: 'tier', op: 'eq', value: 'gold' },
    ]);
    const fields = fieldsFromGuide(draft, '/checkout.html');
    expect(fields.conditions).toEqual([row({ key: 'tier', value: 'gold' })]);
    expect(valid(guideFromFields({ ...fields, audience: 'everyone' }, '#po-number', draft)).rule?.conditions).toEqual([
      { if: 'event', name: 'quote_requested', withinDays: 30 },
      { if: 'account_trait', key: 'vip', op: 'eq', value: true },
    ]);
  });
});

describe('schedule fields', () => {
  const base = { ...newGuideFields('/checkout.html'), text: 'Hi' };

  it('write dates with optional times as local date-times, and nothing without a date', () => {
    const dated = valid(guideFromFields({ ...base, scheduleStart: { date: '2026-12-01', time: '' }, scheduleEnd: { date: '2026-12-24', time: '18:00' } }, '#x'));
    expect(dated.rule?.schedule).toEqual({ start: '2026-12-01', end: '2026-12-24T18:00' });
    expect(valid(guideFromFields({ ...base, scheduleStart: { date: '2026-12-01', time: '09:30' } }, '#x')).rule?.schedule).toEqual({ start: '2026-12-01T09:30' });
    expect(guideFromFields({ ...base, scheduleEnd: { date: '', time: '18:00' } }, '#x').rule).not.toHaveProperty('schedule');
    expect(fieldsFromGuide(dated, '/')).toMatchObject({ scheduleStart: { date: '2026-12-01', time: '' }, scheduleEnd: { date: '2026-12-24', time: '18:00' } });
  });

  it('drop a schedule the form cleared, and tell a schedule that never runs', () => {
    const draft = guideFromFields({ ...base, scheduleStart: { date: '2026-12-01', time: '' } }, '#x');
    expect(guideFromFields(base, '#x', draft).rule).not.toHaveProperty('schedule');
    expect(scheduleIsEmpty({ start: '2026-12-02', end: '2026-12-01' })).toBe(true);
    expect(scheduleIsEmpty({ start: '2026-12-01T10:00', end: '2026-12-01' })).toBe(false); // an end date includes its whole day
    expect(scheduleIsEmpty({ start: '2026-12-01T10:00', end: '2026-12-01T10:00' })).toBe(true);
  });
});

describe('theme fields', () => {
  const base = { ...newGuideFields('/checkout.html'), text: 'Hi' };

  it('save no theme until asked, then colours, radius and a readable button text', () => {
    expect(guideFromFields({ ...base, theme: { ...base.theme, accent: '#b42318' } }, '#x')).not.toHaveProperty('theme');
    const dark = valid(guideFromFields({ ...base, themed: true, theme: { accent: '#B42318', background: '#fffbeb', text: '#1f2430', radius: '4' } }, '#x'));
    expect(dark.theme).toEqual({ accent: '#b42318', accentText: '#ffffff', background: '#fffbeb', text: '#1f2430', radius: 4 });
    const light = valid(guideFromFields({ ...base, themed: true, theme: { ...base.theme, accent: '#ffd400', radius: '99' } }, '#x'));
    expect(light.theme).toMatchObject({ accent: '#ffd400', accentText: '#111827', radius: 32 });
    expect(fieldsFromGuide(dark, '/')).toMatchObject({ themed: true, theme: { accent: '#b42318', background: '#fffbeb', text: '#1f2430', radius: '4' } });
  });

  it("keep a theme's font, which the form does not show", () => {
    const draft: GuideInput = { id: 'g', name: 'G', type: 'modal', content: { blocks: [] }, theme: { font: 'Inter, sans-serif' } };
    const fields = fieldsFromGuide(draft, '/');
    expect(fields.themed).toBe(false);
    expect(valid(guideFromFields(fields, '#x', draft)).theme).toEqual({ font: 'Inter, sans-serif' });
    expect(valid(guideFromFields({ ...fields, themed: true }, '#x', draft)).theme).toMatchObject({ font: 'Inter, sans-serif', accent: '#1f5fd1' });
  });

  it('measure contrast as WCAG does', () => {
    expect(contrastRatio('#ffffff', '#000000')).toBeCloseTo(21, 5);
    expect(contrastRatio('#777777', '#ffffff')).toBeCloseTo(4.48, 2);
    expect(readableOn('#1f5fd1')).toBe('#ffffff');
  });
});
