import { render } from 'preact';
import { useState } from 'preact/hooks';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import type { GuideInput } from '../sdk/core/schema/ruleset';
import { GuideForm } from './guide-form';
import { newGuideFields } from './guide-fields';

/** The form as the editor holds it, on a page of the shop (task links are resolved against it). */
function mountForm() {
  history.replaceState(null, '', '/index.html');
  const root = document.createElement('div');
  document.body.append(root);
  const submitted: GuideInput[] = [];
  function Harness() {
    const [fields, setFields] = useState(newGuideFields('/index.html'));
    return (
      <GuideForm
        target={{ selector: '#hero-title', matches: 1 }}
        fields={fields}
        site={{ segments: [], timeZone: 'UTC' }}
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
  /** The control a label names, by its full text (hidden words included, as a screen reader reads it). */
  const byLabel = (text: string) => {
    const label = [...root.querySelectorAll('label')].find((candidate) => candidate.textContent?.trim() === text);
    const control = label && (label.htmlFor ? root.querySelector(`#${label.htmlFor}`) : label.querySelector('input'));
    if (!control) throw new Error(`no control labelled ${text}`);
    return control as HTMLInputElement & HTMLSelectElement;
  };
  const type = (control: HTMLInputElement | HTMLSelectElement, value: string) =>
    void act(() => {
      control.value = value;
      control.dispatchEvent(new Event(control.tagName === 'SELECT' ? 'change' : 'input', { bubbles: true }));
    });
  const button = (name: string) => {
    const found = [...root.querySelectorAll('button')].find((candidate) => (candidate.getAttribute('aria-label') ?? candidate.textContent?.trim()) === name);
    if (!found) throw new Error(`no button ${name}`);
    return found;
  };
  const press = (name: string) => void act(() => button(name).click());
  const publish = () => {
    void act(() => {
      const event = new Event('submit', { cancelable: true }) as SubmitEvent;
      Object.defineProperty(event, 'submitter', { value: button('Publish') });
      root.querySelector('form')!.dispatchEvent(event);
    });
    return submitted.at(-1);
  };
  return { root, byLabel, type, button, press, publish, submitted };
}

describe('checklist and survey in the guide form', () => {
  afterEach(() => {
    document.body.replaceChildren();
  });

  it('builds a checklist from labelled rows, and will not publish it without a task or with a javascript: link', () => {
    const form = mountForm();
    form.type(form.byLabel('Widget type'), 'checklist');
    expect(form.root.querySelector('#wm-placement')).toBeNull();
    expect(form.byLabel('How often').value).toBe('until_completed');
    expect(form.button('Publish').disabled).toBe(true);
    expect(form.root.textContent).toContain('Add at least one task');

    form.type(form.byLabel('Title'), 'Get set up for trade');
    form.type(form.byLabel('Task 1'), 'Browse the catalogue');
    form.type(form.byLabel('Task 1 Link'), 'javascript:alert(1)');
    const link = form.byLabel('Task 1 Link');
    expect(link.getAttribute('aria-invalid')).toBe('true');
    expect(form.root.querySelector(`#${link.getAttribute('aria-describedby')}`)?.textContent).toMatch(/http, https or mailto/);
    expect(form.button('Publish').disabled).toBe(true);
    expect(form.button('Save draft').disabled).toBe(true);
    expect(form.publish()).toBeUndefined(); // Enter in a field does not get round the disabled buttons

    form.type(form.byLabel('Task 1 Link'), '/product.html');
    form.press('Add task');
    form.press('Add task');
    form.type(form.byLabel('Task 2'), 'Ask for a quote');
    form.type(form.byLabel('Task 2 Event'), 'quote_checklist');
    expect(form.button('Publish').disabled).toBe(false);
    form.press('Remove task 3'); // the blank row: nothing changes in the guide
    expect(form.publish()?.content).toEqual({
      title: 'Get set up for trade',
      blocks: [],
      checklist: [
        { label: 'Browse the catalogue', href: `${location.origin}/product.html` },
        { label: 'Ask for a quote', event: 'quote_checklist' },
      ],
    });
  });

  it('builds a survey: the title is the question, choices and free text are the answers', () => {
    const form = mountForm();
    form.type(form.byLabel('Widget type'), 'survey');
    expect(() => form.byLabel('Title')).toThrow();
    form.type(form.byLabel('Question'), 'What is stopping you from ordering today?');
    expect(form.button('Publish').disabled).toBe(true);
    expect(form.root.textContent).toContain('Add a choice, or let buyers write an answer');
    void act(() => form.byLabel('Let buyers write an answer').click());
    expect(form.button('Publish').disabled).toBe(false);
    form.type(form.byLabel('Choice 1'), 'Prices');
    form.press('Add choice');
    form.type(form.byLabel('Choice 2'), 'Lead times');
    form.press('Add choice');
    form.type(form.byLabel('Choice 3'), 'Something else');
    form.press('Remove choice 3');
    expect(form.publish()?.content.survey).toEqual({ choices: ['Prices', 'Lead times'], freeText: true });
    for (let i = 3; i <= 6; i++) form.press('Add choice');
    expect(() => form.button('Add choice')).toThrow(); // six is the most a survey has
    expect(form.root.textContent).toContain('at most 6 choices');
  });

  it('names every control it adds', () => {
    const form = mountForm();
    form.type(form.byLabel('Widget type'), 'checklist');
    form.press('Add task');
    const controls = [...form.root.querySelectorAll('fieldset input')].filter((control) => control.id.startsWith('wm-task'));
    expect(controls).toHaveLength(6);
    for (const control of controls) expect(form.root.querySelector(`label[for="${control.id}"]`), control.id).not.toBeNull();
    form.type(form.byLabel('Widget type'), 'survey');
    for (const control of form.root.querySelectorAll('fieldset:last-of-type input, .choices input')) {
      expect(control.closest('label') ?? form.root.querySelector(`label[for="${control.id}"]`), control.id).not.toBeNull();
    }
  });
});
