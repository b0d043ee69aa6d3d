/**
 * Element descriptors: a string that finds "the same element" again on a later visit and after
 * small DOM changes. It is a CSS selector, tried in this order:
 *
 *   #id                                  a hand-written id (not a generated one like "css-1x2y3z", ":r3:", "ember123")
 *   [data-waymark="…"]                   then data-testid, data-test, data-qa, data-analytics
 *   tag[name="…"]  /  tag[aria-label="…"]
 *   <anchor> > tag:nth-of-type(n) > …    structure, up to the nearest ancestor that has one of the above
 *
 * Class names are never used (build tools generate them). Inside an open shadow root the
 * descriptor is the host's descriptor, " >>> ", then the inner one (repeated for nested roots).
 * The editor and guide anchoring use the same format, and resolveDescriptor() reads it back.
 *
 * @example
 *   describeElement(document.querySelector('#bulk-pricing td'))
 *   // → '#bulk-pricing > tbody:nth-of-type(1) > tr:nth-of-type(1) > td:nth-of-type(1)'
 */
export const SHADOW_SEPARATOR = ' >>> ';
const STABLE_ATTRIBUTES = ['data-waymark', 'data-testid', 'data-test', 'data-qa', 'data-analytics', 'name', 'aria-label'];
/** Ids and values that a framework or bundler generated: hashes, counters, React's ":r1:". */
const GENERATED_PREFIX = /^(css|sc|jsx|emotion|svelte|ember|mui|chakra)-|^:|\d{3,}/i;

/** "css-1x2y3z", ":r3:", "ember123", "a1b2c3": a hash or counter, not a name a person chose. */
export function looksGenerated(value: string): boolean {
  return GENERATED_PREFIX.test(value) || value.split(/[-_]/).some((token) => token.length >= 5 && /[a-z]/i.test(token) && /\d.*\d/.test(token));
}

export function describeElement(element: Element): string {
  const root = element.getRootNode();
  const inner = describeInRoot(element, root as ParentNode);
  return root instanceof ShadowRoot ? describeElement(root.host) + SHADOW_SEPARATOR + inner : inner;
}

/** The element a descriptor names, looking into open shadow roots; null when gone or malformed. */
export function resolveDescriptor(descriptor: string, root: ParentNode = document): Element | null {
  let scope: ParentNode | null = root;
  let found: Element | null = null;
  for (const part of descriptor.split(SHADOW_SEPARATOR)) {
    if (!scope) return null;
    try {
      found = scope.querySelector(part);
    } catch {
      return null; // not a selector: a hostile or damaged descriptor
    }
    scope = found?.shadowRoot ?? null;
  }
  return found;
}

function describeInRoot(element: Element, root: ParentNode): string {
  const path: string[] = [];
  for (let current: Element | null = element; current; current = current.parentElement) {
    const anchor = anchorOf(current, root);
    if (anchor) {
      path.unshift(anchor);
      break;
    }
    path.unshift(`${tag(current)}:nth-of-type(${positionAmongType(current)})`);
  }
  return path.join(' > ');
}

/** A selector naming this element alone in its root, from stable attributes only. */
function anchorOf(element: Element, root: ParentNode): string | undefined {
  const candidates: string[] = [];
  if (element.id && !looksGenerated(element.id)) candidates.push(`#${escape(element.id)}`);
  for (const name of STABLE_ATTRIBUTES) {
    const value = element.getAttribute(name);
    if (value && value.length <= 100 && !(name === 'name' && looksGenerated(value))) {
      const attribute = `[${name}="${value.replace(/["\\]/g, '\\$&')}"]`;
      candidates.push(name === 'name' || name === 'aria-label' ? tag(element) + attribute : attribute);
    }
  }
  return candidates.find((selector) => {
    try {
      const matches = root.querySelectorAll(selector);
      return matches.length === 1 && matches[0] === element;
    } catch {
      return false;
    }
  });
}

function tag(element: Element): string {
  return element.localName.replace(/[^a-z0-9-]/g, '') || '*';
}

function positionAmongType(element: Element): number {
  let position = 1;
  for (let sibling = element.previousElementSibling; sibling; sibling = sibling.previousElementSibling) {
    if (sibling.localName === element.localName) position++;
  }
  return position;
}

function escape(value: string): string {
  return typeof CSS !== 'undefined' && CSS.escape ? CSS.escape(value) : value.replace(/[^\w-]/g, '\\$&');
}
