import type { GuideInput } from '../sdk/core/schema/ruleset';

/** The guide `npm start` publishes on the demo site, and the end-to-end test's thin slice. */
export const requestQuoteTooltip: GuideInput = {
  id: 'request-quote-help',
  name: 'Request quote help',
  type: 'tooltip',
  target: '#request-quote',
  placement: 'bottom',
  content: {
    title: 'Buying 50 or more?',
    blocks: [{ type: 'text', spans: ['Request a quote and get ', { text: 'volume pricing', bold: true }, ' within one business day.'] }],
    buttons: [{ label: 'Got it', action: 'dismiss' }],
  },
  rule: { urls: [{ match: 'exact', value: '/' }, { match: 'exact', value: '/index.html' }], frequency: 'session' },
};
