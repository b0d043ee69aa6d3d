import type { GuideInput } from '../../sdk/core/schema/ruleset';

/** A tooltip on one gallery page, shown on every visit. */
export function tooltipOn(page: string, target: string, title: string, placement: GuideInput['placement'] = 'bottom'): GuideInput {
  return {
    id: `tip-${page}`,
    name: `Tooltip on ${page}`,
    type: 'tooltip',
    target,
    placement,
    content: { title, blocks: [{ type: 'text', spans: ['Tiered prices start at ', { text: '50 units', bold: true }, '.'] }], buttons: [{ label: 'Got it', action: 'dismiss' }] },
    rule: { urls: [{ match: 'exact', value: `/${page}.html` }], frequency: 'always' },
  };
}

/** Strings that run script when a page renders guide text as HTML; Waymark must show them as text. */
export const XSS_CORPUS = [
  '<img src=x onerror=alert(1)>',
  '<script>alert(1)</script>',
  '"><svg onload=alert(1)>',
  "javascript:alert(1)//' onmouseover='alert(1)",
  '<a href="javascript:alert(1)">click</a>',
  '{{constructor.constructor("alert(1)")()}}',
];

export const GALLERY_GUIDES: GuideInput[] = [
  tooltipOn('scroll', '#scrolled-target', 'In a scroll container'),
  tooltipOn('sticky', '#sticky-target', 'Beside a sticky header'),
  tooltipOn('shadow', 'shop-widget >>> button.buy', 'Inside a shadow root'),
  tooltipOn('dialog', '#terms', 'Above a modal dialog'),
  tooltipOn('late', '#late-target', 'Rendered late'),
  tooltipOn('removed', '#doomed', 'About to vanish'),
  tooltipOn('hostile', '#hostile-target', 'Despite hostile CSS'),
  tooltipOn('csp', '#csp-target', 'Under a strict CSP'),
  tooltipOn('mobile', '#mobile-target', 'On a narrow screen', 'right'),
  {
    id: 'xss-corpus',
    name: 'XSS corpus',
    type: 'modal',
    content: {
      title: XSS_CORPUS[0],
      blocks: XSS_CORPUS.slice(1).map((text) => ({ type: 'text', spans: [text, { text, bold: true }] })),
      buttons: [{ label: XSS_CORPUS[2]!, action: 'dismiss' }],
    },
    rule: { urls: [{ match: 'exact', value: '/xss.html' }], frequency: 'always' },
  },
];

const on = (...paths: string[]): GuideInput['rule'] => ({ urls: paths.map((value) => ({ match: 'exact' as const, value })), frequency: 'always' });
const text = (body: string) => [{ type: 'text' as const, spans: [body] }];

/** One guide of every widget type, on the pages of test/pages. */
export const TYPE_GUIDES: GuideInput[] = [
  {
    id: 'bulk-hotspot',
    name: 'Bulk pricing hotspot',
    type: 'hotspot',
    target: '#hotspot-target',
    content: { title: 'Volume pricing', blocks: text('Order 50 or more for tier prices.'), buttons: [{ label: 'Show tiers', action: 'complete', event: 'tiers_opened' }] },
    rule: on('/hotspot.html'),
  },
  {
    id: 'account-banner',
    name: 'Account banner',
    type: 'banner',
    content: { title: 'Net 30 terms', blocks: text('Approved accounts can pay by invoice.'), buttons: [{ label: 'Learn more', action: 'dismiss' }] },
    rule: on('/banner.html'),
  },
  {
    id: 'help-modal',
    name: 'Help modal',
    type: 'modal',
    content: { title: 'Need help with your order?', blocks: text('Our B2B desk answers within one hour.'), buttons: [{ label: 'Contact us', action: 'complete' }, { label: 'Later', action: 'dismiss' }] },
    rule: on('/only-by-api'),
  },
  {
    id: 'quote-tour',
    name: 'Quote tour',
    type: 'tour',
    target: '#tour-a',
    content: { title: 'Step one: add items', blocks: text('Add what you need to a quote.'), buttons: [{ label: 'Next', action: 'next' }] },
    steps: [
      { url: '/tour-2.html', target: '#tour-b', content: { title: 'Step two: send it', blocks: text('We reply within a day.'), buttons: [{ label: 'Next', action: 'next' }] } },
      { url: '/tour-2.html', content: { title: 'That is all', blocks: text('You know the way now.'), buttons: [{ label: 'Finish', action: 'next' }] } },
    ],
    rule: { urls: [{ match: 'prefix', value: '/tour-' }], frequency: 'always' },
  },
  {
    id: 'onboarding',
    name: 'Onboarding checklist',
    type: 'checklist',
    content: {
      title: 'Set up your account',
      blocks: text('Three steps to faster reorders.'),
      checklist: [{ label: 'Add a delivery address' }, { label: 'Invite a colleague', event: 'colleague_invite_opened' }, { label: 'Save a reorder list' }],
    },
    rule: on('/checklist.html'),
  },
  {
    id: 'quote-blocker',
    name: 'Quote blocker survey',
    type: 'survey',
    theme: { accent: '#8a1c7c', radius: 2 },
    content: { title: "What's stopping you from requesting a quote?", blocks: [], survey: { choices: ['Prices', 'Lead times'], freeText: true, submitLabel: 'Send answer' } },
    rule: on('/survey.html'),
  },
  {
    id: 'welcome',
    name: 'Welcome',
    type: 'modal',
    content: { title: 'Welcome', blocks: text('Your account is ready.'), buttons: [{ label: 'OK', action: 'dismiss' }] },
    locales: {
      de: { title: 'Willkommen', blocks: text('Ihr Konto ist bereit.'), buttons: [{ label: 'OK', action: 'dismiss' }] },
      ar: { title: 'أهلاً بك', blocks: text('حسابك جاهز.'), buttons: [{ label: 'حسناً', action: 'dismiss' }] },
    },
    rule: on('/locale.html', '/rtl.html'),
  },
];
