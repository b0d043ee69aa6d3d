import type { HesitationPoint } from '../collector/analysis/hesitation-points';
import type { AnalysisReport } from '../collector/analysis/report';
import type { Cohort } from '../collector/explore/cohorts';
import type { FunnelStep } from '../collector/explore/funnel';
import type { MetricsReport } from '../collector/explore/metrics';
import type { SegmentRow } from '../collector/explore/segments';
import type { Step } from '../collector/explore/steps';
import type { SurveyAnswers } from '../collector/explore/survey-answers';
import type { TrackedEvent } from '../sdk/core/schema/event';
import type { Goal, GuideRecord, GuideState, Role, RulesetVersion, Site, User } from '../collector/store/types';
import type { GuideInput } from '../sdk/core/schema/ruleset';

export type { Cohort, FunnelStep, Goal, GuideRecord, GuideState, HesitationPoint, MetricsReport, Role, RulesetVersion, SegmentRow, Site, Step, SurveyAnswers, TrackedEvent, User };

/** The range and segment every explore view takes (docs/insights.md). */
export interface ExploreScope {
  from: number;
  to: number;
  filter?: Record<string, string>;
}

export interface SegmentComparison {
  outcome: string;
  /** Sessions in the population (e.g. those that reached the drop-off's step) and those that went on. */
  population: number;
  converted: number;
  segments: SegmentRow[];
}

/** POST /v1/sites/{id}/hesitation-points: one segment's and period's stalls, ranked as the analysis ranks them. */
export interface SegmentHesitations {
  from: number;
  to: number;
  goal: string;
  /** Sessions in the segment and period the points were scored on. */
  sessions: number;
  points: HesitationPoint[];
}

/** One session as POST /v1/sites/{id}/sessions lists it. */
export interface SessionSummary {
  sid: string;
  vid: string;
  start: number;
  end: number;
  pages: number;
  traits: Record<string, string | number | boolean>;
  goals: Record<string, boolean>;
  hesitations: { page: string; el: string; ms: number }[];
  guides: Record<string, { shown?: number; heldOut?: number; completed?: number }>;
}

export interface SessionTimeline {
  sid: string;
  start: number;
  end: number;
  traits: Record<string, string | number | boolean>;
  account: string | null;
  events: TrackedEvent[];
}

export interface Me {
  role: Role;
  via: 'token' | 'session' | 'edit';
  userId?: string;
}

export interface Insights {
  report: AnalysisReport | null;
  guideStates: GuideState[];
}

/** One past run as GET /v1/sites/{id}/analysis/runs lists it (the report without its per-goal tables). */
export type AnalysisRun = Pick<AnalysisReport, 'runAt' | 'sessions' | 'primaryGoal' | 'thresholds' | 'harmful'>;

type WithoutId<T> = T extends unknown ? Omit<T, 'id'> : never;
/** A goal as PUT sends it (the id is in the path). */
export type NewGoal = WithoutId<Goal>;

/** Where the pasted admin token lives: this tab only, gone when it closes. */
const TOKEN_KEY = 'waymark-admin-token';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Every call the dashboard makes, to the collector that served it. A login session rides on its
 * HttpOnly cookie; installs with no users yet paste the admin token, sent as a bearer.
 */
export class DashboardApi {
  private token: string | undefined;
  /** Called when a signed-in call is refused with 401 (the session expired or was ended elsewhere). */
  onSignedOut: (() => void) | undefined;

  constructor(private readonly storage: Storage = sessionStorage) {
    this.token = storage.getItem(TOKEN_KEY) ?? undefined;
  }

  /** True when signed in with a pasted admin token rather than a login session. */
  get usesToken(): boolean {
    return this.token !== undefined;
  }

  me = () => this.request<Me>('GET', '/v1/me');

  async logIn(email: string, password: string): Promise<void> {
    await this.request('POST', '/v1/login', { email, password });
  }

