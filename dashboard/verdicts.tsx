import type { ImpactVerdict } from '../collector/analysis/guide-impact';
import type { Verdict } from '../collector/analysis/hesitation-points';
import type { AnalysisReport, GoalReport } from '../collector/analysis/report';
import { Badge, type Tone } from './components';

const IMPACT: Record<ImpactVerdict, [Tone, string]> = {
  helps: ['good', 'Helps'],
  hurts: ['bad', 'Hurts'],
  no_effect: ['neutral', 'No effect'],
  not_enough_data: ['warn', 'Not enough data'],
};

const HESITATION: Record<Verdict, [Tone, string]> = {
  significant: ['bad', 'Costs conversions'],
  no_effect: ['neutral', 'No effect'],
  not_enough_data: ['warn', 'Not enough data'],
};

export const ImpactBadge = ({ verdict }: { verdict: ImpactVerdict }) => <Badge tone={IMPACT[verdict][0]}>{IMPACT[verdict][1]}</Badge>;
export const HesitationBadge = ({ verdict }: { verdict: Verdict }) => <Badge tone={HESITATION[verdict][0]}>{HESITATION[verdict][1]}</Badge>;

export { isPaused } from '../collector/store/guide-state';

/** The goal report a view starts on: the one the analysis acts on (the site's first goal). */
export function primaryGoalReport(report: AnalysisReport, goalId?: string): GoalReport | undefined {
  return report.goals.find((goal) => goal.goal.id === (goalId ?? report.primaryGoal)) ?? report.goals[0];
}
