import type { Goal, TrackedEvent } from '../../api';
import { Loading } from '../../components';
import { dateTime, seconds } from '../../format';
import { useLoad } from '../../load';
import { ViewHead, type ViewProps } from './parts';

/** "+1:05": time since the session's first event. */
export function relativeTime(ms: number): string {
  const total = Math.max(0, Math.round(ms / 1000));
  return `+${Math.floor(total / 60)}:${String(total % 60).padStart(2, '0')}`;
}

const path = (url: string) => {
  try {
    const parsed = new URL(url);
    return parsed.pathname + parsed.search;
  } catch {
    return url;
  }
};

const HESITATION_KIND: Record<string, string> = { hover_dwell: 'hovering', field_idle: 'in the field', field_return: 'coming back to the field' };
const props = (event: TrackedEvent) =>
  Object.entries(event.props ?? {})
    .filter(([key]) => key !== 'device')
    .map(([key, value]) => `${key} ${String(value)}`)
    .join(', ');

/** One event as a sentence: what the buyer did (or what Waymark showed them). */
function describe(event: TrackedEvent, goal: Goal | undefined): string {
  switch (event.name) {
    case 'page_view':
      return `Viewed ${path(event.url)}`;
    case 'click':
      return `Clicked ${event.el ?? 'the page'}`;
    case 'hesitation':
      return `Stalled ${seconds(event.dur)} on ${event.el ?? 'the page'}${event.kind && HESITATION_KIND[event.kind] ? ` (${HESITATION_KIND[event.kind]})` : ''}`;
    case 'group':
      return `Account known${props(event) ? `: ${props(event)}` : ''}`;
    case 'identify':
      return `Signed in${props(event) ? `: ${props(event)}` : ''}`;
    case 'guide_shown':
      return `Guide ${event.guide ?? ''} shown`;
    case 'guide_held_out':
      return `Held out from guide ${event.guide ?? ''} (control group)`;
    default:
      if (event.name.startsWith('guide_')) return `Guide ${event.guide ?? ''} ${event.name.slice(6).replace(/_/g, ' ')}`;
      return `${event.name}${props(event) ? ` (${props(event)})` : ''}${goal?.type === 'event' && goal.name === event.name ? ` — goal “${goal.title}” reached` : ''}`;
  }
}

/** What the buyer did after a stall or a guide: the next event that is not another stall. */
function next(events: TrackedEvent[], index: number, goal: Goal | undefined): string {
  const after = events.slice(index + 1).find((event) => event.name !== 'hesitation');
  return after ? `then ${describe(after, goal).replace(/^./, (c) => c.toLowerCase())}` : 'then left: nothing more in this session';
}

/**
 * The micro layer: one session's events in order with times relative to its start; stalls stand
 * out with their durations, and each stall or guide says what the buyer did next.
 */
export function TimelineView({ api, site, state, goals, headingRef }: ViewProps) {
  const loaded = useLoad(async () => (state.sid ? api.session(site.id, state.sid) : undefined), [api, site.id, state.sid]);
  const goal = goals[0];
  return (
    <>
      <ViewHead headingRef={headingRef} title="Session timeline">
        What one buyer did, in order. Stalls are highlighted with how long they lasted and what came next.
      </ViewHead>
      <Loading loaded={loaded} what="the session">
        {(timeline) => {
          if (!timeline) return <p>No session picked.</p>;
          const { account, ...traits } = timeline.traits;
          const start = timeline.events[0]?.ts ?? timeline.start;
          return (
            <>
              <p class="session-summary">
                <strong>{account === undefined ? 'Anonymous visitor' : `Account ${String(account)}`}</strong> · started {dateTime(timeline.start)} · lasted {relativeTime(timeline.end - timeline.start).slice(1)} ·{' '}
                {Object.entries(traits)
                  .map(([key, value]) => `${key} ${String(value)}`)
                  .join(', ')}
              </p>
              <ol class="timeline">
                {timeline.events.map((event, i) => {
                  const stall = event.name === 'hesitation';
                  const guide = event.name === 'guide_shown';
                  return (
                    <li key={event.id} class={stall ? 'stall' : guide ? 'guide' : undefined}>
                      <span class="at mono">{relativeTime(event.ts - start)}</span>
                      <span class="what">
                        {stall ? <span aria-hidden="true">⚠ </span> : null}
                        {describe(event, goal)}
                        {stall || guide ? <span class="then small muted"> — {next(timeline.events, i, goal)}</span> : null}
                      </span>
                      {event.name !== 'page_view' ? <span class="where small muted">{path(event.url)}</span> : null}
                    </li>
                  );
                })}
              </ol>
            </>
          );
        }}
      </Loading>
    </>
  );
}