  /** Checks the token before keeping it, so a typo is refused at once. */
  async useToken(token: string): Promise<Me> {
    this.token = token;
    try {
      const me = await this.me();
      this.storage.setItem(TOKEN_KEY, token);
      return me;
    } catch (error) {
      this.token = undefined;
      throw error;
    }
  }

  async logOut(): Promise<void> {
    if (this.token !== undefined) {
      this.token = undefined;
      this.storage.removeItem(TOKEN_KEY);
      return;
    }
    await this.request('POST', '/v1/logout');
  }

  sites = async () => (await this.request<{ sites: Site[] }>('GET', '/v1/sites')).sites;
  site = (siteId: string) => this.request<Site>('GET', site(siteId));
  createSite = (name: string, origins: string[]) => this.request<Site>('POST', '/v1/sites', { name, origins });

  editLink = (siteId: string, url: string) => this.request<{ token: string; expiresAt: number; url: string }>('POST', `${site(siteId)}/edit-links`, { url });

  guides = async (siteId: string) => (await this.request<{ guides: GuideRecord[] }>('GET', `${site(siteId)}/guides`)).guides;
  saveDraft = (siteId: string, guide: GuideInput) => this.request<GuideRecord>('PUT', `${site(siteId)}/guides/${encodeURIComponent(guide.id)}`, guide);
  publish = (siteId: string, guides: string[]) => this.request<{ revision: number }>('POST', `${site(siteId)}/publish`, { guides });
  revisions = async (siteId: string) => (await this.request<{ versions: RulesetVersion[] }>('GET', `${site(siteId)}/rulesets`)).versions;
  rollback = (siteId: string, revision: number) => this.request<{ revision: number }>('POST', `${site(siteId)}/rollback`, { revision });
  resume = (siteId: string, guideId: string) => this.request<{ state: GuideState; revision: number }>('POST', `${site(siteId)}/guides/${encodeURIComponent(guideId)}/resume`);
  /** A survey guide's answers: counts per choice and the newest free-text answers (all the events kept, unless narrowed). */
  surveyAnswers = (siteId: string, guideId: string, range: { from?: number; to?: number } = {}) => {
    const query = new URLSearchParams(Object.entries(range).flatMap(([key, value]) => (value === undefined ? [] : [[key, String(value)]]))).toString();
    return this.request<SurveyAnswers>('GET', `${site(siteId)}/guides/${encodeURIComponent(guideId)}/answers${query ? `?${query}` : ''}`);
  };

  insights = (siteId: string) => this.request<Insights>('GET', `${site(siteId)}/insights`);
  runAnalysis = (siteId: string) => this.request<{ report: AnalysisReport }>('POST', `${site(siteId)}/analysis`);
  analysisRuns = async (siteId: string, limit = 10) => (await this.request<{ runs: AnalysisRun[] }>('GET', `${site(siteId)}/analysis/runs?limit=${limit}`)).runs;

  metrics = (siteId: string, from: number, to: number) => this.request<MetricsReport>('GET', `${site(siteId)}/metrics?from=${from}&to=${to}`);
  /** Visitors by the (Monday, UTC) week of their first session and the share back in each of the 4 weeks after. */
  cohorts = async (siteId: string, weeks = 8) => (await this.request<{ cohorts: Cohort[] }>('GET', `${site(siteId)}/cohorts?weeks=${weeks}`)).cohorts;
  /** Where one segment stalls: hesitation points scored on its sessions in the range only (default goal: the primary one). */
  hesitationPoints = (siteId: string, query: ExploreScope & { goal?: string }) => this.request<SegmentHesitations>('POST', `${site(siteId)}/hesitation-points`, query);
  funnel = async (siteId: string, steps: Step[], scope: ExploreScope) => (await this.request<{ steps: FunnelStep[] }>('POST', `${site(siteId)}/funnel`, { steps, ...scope })).steps;
  /** Who drops at funnel step `step` (from step - 1), or (without steps) who misses the goal, segment by segment. */
  segments = (siteId: string, query: ExploreScope & ({ steps: Step[]; step: number } | { goal?: string })) => this.request<SegmentComparison>('POST', `${site(siteId)}/segments`, query);
  sessions = (siteId: string, query: ExploreScope & { steps?: Step[]; step?: number; goal?: string; reached?: boolean; el?: string; page?: string; limit?: number }) =>
    this.request<{ total: number; sessions: SessionSummary[] }>('POST', `${site(siteId)}/sessions`, query);
  session = (siteId: string, sid: string) => this.request<SessionTimeline>('GET', `${site(siteId)}/sessions/${encodeURIComponent(sid)}`);

