import type { TrackedEvent } from '../../sdk/core/schema/event';
import type { UrlPattern } from '../../sdk/core/schema/ruleset';
import { urlMatches } from '../../sdk/core/rules/url-match';

/** A conversion a site cares about: a custom event, a page reached, or a click on an element. */
export type Goal = { type: 'event'; name: string } | { type: 'page'; url: UrlPattern } | { type: 'click'; el: string };

/** Does this event reach the goal? */
export function reachesGoal(goal: Goal, event: Pick<TrackedEvent, 'name' | 'url' | 'el'>): boolean {
  switch (goal.type) {
    case 'event':
      return event.name === goal.name;
    case 'page':
      return event.name === 'page_view' && urlMatches(goal.url, event.url);
    case 'click':
      return event.name === 'click' && event.el === goal.el;
  }
}
