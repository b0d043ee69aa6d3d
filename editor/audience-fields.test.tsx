import { render } from 'preact';
import { useState } from 'preact/hooks';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import type { GuideInput } from '../sdk/core/schema/ruleset';
import { GuideForm } from './guide-form';
import { newGuideFields } from './guide-fields';

/** The form as the editor holds it: fields in state, the last submitted guide kept. */
function mountForm(segments: string[]) {
  const root = document.createElement('div');
  document.body.append(root);
  const submitted: GuideInput[] = [];
  function Harness() {
    const [fields, setFields] = useState({ ...newGuideFields('/checkout.html'), title: 'Gold terms' });
    return (
      <GuideForm
        target={{ selector: '#po-number', matches: 1 }}
        fields={fields}
        site={{ segments, timeZone: 'Europe/Berlin' }}
        onChange={setFields}
        onSubmit={(guide) => submitted.push(guide)}
        onAddStep={() => {}}
        onPreview={() => {}}
        previewing={false}
        busy={false}
      />
    );
  }
  void act(() => render(<Harness />, root));
  const byLabel = (text: string, scope: ParentNode = root) => {
    const label = [...scope.querySelectorAll('label')].find((candidate) => candidate.textContent?.trim() === text);
    const control = label && (label.htmlFor ? root.querySelector(`#${label.htmlFor}`) : label.querySelector('input'));
    if (!control) throw new Error(`no control labelled ${text}`);
    return control as HTMLInputElement & HTMLSelectElement;
  };
  const choose = (control: HTMLInputElement | HTMLSelectElement, value: string, event = control.tagName === 'SELECT' ? 'change' : 'input') =>
    void act(() => {
      control.value = value;
      control.dispatchEvent(new Event(event, { bubbles: true }));
    });
  const group = (name: string) => [...root.querySelectorAll('fieldset')].find((fieldset) => fieldset.querySelector(':scope > legend')?.textContent === name)!;
  return { root, submitted, byLabel, choose, group };
}

describe('audience, schedule and theme in the guide form', () => {
  afterEach(() => {
    document.body.replaceChildren();
  });

  it('builds "tier is gold and in a site segment" from labelled controls, with the site\'s segments to pick from', () => {
    const form = mountForm(['desktop-buyers', 'eu-accounts']);
    void act(() => form.byLabel('Only buyers who match all of these').click());
    const first = form.group('Condition 1');
    form.choose(form.byLabel('Trait name', first), 'tier');
    form.choose(form.byLabel('Value', first), 'gold');
    void act(() => [...form.root.querySelectorAll('button')].find((button) => button.textContent === 'Add a condition')!.click());
    const second = form.group('Condition 2');
    form.choose(form.byLabel('Based on', second), 'segment');
    const segment = form.byLabel('Segment', second);
    expect([...segment.options].map((option) => option.value)).toEqual(['desktop-buyers', 'eu-accounts']);
    form.choose(segment, 'eu-accounts');
    expect(form.group('Schedule').textContent).toContain('Europe/Berlin');

    void act(() => {
      form.root.querySelector('form')!.dispatchEvent(new Event('submit', { cancelable: true }));
    });
    expect(form.submitted.at(-1)?.rule?.conditions).toEqual([
      { if: 'account_trait', key: 'tier', op: 'eq', value: 'gold' },
      { if: 'segment', name: 'eu-accounts' },
    ]);
  });

  it('offers no segment choice on a site without segments, and labels every control it adds', () => {
    const form = mountForm([]);
    void act(() => form.byLabel('Only buyers who match all of these').click());
    void act(() => form.byLabel('Own colours for this guide').click());
    expect([...form.byLabel('Based on', form.group('Condition 1')).options].map((option) => option.value)).not.toContain('segment');
    for (const name of ['Who sees it', 'Schedule', 'Theme']) {
      for (const control of form.group(name).querySelectorAll('input, select')) {
        const labelled = control.closest('label') ?? form.root.querySelector(`label[for="${control.id}"]`);
        expect(labelled, `${name}: #${control.id || control.getAttribute('type')}`).not.toBeNull();
      }
    }
  });
});
