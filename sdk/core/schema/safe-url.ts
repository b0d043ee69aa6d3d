import * as v from 'valibot';

/**
 * Links in guide content and URLs in events may only be http(s) (and mailto for links):
 * `javascript:` and `data:` URLs are how script gets into pages that render them.
 */
export function isSafeUrl(value: string, schemes: readonly string[] = ['http:', 'https:']): boolean {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  return schemes.includes(url.protocol);
}

export const PageUrl = v.pipe(
  v.string(),
  v.check((value) => isSafeUrl(value), 'must be an http or https URL'),
);

export const LinkUrl = v.pipe(
  v.string(),
  v.maxLength(2048),
  v.check((value) => isSafeUrl(value, ['http:', 'https:', 'mailto:']), 'links may only be http, https or mailto'),
);
