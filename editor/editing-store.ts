import type { GuideInput } from '../sdk/core/schema/ruleset';
import type { GuideFields } from './guide-fields';

/** The element a guide is placed on: its descriptor and how many elements that matches now. */
export interface GuideTarget {
  selector: string;
  matches: number;
}

/** The guide in the form: on a picked element, or a saved draft (kept under its id), with the form's fields. */
export interface Editing {
  target: GuideTarget;
  draft?: GuideInput;
  fields: GuideFields;
}

const KEY = 'waymark.editor';

/**
 * The guide being written survives page loads in this tab (as edit mode itself does, see
 * sdk/edit-mode.ts), so a marketer can walk to the next page of a tour and add its step there.
 * Kept per site key; unreadable or foreign entries are ignored.
 */
export function loadEditing(siteKey: string): Editing | undefined {
  try {
    const saved = JSON.parse(sessionStorage.getItem(KEY) ?? 'null') as { site?: string; editing?: Editing } | null;
    return saved?.site === siteKey && saved.editing?.target && saved.editing.fields ? saved.editing : undefined;
  } catch {
    return undefined;
  }
}

export function saveEditing(siteKey: string, editing: Editing | undefined): void {
  try {
    if (editing) sessionStorage.setItem(KEY, JSON.stringify({ site: siteKey, editing }));
    else sessionStorage.removeItem(KEY);
  } catch {
    // storage blocked or full: the draft lasts for this page only
  }
}
