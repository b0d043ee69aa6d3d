import type { DashboardApi, Goal, SessionTimeline, Step } from '../../api';

const SAMPLED = 5;
const MAX_PAGES = 9;

/** The goal as a funnel's last step (a goal and a step have the same shapes). */
export function goalStep(goal: Goal): Step {
  return goal.type === 'event' ? { type: 'event', name: goal.name } : goal.type === 'page' ? { type: 'page', url: goal.url } : { type: 'click', el: goal.el };
}

/** The pages a converting session went through before its goal, in first-visit order. */
function pathToGoal(timeline: SessionTimeline, last: Step): string[] {
  const pages: string[] = [];
  for (const event of timeline.events) {
    const done = last.type === 'event' ? event.name === last.name : last.type === 'click' ? event.name === 'click' && event.el === last.el : false;
    if (done) break;
    if (event.name !== 'page_view') continue;
    const path = new URL(event.url).pathname;
    if (last.type === 'page' && last.url.value === path) break;
    if (!pages.includes(path)) pages.push(path);
  }
  return pages.slice(0, MAX_PAGES);
}

/**
 * The funnel Insights opens on: the pages recent buyers went through on their way to the primary
 * goal, then the goal. The collector has no "common path" view, so this reads a few converting
 * sessions' timelines and keeps the path most of them share (the longest on a tie).
 *
 * @example defaultFunnel(api, siteId, goal, period) // [/index.html, /product.html, /cart.html, /checkout.html, event order_placed]
 */
export async function defaultFunnel(api: DashboardApi, siteId: string, goal: Goal | undefined, period: { from: number; to: number }): Promise<Step[]> {
  if (!goal) return [];
  const last = goalStep(goal);
  const { sessions } = await api.sessions(siteId, { ...period, goal: goal.id, reached: true, limit: SAMPLED });
  const timelines = await Promise.all(sessions.map((session) => api.session(siteId, session.sid)));
  const votes = new Map<string, { pages: string[]; n: number }>();
  for (const timeline of timelines) {
    const pages = pathToGoal(timeline, last);
    const key = pages.join('\n');
    votes.set(key, { pages, n: (votes.get(key)?.n ?? 0) + 1 });
  }
  const best = [...votes.values()].sort((a, b) => b.n - a.n || b.pages.length - a.pages.length)[0];
  return [...(best?.pages ?? []).map((value): Step => ({ type: 'page', url: { match: 'exact', value } })), last];
}
