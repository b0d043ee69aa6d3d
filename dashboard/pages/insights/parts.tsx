import type { ComponentChildren, RefObject } from 'preact';
import type { AnalysisReport } from '../../../collector/analysis/report';
import type { DashboardApi, Goal, Site } from '../../api';
import { insightsHref, periodLabel, RANGES, type InsightsState } from './state';

/** What every Insights view is handed: where it is, the site's goals, and the latest analysis. */
export interface ViewProps {
  api: DashboardApi;
  site: Site;
  state: InsightsState;
  goals: Goal[];
  report: AnalysisReport | null;
  headingRef: RefObject<HTMLHeadingElement | null>;
}

/** A view's heading (focused after each drill-down step), its one-line explanation, and controls beside it. */
export function ViewHead({ headingRef, title, children, aside }: { headingRef: RefObject<HTMLHeadingElement | null>; title: string; children?: ComponentChildren; aside?: ComponentChildren }) {
  return (
    <div class="page-head">
      <div>
        <h2 id="insights-heading" tabIndex={-1} ref={headingRef}>
          {title}
        </h2>
        {children ? <p class="muted small">{children}</p> : null}
      </div>
      {aside}
    </div>
  );
}

/**
 * The period picker: the last 7, 14 or 28 days, as links that keep the rest of the view (a day
 * picked on the chart is replaced by the range).
 */
export function RangePicker({ site, state }: { site: Site; state: InsightsState }) {
  const { day: _day, ...rest } = state;
  return (
    <nav class="range" aria-label="Period">
      {state.day ? <span class="range-day">{periodLabel(state)}</span> : null}
      {RANGES.map((days) => (
        <a key={days} href={insightsHref(site.id, { ...rest, days })} aria-current={!state.day && state.days === days ? 'true' : undefined}>
          Last {days} days
        </a>
      ))}
    </nav>
  );
}
