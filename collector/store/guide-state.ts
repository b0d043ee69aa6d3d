import type { GuideState } from './types';

/**
 * Is the guide paused by the analysis? A marketer's resume after the pause lifts it. Shared by the
 * collector (which leaves paused guides out of the rule set) and the dashboard (which shows it).
 */
export function isPaused(state: GuideState | undefined): boolean {
  return state?.paused !== undefined && (state.resumed === undefined || state.resumed.at < state.paused.at);
}
