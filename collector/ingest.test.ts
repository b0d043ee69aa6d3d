import { describe, expect, it } from 'vitest';
import { checkBatch, mayHoldOddText } from './ingest';
import { sampleEvent } from './testing/events';

describe('the text fast path of ingest', () => {
  it.each([
    ['an escaped NUL', String.raw`{"a":"x\u0000y"}`, true],
    ['a lone high surrogate', String.raw`{"a":"\ud800"}`, true],
    ['a lone low surrogate, upper case', String.raw`{"a":"\uDFFF"}`, true],
    ['a surrogate pair (cleaned to itself)', String.raw`{"a":"\ud83d\ude00"}`, true],
    ['an escaped backslash before u0000 (harmless, cleaned anyway)', String.raw`{"a":"\\u0000"}`, true],
    ['plain text and other escapes', String.raw`{"a":"x\u00e9\n\"y"}`, false],
    ['raw non-ASCII', '{"a":"Grüße 😀"}', false],
  ])('flags %s: %s', (_label, text, expected) => {
    expect(mayHoldOddText(text)).toBe(expected);
  });

  it('cleans NUL and lone surrogates when flagged, and only then', () => {
    const text = JSON.stringify({ site: 'k', events: [sampleEvent({ el: 'a\u0000b', props: { k: 'v\uDC00' } })] });
    expect(mayHoldOddText(text)).toBe(true);
    const cleaned = checkBatch(JSON.parse(text), true);
    expect(cleaned.ok && cleaned.events[0]).toMatchObject({ el: 'a\uFFFDb', props: { k: 'v\uFFFD' } });
    // Whatever arrives without such an escape is stored exactly as sent.
    const plain = JSON.stringify({ site: 'k', events: [sampleEvent({ el: 'Grüße 😀', props: { q: 'x\ny' } })] });
    expect(mayHoldOddText(plain)).toBe(false);
    const kept = checkBatch(JSON.parse(plain), false);
    expect(kept.ok && kept.events[0]).toMatchObject({ el: 'Grüße 😀', props: { q: 'x\ny' } });
  });
});
