import type { Goal, SessionSummary } from '../../api';
import { Loading } from '../../components';
import { count, dateTime, seconds } from '../../format';
import { useLoad } from '../../load';
import { ViewHead, type ViewProps } from './parts';
import { insightsHref, periodLabel, periodOf, segmentText, stepText } from './state';

const LIMIT = 50;

/**
 * The micro layer's list: the sessions behind a drop-off (those that reached the step before and
 * stopped), in a segment, newest first, each with what it did and where it stalled.
 */
export function SessionsView({ api, site, state, goals, headingRef }: ViewProps) {
  const { steps, at, filter } = state;
  const period = periodOf(state);
  const dropOff = steps && at !== undefined ? { steps, step: at } : {};
  const loaded = useLoad(() => api.sessions(site.id, { ...period, ...dropOff, filter, limit: LIMIT }), [api, site.id, state.day, state.days, JSON.stringify(steps), at, JSON.stringify(filter)]);
  const who = Object.keys(filter).length > 0 ? segmentText(filter) : 'all segments';
  const where = steps && at !== undefined ? `reached ${stepText(steps[at - 1]!)} but not ${stepText(steps[at]!)}` : 'were recorded';
  return (
    <>
      <ViewHead headingRef={headingRef} title={`Sessions: ${who}`}>
        Sessions over {periodLabel(state)} that {where}, newest first. Ids are pseudonymous.
      </ViewHead>
      <Loading loaded={loaded} what="the sessions">
        {({ total, sessions }) => (
          <>
            <p class="small muted">{total > sessions.length ? `The newest ${sessions.length} of ${count(total)} sessions.` : `${count(total)} sessions.`}</p>
            <div class="table-wrap">
              <table class="sessions">
                <caption>Open a session to see what the buyer did, step by step.</caption>
                <thead>
                  <tr>
                    <th scope="col">Started</th>
                    <th scope="col">Account</th>
                    <th scope="col">Traits</th>
                    <th scope="col" class="num">
                      Pages
                    </th>
                    <th scope="col">{goals[0]?.title ?? 'Goal'}</th>
                    <th scope="col">Hesitations</th>
                  </tr>
                </thead>
                <tbody>
                  {sessions.map((session) => (
                    <SessionRow key={session.sid} session={session} goal={goals[0]} href={insightsHref(site.id, { ...state, view: 'session', sid: session.sid })} />
                  ))}
                </tbody>
              </table>
            </div>
          </>
        )}
      </Loading>
    </>
  );
}

function SessionRow({ session, goal, href }: { session: SessionSummary; goal: Goal | undefined; href: string }) {
  const { account, ...traits } = session.traits;
  const reached = goal ? session.goals[goal.id] : undefined;
  const stalls = [...session.hesitations].sort((a, b) => b.ms - a.ms);
  return (
    <tr>
      <td class="nowrap">
        <a href={href} aria-label={`Open session started ${dateTime(session.start)}${account !== undefined ? ` by ${String(account)}` : ''}`}>
          {dateTime(session.start)}
        </a>
      </td>
      <td class="mono small">{account === undefined ? '—' : String(account)}</td>
      <td class="small">
        {Object.entries(traits)
          .map(([key, value]) => `${key} ${String(value)}`)
          .join(', ')}
      </td>
      <td class="num">{session.pages}</td>
      <td>{reached === undefined ? '—' : reached ? <span class="reached yes">✓ reached</span> : <span class="reached no">✗ not reached</span>}</td>
      <td class="small">
        {stalls.length === 0
          ? '—'
          : stalls.slice(0, 3).map((stall) => (
              <div key={`${stall.page} ${stall.el}`}>
                <code>{stall.el}</code> {seconds(stall.ms)}
              </div>
            ))}
      </td>
    </tr>
  );
}
