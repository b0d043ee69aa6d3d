import { describe, expect, it } from 'vitest';
import { parse } from './parse';
import { Guide } from './ruleset';

const base = { id: 'g', name: 'G', type: 'modal', content: { title: 'Hi', blocks: [] } };

describe('guide content beyond text', () => {
  it('accepts checklists, surveys, tour steps, locales and a theme', () => {
    const result = parse(Guide, {
      ...base,
      type: 'tour',
      target: '#a',
      content: { ...base.content, checklist: [{ label: 'Add address', href: 'https://shop.example/a', event: 'address_opened' }], survey: { choices: ['Price'], freeText: true } },
      steps: [{ url: '/quote', target: 'cart-box >>> button', content: { blocks: [] } }],
      locales: { de: { title: 'Hallo', blocks: [] }, 'pt-BR': { blocks: [] } },
      theme: { accent: '#8a1c7c', text: '#111', radius: 4, font: '"Inter", sans-serif' },
    });
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.value.steps?.[0]?.placement).toBe('bottom');
  });

  it.each([
    ['a theme colour that is not a hex colour', { theme: { accent: 'red;background:url(https://x)' } }],
    ['a font that smuggles CSS', { theme: { font: 'x; } * { display:none' } }],
    ['an unknown theme key', { theme: { shadow: '#000' } }],
    ['a locale key that is not a language tag', { locales: { 'de DE': { blocks: [] } } }],
    ['localised content with an unknown block', { locales: { de: { blocks: [{ type: 'html', html: '<b>' }] } } }],
    ['a checklist item with a javascript: link', { content: { blocks: [], checklist: [{ label: 'x', href: 'javascript:alert(1)' }] } }],
    ['an empty checklist', { content: { blocks: [], checklist: [] } }],
    ['too many survey choices', { content: { blocks: [], survey: { choices: ['1', '2', '3', '4', '5', '6', '7'] } } }],
    ['a tour step url that is not a path', { steps: [{ url: 'javascript:alert(1)', content: { blocks: [] } }] }],
    ['a tour step with an unknown attribute', { steps: [{ content: { blocks: [] }, onshow: 'alert(1)' }] }],
  ])('rejects the whole guide for %s', (_label, patch) => {
    expect(parse(Guide, { ...base, ...patch }).ok).toBe(false);
  });
});