  goals = async (siteId: string) => (await this.request<{ goals: Goal[] }>('GET', `${site(siteId)}/goals`)).goals;
  saveGoal = (siteId: string, goalId: string, goal: NewGoal) => this.request<Goal>('PUT', `${site(siteId)}/goals/${encodeURIComponent(goalId)}`, goal);
  deleteGoal = (siteId: string, goalId: string) => this.request<void>('DELETE', `${site(siteId)}/goals/${encodeURIComponent(goalId)}`);

  users = async () => (await this.request<{ users: User[] }>('GET', '/v1/users')).users;
  createUser = (email: string, password: string, role: Role) => this.request<User>('POST', '/v1/users', { email, password, role });
  changeRole = (userId: string, role: Role) => this.request<User>('PATCH', `/v1/users/${encodeURIComponent(userId)}`, { role });
  deleteUser = (userId: string) => this.request<void>('DELETE', `/v1/users/${encodeURIComponent(userId)}`);

  /** The raw-event export URL (a link works with a login session; with a token, use download()). */
  exportUrl(siteId: string, query: { format: 'ndjson' | 'csv'; from?: number; to?: number; name?: string }): string {
    const params = new URLSearchParams({ format: query.format });
    if (query.from !== undefined) params.set('from', String(query.from));
    if (query.to !== undefined) params.set('to', String(query.to));
    if (query.name) params.set('name', query.name);
    return `${site(siteId)}/events?${params.toString()}`;
  }

  /** Fetches a file with the bearer token (links cannot carry it) and hands it to the browser. */
  async download(url: string, filename: string): Promise<void> {
    const response = await fetch(url, { headers: this.headers() });
    if (!response.ok) throw await apiError(response);
    const href = URL.createObjectURL(await response.blob());
    const link = document.createElement('a');
    link.href = href;
    link.download = filename;
    link.click();
    // The click has started the download; the object URL may go once the event loop turns.
    setTimeout(() => URL.revokeObjectURL(href), 0);
  }

  private headers(json = false): Record<string, string> {
    return { ...(json ? { 'content-type': 'application/json' } : {}), ...(this.token !== undefined ? { authorization: `Bearer ${this.token}` } : {}) };
  }

  private async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    let response: Response;
    try {
      response = await fetch(path, { method, credentials: 'same-origin', headers: this.headers(body !== undefined), ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
    } catch {
      throw new ApiError(0, 'unreachable', 'The collector could not be reached. Check your connection and try again.');
    }
    if (response.status === 401 && path !== '/v1/login' && path !== '/v1/me') this.onSignedOut?.();
    if (!response.ok) throw await apiError(response);
    if (response.status === 204) return undefined as T;
    return (await response.json()) as T;
  }
}

const site = (siteId: string) => `/v1/sites/${encodeURIComponent(siteId)}`;

async function apiError(response: Response): Promise<ApiError> {
  const body = (await response.json().catch(() => ({}))) as { error?: { code?: string; message?: string; errors?: string[] } };
  const details = body.error?.errors?.length ? ` (${body.error.errors.join('; ')})` : '';
  return new ApiError(response.status, body.error?.code ?? 'error', `${body.error?.message ?? `HTTP ${response.status}`}${details}`);
}

/** A message a person can act on, whatever was thrown. */
export function messageOf(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.status === 403) return `You are not allowed to do this: ${error.message}.`;
    return error.message;
  }
  return error instanceof Error ? error.message : String(error);
}
