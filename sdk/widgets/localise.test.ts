import { afterEach, describe, expect, it } from 'vitest';
import type { Guide } from '../core/schema/ruleset';
import { localise, localiseSteps } from './localise';

const content = (title: string) => ({ title, blocks: [] });
const guide = {
  id: 'welcome',
  name: 'Welcome',
  type: 'modal',
  placement: 'bottom',
  content: content('Welcome'),
  rule: { urls: [], trigger: { on: 'page_load' }, frequency: 'once', priority: 0 },
  locales: { de: content('Willkommen'), 'pt-BR': content('Bem-vindo'), ar: content('أهلاً') },
} as unknown as Guide;

afterEach(() => document.documentElement.removeAttribute('dir'));

describe('localise', () => {
  it('prefers the exact locale, then the language, then the guide content', () => {
    expect(localise(guide, 'pt-BR').content.title).toBe('Bem-vindo');
    expect(localise(guide, 'de-AT')).toMatchObject({ content: { title: 'Willkommen' }, lang: 'de', dir: 'ltr' });
    expect(localise(guide, 'fr-FR')).toMatchObject({ content: { title: 'Welcome' }, lang: undefined });
  });

  it('is right-to-left for RTL content, and follows the page for the fallback', () => {
    expect(localise(guide, 'ar-EG').dir).toBe('rtl');
    expect(localise(guide, 'he').dir).toBe('ltr'); // English fallback on an ltr page
    document.documentElement.dir = 'rtl';
    expect(localise(guide, 'he').dir).toBe('rtl');
  });

  it('ignores page languages that are object keys, not locales', () => {
    expect(localise(guide, 'constructor').content.title).toBe('Welcome');
    expect(localise(guide, '__proto__').content.title).toBe('Welcome');
    expect(localise({ ...guide, locales: undefined } as Guide, 'de').content.title).toBe('Welcome');
  });
});

describe('localiseSteps', () => {
  const steps = [
    { placement: 'bottom', url: '/quote.html', content: { title: 'Send it', blocks: [] }, locales: { de: { title: 'Absenden', blocks: [] } } },
    { placement: 'bottom', content: { title: 'Done', blocks: [] } },
  ] as const;

  it("keeps the tour in the first step's language, falling back per step", () => {
    const german = localiseSteps([...steps] as never, 'de');
    expect(german.map((step) => step.content.title)).toEqual(['Absenden', 'Done']);
    expect(german[0]?.url).toBe('/quote.html');
  });

  it('uses the default content without a chosen language, and never reads inherited keys', () => {
    expect(localiseSteps([...steps] as never, undefined).map((step) => step.content.title)).toEqual(['Send it', 'Done']);
    expect(localiseSteps([...steps] as never, 'constructor').map((step) => step.content.title)).toEqual(['Send it', 'Done']);
  });
});
