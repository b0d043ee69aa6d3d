import { useState } from 'preact/hooks';
import type { SegmentComparison, SegmentRow } from '../../api';
import { intervalDomain, IntervalBar, intervalLabel } from '../../chart';
import { Badge, Loading } from '../../components';
import { count, percent } from '../../format';
import { useLoad } from '../../load';
import { navigate } from '../../router';
import { RangePicker, ViewHead, type ViewProps } from './parts';
import { insightsHref, periodLabel, periodOf, segmentText, stepText, type InsightsState } from './state';

const SHOWN = 12;

/**
 * "Why do buyers drop here?": every segment (and pair of segments) of the sessions that reached
 * the step before the drop, compared with the rest on how many went on. The clearest significant
 * gap comes first and is said in a sentence; each row leads to where that segment stalls and to
 * its sessions.
 */
export function SegmentsView({ api, site, state, headingRef }: ViewProps) {
  const { steps, at } = state;
  const period = periodOf(state);
  const loaded = useLoad(async () => (steps && at !== undefined ? api.segments(site.id, { steps, step: at, ...period }) : undefined), [api, site.id, state.day, state.days, JSON.stringify(steps), at]);
  if (!steps || at === undefined) {
    return (
      <>
        <ViewHead headingRef={headingRef} title="Segments" />
        <p>
          Pick a drop-off on the <a href={insightsHref(site.id, { view: 'funnel', days: state.days })}>funnel</a> first.
        </p>
      </>
    );
  }
  const from = stepText(steps[at - 1]!);
  const to = stepText(steps[at]!);
  return (
    <>
      <ViewHead headingRef={headingRef} title={`Who drops between ${from} and ${to}`} aside={<RangePicker site={site} state={state} />}>
        Sessions over {periodLabel(state)} that reached {from}, segment by segment: how many went on to {to}, against everyone else.
      </ViewHead>
      <Loading loaded={loaded} what="the segments">{(comparison) => (comparison ? <Comparison site={site.id} state={{ ...state, steps, at }} comparison={comparison} /> : null)}</Loading>
    </>
  );
}

const restRate = (comparison: SegmentComparison, row: SegmentRow) => {
  const sessions = comparison.population - row.sessions;
  return sessions > 0 ? (comparison.converted - row.converted) / sessions : 0;
};

function Comparison({ site, state, comparison }: { site: string; state: InsightsState; comparison: SegmentComparison }) {
  const [all, setAll] = useState(false);
  // A segment that is everyone (e.g. "visitor new" when nobody came back) has no rest to differ
  // from, and pairing it with another value only repeats that value's row.
  const everyone = new Set(comparison.segments.filter((row) => row.sessions === comparison.population).flatMap((row) => Object.entries(row.segment).map((entry) => entry.join('='))));
  const segments = comparison.segments.filter((row) => !Object.entries(row.segment).some((entry) => everyone.has(entry.join('='))));
  const rows = all ? segments : segments.slice(0, SHOWN);
  const top = segments[0];
  const finding = top?.significant && top.difference! < 0 ? top : undefined;
  const domain = intervalDomain(rows.map((row) => row.interval));
  return (
    <>
      <p class="small muted">
        {count(comparison.population)} sessions reached the step; {count(comparison.converted)} ({percent(comparison.population ? comparison.converted / comparison.population : 0)}) went on.
      </p>
      {finding ? (
        <p class="finding" role="note">
          <strong>{describe(finding.segment)}</strong> go on {percent(finding.rate)} of the time vs {percent(restRate(comparison, finding))} for everyone else
          {finding.excessLosses > 0 ? `: about ${count(finding.excessLosses)} fewer sessions went on than at everyone else's rate.` : '.'}
        </p>
      ) : (
        <p class="notice info">No segment drops significantly more than the rest here: the drop is spread across everyone.</p>
      )}
      <div class="table-wrap">
        <table class="segments">
          <caption>Each segment against everyone else who reached the step: the difference in the share that went on, with its 95% interval (an interval crossing the dashed zero line is no clear difference).</caption>
          <thead>
            <tr>
              <th scope="col">Segment</th>
              <th scope="col" class="num">
                Sessions
              </th>
              <th scope="col" class="num">
                Went on: segment vs rest
              </th>
              <th scope="col">Difference (95% interval)</th>
              <th scope="col">Verdict</th>
              <th scope="col">
                <span class="visually-hidden">Stalls and sessions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={JSON.stringify(row.segment)} class={row === finding ? 'highlight' : undefined}>
                <th scope="row" class="segment-name">
                  {segmentText(row.segment)}
                </th>
                <td class="num">{count(row.sessions)}</td>
                <td class="num nowrap">
                  {percent(row.rate)} vs {percent(restRate(comparison, row))}
                </td>
                <td>
                  {row.difference !== undefined && row.interval ? (
                    <IntervalBar estimate={row.difference} low={row.interval.low} high={row.interval.high} domain={domain} tone={row.significant ? (row.difference < 0 ? 'bad' : 'good') : 'neutral'} label={intervalLabel(row.difference, row.interval)} />
                  ) : (
                    <span class="small muted">Needs 30 sessions on each side</span>
                  )}
                </td>
                <td>
                  <Verdict row={row} />
                </td>
                <td class="nowrap">
                  <div class="drill">
                    <button type="button" class="secondary small" aria-label={`Where do they stall? ${segmentText(row.segment)}`} onClick={() => navigate(insightsHref(site, { ...state, view: 'stalls', filter: row.segment }))}>
                      Where do they stall?
                    </button>
                    <a href={insightsHref(site, { ...state, view: 'sessions', filter: row.segment })} aria-label={`Show sessions: ${segmentText(row.segment)}`}>
                      Show sessions
                    </a>
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {segments.length > SHOWN ? (
        <button type="button" class="secondary small" onClick={() => setAll(!all)}>
          {all ? `Show the first ${SHOWN} segments` : `Show all ${segments.length} segments`}
        </button>
      ) : null}
    </>
  );
}

function Verdict({ row }: { row: SegmentRow }) {
  if (row.interval === undefined) return <Badge tone="warn">Not enough data</Badge>;
  if (!row.significant) return <Badge tone="neutral">No clear difference</Badge>;
  return row.difference! < 0 ? <Badge tone="bad">Drops more</Badge> : <Badge tone="good">Goes on more</Badge>;
}

const capital = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** A segment in a sentence: {tier: silver, device: mobile} → "Silver accounts on mobile". */
export function describe(segment: Record<string, string>): string {
  const entries = Object.entries(segment);
  const subject = entries.find(([dimension]) => dimension === 'tier' || dimension === 'visitor');
  const head = subject ? `${capital(subject[1])} ${subject[0] === 'tier' ? 'accounts' : 'visitors'}` : 'Sessions';
  const rest = entries
    .filter((entry) => entry !== subject)
    .map(([dimension, value]) => (dimension === 'device' ? `on ${value}` : dimension === 'region' ? `in ${value}` : `with ${dimension} ${value}`));
  return [head, ...rest].join(' ');
}
