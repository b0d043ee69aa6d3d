import { describe, expect, it } from 'vitest';
import type { Guide, GuideInput } from '../sdk/core/schema/ruleset';
import type { WidgetHost, WidgetsModule } from '../sdk/widgets/contract';
import { previewGuide, PreviewError } from './preview';

/** A widget chunk that shows every guide and hands back what it was given. */
function recordingWidgets() {
  const shown: { guide: Guide; host: WidgetHost }[] = [];
  const module: WidgetsModule = {
    showGuide: (guide, host) => {
      shown.push({ guide, host });
      return Promise.resolve({ close: () => host.closed(guide) });
    },
  };
  return { shown, loadWidgets: () => Promise.resolve(module) };
}

const tour: GuideInput = {
  id: 'bulk-tour',
  name: 'Bulk tour',
  type: 'tour',
  target: '#add-to-cart',
  content: { title: 'One', blocks: [] },
  steps: [{ target: '#submit-quote', url: '/quote.html', content: { title: 'Two', blocks: [] } }],
  rule: { urls: [{ match: 'exact', value: '/product.html' }] },
};

describe('previewGuide', () => {
  it('hands the widgets the guide as the schema parses it for buyers, starting at step 1 on its first page', async () => {
    history.replaceState(null, '', '/product.html');
    const { shown, loadWidgets } = recordingWidgets();
    await previewGuide(tour, { signal: new AbortController().signal, onClosed: () => {}, loadWidgets });
    const [{ guide, host }] = shown as [(typeof shown)[0]];
    expect(guide.placement).toBe('bottom'); // the schema's defaults, as buyers get them
    expect(guide.rule.frequency).toBe('once');
    expect(host.progress.get('bulk-tour')).toBe(0);
  });

  it('starts a tour at its first step on this page', async () => {
    history.replaceState(null, '', '/quote.html');
    const { shown, loadWidgets } = recordingWidgets();
    await previewGuide(tour, { signal: new AbortController().signal, onClosed: () => {}, loadWidgets });
    expect(shown[0]!.host.progress.get('bulk-tour')).toBe(1);
  });

  it("hands the widgets the guide's theme, the colours buyers will see", async () => {
    history.replaceState(null, '', '/product.html');
    const { shown, loadWidgets } = recordingWidgets();
    const theme = { accent: '#b42318', accentText: '#ffffff', background: '#fffbeb', text: '#1f2430', radius: 4 };
    await previewGuide({ ...tour, theme }, { signal: new AbortController().signal, onClosed: () => {}, loadWidgets });
    expect(shown[0]!.guide.theme).toEqual(theme);
  });

  it('refuses a guide the schema refuses, and says when the element is not on the page', async () => {
    const { loadWidgets } = recordingWidgets();
    const options = { signal: new AbortController().signal, onClosed: () => {} };
    await expect(previewGuide({ ...tour, type: 'tooltip', target: undefined }, { ...options, loadWidgets })).rejects.toBeInstanceOf(PreviewError);
    const nothing: WidgetsModule = { showGuide: () => Promise.resolve(undefined) };
    await expect(previewGuide(tour, { ...options, loadWidgets: () => Promise.resolve(nothing) })).rejects.toThrow(/not on this page/);
  });
});
