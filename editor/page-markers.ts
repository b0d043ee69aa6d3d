import type { AnalysisReport, Suggestion } from '../collector/analysis/report';
import type { HesitationPoint } from '../collector/analysis/hesitation-points';

/** One hesitation point of the primary goal that belongs on the page the editor is open on. */
export interface PageMarker {
  point: HesitationPoint;
  /** Place among the goal's scored points across the site (1 = costs the most); none for "not enough data". */
  rank?: number;
  /** The analysis's ready-made draft guide for this point, when it suggested one. */
  suggestion?: Suggestion;
}

/**
 * The analysis groups URLs into page patterns ("/products/:id", collector/analysis/page-pattern.ts);
 * ":id" stands for any one non-empty path segment, and a trailing slash does not matter.
 *
 * @example pageMatches('/products/:id', '/products/NW-PAP-0480') // true
 */
export function pageMatches(pattern: string, pathname: string): boolean {
  const segments = (path: string) => (path.length > 1 ? path.replace(/\/+$/, '') || '/' : '/').split('/');
  const want = segments(pattern);
  const have = segments(pathname);
  return want.length === have.length && want.every((segment, i) => (segment === ':id' ? have[i] !== '' : segment === have[i]));
}

/**
 * The primary goal's hesitation points on this page, in the analysis's order (worst first), each
 * with its site-wide rank and the suggestion made for it.
 *
 * @example markersForPage(insights.report, location.pathname)[0]?.rank // 1
 */
export function markersForPage(report: AnalysisReport | null, pathname: string): PageMarker[] {
  const goal = report?.goals.find((candidate) => candidate.goal.id === report.primaryGoal);
  if (!report || !goal) return [];
  let rank = 0;
  const markers: PageMarker[] = [];
  for (const point of goal.points) {
    if (point.verdict !== 'not_enough_data') rank++;
    if (!pageMatches(point.page, pathname)) continue;
    const suggestion = report.suggestions.find((candidate) => candidate.el === point.el && candidate.page === point.page);
    markers.push({ point, ...(point.verdict !== 'not_enough_data' ? { rank } : {}), ...(suggestion ? { suggestion } : {}) });
  }
  return markers;
}

/** "62%" */
export const percent = (rate: number) => `${Math.round(rate * 100)}%`;

/** "4.2 s" (stalls are seconds long; a tenth is the precision that reads well). */
export const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
