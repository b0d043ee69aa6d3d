import { describe, expect, it } from 'vitest';
import { parse } from './parse';
import { Guide, Ruleset } from './ruleset';

const tooltip = {
  id: 'po-help',
  name: 'PO number help',
  type: 'tooltip',
  target: '#po-number',
  content: {
    title: 'Where do I find my PO number?',
    blocks: [{ type: 'text', spans: ['Ask your ', { text: 'purchasing team', bold: true }, '. ', { text: 'Help', href: 'https://help.example/po' }] }],
    buttons: [{ label: 'Got it', action: 'dismiss' }],
  },
};

describe('Guide schema', () => {
  it('accepts a well-formed guide and fills rule defaults', () => {
    const result = parse(Guide, tooltip);
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.value.rule).toEqual({ urls: [], trigger: { on: 'page_load' }, frequency: 'once', priority: 0 });
  });

  it.each([
    ['an unknown block type', { blocks: [{ type: 'html', html: '<b>x</b>' }] }],
    ['an unknown attribute on a span', { blocks: [{ type: 'text', spans: [{ text: 'x', onclick: 'alert(1)' }] }] }],
    ['a javascript: link', { blocks: [{ type: 'text', spans: [{ text: 'x', href: 'javascript:alert(1)' }] }] }],
    ['a data: image', { blocks: [{ type: 'image', src: 'data:image/svg+xml,<svg onload=alert(1)>', alt: '' }] }],
    ['a mailto: image', { blocks: [{ type: 'image', src: 'mailto:a@b.c', alt: '' }] }],
  ])('rejects the whole guide for %s', (_label, content) => {
    const result = parse(Guide, { ...tooltip, content: { ...tooltip.content, ...content } });
    expect(result.ok).toBe(false);
  });

  it('allows http, https and mailto links', () => {
    for (const href of ['http://a.example', 'https://a.example', 'mailto:sales@a.example']) {
      expect(parse(Guide, { ...tooltip, content: { blocks: [{ type: 'text', spans: [{ text: 'x', href }] }] } }).ok).toBe(true);
    }
  });

  it('requires a target for tooltips and hotspots, not for modals', () => {
    const { target: _target, ...untargeted } = tooltip;
    expect(parse(Guide, untargeted).ok).toBe(false);
    expect(parse(Guide, { ...untargeted, type: 'modal' }).ok).toBe(true);
  });

  it('says where the problem is', () => {
    const result = parse(Guide, { ...tooltip, id: 'Bad Id!' });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors[0]).toMatch(/^id: /);
  });
});

describe('Ruleset schema', () => {
  it('refuses unknown versions', () => {
    expect(parse(Ruleset, { version: 2, revision: 1, guides: [] }).ok).toBe(false);
    expect(parse(Ruleset, { version: 1, revision: 1, guides: [] }).ok).toBe(true);
  });
});
