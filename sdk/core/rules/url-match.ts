import type { UrlPattern } from '../schema/ruleset';

/**
 * Does a page URL match a rule's URL pattern?
 *
 * A pattern that starts with "/" is matched against the path (plus the query when the pattern has a
 * "?", plus the hash when it has a "#"), so one rule works on staging and production hosts alike;
 * any other pattern is matched against the whole URL. A regex is matched against path, query and
 * hash together, or against the whole URL when it mentions "://".
 *
 * @example
 *   urlMatches({ match: 'glob', value: '/products/*' }, 'https://shop.example/products/42') // true
 */
export function urlMatches(pattern: UrlPattern, pageUrl: string): boolean {
  const subject = subjectFor(pattern, pageUrl);
  if (subject === undefined) return false;
  switch (pattern.match) {
    case 'exact':
      return subject === pattern.value;
    case 'prefix':
      return subject.startsWith(pattern.value);
    case 'glob':
      return globToRegExp(pattern.value).test(subject);
    case 'regex':
      return safeRegExp(pattern.value)?.test(subject) ?? false;
  }
}

function subjectFor({ match, value: patternValue }: UrlPattern, pageUrl: string): string | undefined {
  const url = parseUrl(pageUrl);
  if (!url) return undefined;
  if (match === 'regex') return patternValue.includes('://') ? url.href : url.pathname + url.search + url.hash;
  if (!patternValue.startsWith('/')) return url.href;
  let subject = url.pathname;
  if (patternValue.includes('?')) subject += url.search;
  if (patternValue.includes('#')) subject += url.hash;
  return subject;
}

/** One page URL is matched against every rule on each signal: parse it once, not once per rule. */
let lastUrl: { text: string; url: URL | undefined } | undefined;

function parseUrl(text: string): URL | undefined {
  if (lastUrl?.text !== text) {
    let url: URL | undefined;
    try {
      url = new URL(text);
    } catch {
      url = undefined;
    }
    lastUrl = { text, url };
  }
  return lastUrl.url;
}

const globCache = new Map<string, RegExp>();

/** "*" matches within one path segment, "**" across segments; everything else is literal. */
export function globToRegExp(glob: string): RegExp {
  let cached = globCache.get(glob);
  if (!cached) {
    const source = glob
      .split('**')
      .map((part) => part.split('*').map(escapeRegExp).join('[^/]*'))
      .join('.*');
    cached = new RegExp(`^${source}$`);
    globCache.set(glob, cached);
  }
  return cached;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
}

const regExpCache = new Map<string, RegExp | undefined>();

/**
 * Invalid patterns never match (the collector refuses them at publish; this guards old rule sets).
 * Compiled once: building a RegExp costs far more than running it, and rules run on every signal.
 */
export function safeRegExp(source: string): RegExp | undefined {
  if (!regExpCache.has(source)) {
    let compiled: RegExp | undefined;
    try {
      compiled = new RegExp(source);
    } catch {
      compiled = undefined;
    }
    regExpCache.set(source, compiled);
  }
  return regExpCache.get(source);
}
