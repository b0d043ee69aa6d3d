import { useState } from 'preact/hooks';
import type { HesitationPoint } from '../../api';
import { Loading } from '../../components';
import { count, percent, seconds } from '../../format';
import { useLoad } from '../../load';
import { HesitationBadge } from '../../verdicts';
import { RangePicker, ViewHead, type ViewProps } from './parts';
import { periodLabel, periodOf, segmentText } from './state';

const SHOWN = 10;

/**
 * "Where do they stall?" for one segment: its hesitation points over the same period, ranked the
 * way the analysis ranks the whole site's (hesitating there goes with abandoning the primary goal,
 * weighted by how many hesitate), computed by the collector on request for these sessions only.
 */
export function StallsView({ api, site, state, goals, headingRef }: ViewProps) {
  const { filter } = state;
  const goal = goals[0];
  const period = periodOf(state);
  const loaded = useLoad(async () => (goal ? api.hesitationPoints(site.id, { ...period, filter, goal: goal.id }) : undefined), [api, site.id, goal?.id, state.day, state.days, JSON.stringify(filter)]);
  const who = Object.keys(filter).length > 0 ? segmentText(filter) : 'all segments';
  return (
    <>
      <ViewHead headingRef={headingRef} title={`Stalls: ${who}`} aside={<RangePicker site={site} state={state} />}>
        Where sessions of this segment over {periodLabel(state)} hesitated, worst first: the stalls after which they abandon {goal ? `“${goal.title}”` : 'the goal'} more often than those who went past without stalling.
      </ViewHead>
      <Loading loaded={loaded} what="the hesitation points">
        {(result) =>
          !result ? (
            <p>Set a goal first: a stall is costly when it goes with not reaching the goal.</p>
          ) : result.points.length === 0 ? (
            <p>No hesitation recorded in this segment's {count(result.sessions)} sessions over {periodLabel(state)}.</p>
          ) : (
            <StallTable points={result.points} sessions={result.sessions} />
          )
        }
      </Loading>
    </>
  );
}

function StallTable({ points, sessions }: { points: HesitationPoint[]; sessions: number }) {
  const [all, setAll] = useState(false);
  const rows = all ? points : points.slice(0, SHOWN);
  return (
    <>
      <p class="small muted">
        {count(sessions)} sessions in the segment; {count(points.length)} elements where some of them hesitated.
      </p>
      <div class="table-wrap">
        <table class="stalls">
          <caption>Hesitation points of this segment, ranked: hesitated is the sessions that stalled at the element among those that reached its page; abandon compares them with the segment's sessions that reached it without stalling.</caption>
          <thead>
            <tr>
              <th scope="col" class="num">
                Rank
              </th>
              <th scope="col">Element</th>
              <th scope="col">Page</th>
              <th scope="col">Verdict</th>
              <th scope="col" class="num">
                Hesitated / reached
              </th>
              <th scope="col" class="num">
                Abandon: hesitaters vs others
              </th>
              <th scope="col" class="num">
                Median stall
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((point, i) => (
              <tr key={`${point.page} ${point.el}`} class={point.verdict === 'significant' ? 'costly' : undefined}>
                <td class="num">{i + 1}</td>
                <th scope="row">
                  <code>{point.el}</code>
                </th>
                <td class="small">{point.page}</td>
                <td>
                  <HesitationBadge verdict={point.verdict} />
                </td>
                <td class="num nowrap">
                  {count(point.hesitated)} / {count(point.reached)}
                </td>
                <td class="num nowrap">
                  {percent(point.abandonHesitated)} vs {percent(point.abandonOther)}
                </td>
                <td class="num">{seconds(point.durations.median)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {points.length > SHOWN ? (
        <button type="button" class="secondary small" onClick={() => setAll(!all)}>
          {all ? `Show the first ${SHOWN} elements` : `Show all ${points.length} elements`}
        </button>
      ) : null}
    </>
  );
}
