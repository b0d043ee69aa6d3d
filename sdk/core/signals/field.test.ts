import { describe, expect, it } from 'vitest';
import type { Signal } from '../signal';
import { fieldDetector } from './field';

const setup = () => {
  const signals: Signal[] = [];
  const fields = fieldDetector<string>((s) => void signals.push(s), (f) => f);
  const kinds = () => signals.map((s) => (s.type === 'hesitation' ? `${s.kind}:${s.el}:${s.dur}:${s.outcome}` : s.type));
  return { fields, kinds };
};

describe('FieldDetector', () => {
  it('field_idle: focused, nothing typed, left after 3 s', () => {
    const { fields, kinds } = setup();
    fields.focus(0, '#po-number');
    fields.blur(4000);
    expect(kinds()).toEqual(['field_idle:#po-number:4000:moved_on']);
  });

  it('field_idle with outcome left_page when the page goes while the field is focused', () => {
    const { fields, kinds } = setup();
    fields.focus(0, '#po-number');
    fields.pageLeave(3500);
    expect(kinds()).toEqual(['field_idle:#po-number:3500:left_page']);
  });

  it('field_retype: emptied by deletion, then typed again', () => {
    const { fields, kinds } = setup();
    fields.focus(0, 'f');
    fields.input(100, 'f', false);
    fields.input(200, 'f', false);
    fields.input(1000, 'f', true);
    fields.input(2500, 'f', false);
    fields.blur(3000);
    expect(kinds()).toEqual(['field_retype:f:1500:acted']);
  });

  it('field_return: back to a field left filled; acted when typed again', () => {
    const { fields, kinds } = setup();
    fields.focus(0, 'po');
    fields.input(100, 'po', false);
    fields.focus(500, 'terms'); // focusing another field blurs the first
    fields.focus(1000, 'po');
    fields.blur(1800);
    fields.focus(2000, 'po');
    fields.input(2100, 'po', false);
    fields.blur(2600);
    expect(kinds()).toEqual(['field_return:po:800:moved_on', 'field_return:po:600:acted']);
  });

  it('does not fire for a quick pass, a field filled in one go, a field left empty after typing, or garbage order', () => {
    const { fields, kinds } = setup();
    fields.blur(0);
    fields.input(0, 'nobody-focused-me', true);
    fields.focus(0, 'a');
    fields.blur(2999);
    fields.focus(3000, 'b');
    fields.input(3100, 'b', false);
    fields.blur(9000);
    fields.focus(9100, 'c');
    fields.input(9200, 'c', false);
    fields.input(9300, 'c', true); // cleared and left empty: not a retype, and not "filled"
    fields.blur(9400);
    fields.focus(9500, 'c');
    fields.blur(9600);
    expect(kinds()).toEqual([]);
  });

  it('forgets filled fields on a new page', () => {
    const { fields, kinds } = setup();
    fields.focus(0, 'po');
    fields.input(1, 'po', false);
    fields.blur(2);
    fields.newPage();
    fields.focus(10, 'po');
    fields.blur(20);
    expect(kinds()).toEqual([]);
  });
});
