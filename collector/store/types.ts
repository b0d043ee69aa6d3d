import type { AnalysisReport } from '../analysis/report';
import type { SessionFacts } from '../analysis/session-facts';
import type { RulesetOptions } from './rows';
import type { TrackedEvent } from '../../sdk/core/schema/event';
import type { Guide, Ruleset } from '../../sdk/core/schema/ruleset';

export interface Site {
  id: string;
  key: string;
  name: string;
  /** Origins allowed to send events (empty: any). */
  origins: string[];
  createdAt: number;
}

export interface GuideRecord {
  siteId: string;
  id: string;
  draft: Guide;
  /** The version buyers get; undefined until first published. */
  published?: Guide;
  updatedAt: number;
}

export interface PublishedRuleset {
  revision: number;
  ruleset: Ruleset;
  publishedAt: number;
}

export interface StoredEvent extends TrackedEvent {
  siteId: string;
  receivedAt: number;
}

export type Role = 'admin' | 'editor' | 'viewer';

export interface User {
  id: string;
  email: string;
  role: Role;
  createdAt: number;
}

export interface Session {
  userId: string;
  expiresAt: number;
}

/** One published revision, as listed for roll-back (the body is fetched on its own). */
export interface RulesetVersion {
  revision: number;
  publishedAt: number;
  guides: string[];
}

/**
 * Something a site counts as success; the analysis measures hesitation against goals. The shape
 * after id/title is the analysis's own Goal (collector/analysis/goal.ts), so a stored goal can be
 * handed to it as is.
 */
export type Goal = { id: string; title: string } & (
  | { type: 'event'; name: string }
  | { type: 'page'; url: { match: 'exact' | 'prefix' | 'glob' | 'regex'; value: string } }
  | { type: 'click'; el: string }
);

/**
 * What the analysis has fed back into one guide: the auto threshold it wrote, and a pause when the
 * guide hurt its goal (a marketer's resume overrides it: the analysis never pauses it again).
 */
export interface GuideState {
  guide: string;
  autoMs?: number;
  paused?: { at: number; reason: string; lift?: number; interval?: { low: number; high: number } };
  /** Set when a marketer resumed a paused guide. */
  resumed?: { at: number; by: string };
}

export interface EventQuery {
  siteId: string;
  from?: number;
  to?: number;
  name?: string;
  /** One session's events (a session timeline); pair with from/to so the time index narrows it. */
  sid?: string;
  limit?: number;
}

/**
 * Everything the collector keeps. Two adapters implement it (SQLite and PostgreSQL) and one
 * contract suite (collector/store/store.contract.test.ts) runs against both; a columnar adapter
 * for very large installs would be a third file, not a rewrite.
 */
export interface Store {
  readonly kind: 'sqlite' | 'postgres';
  migrate(): Promise<void>;
  ping(): Promise<void>;
  close(): Promise<void>;

  createSite(site: Site): Promise<void>;
  listSites(): Promise<Site[]>;
  siteById(id: string): Promise<Site | undefined>;
  siteByKey(key: string): Promise<Site | undefined>;

  updateSite(id: string, changes: { name?: string; origins?: string[]; key?: string }): Promise<Site | undefined>;

  /** Stores events whose ids are new and returns how many were new; known ids are skipped. */
  insertEvents(events: StoredEvent[]): Promise<number>;
  /**
   * Group commit: the batches of several requests in ONE transaction. Returns, per group, how many
   * of its events were new; an id that appears in two groups counts for the first one only.
   */
  insertEventGroups(groups: StoredEvent[][]): Promise<number[]>;
  /** Retention: deletes events received before `receivedBefore` (ms); returns how many. */
  deleteEventsBefore(receivedBefore: number): Promise<number>;
  queryEvents(query: EventQuery): AsyncIterable<StoredEvent>;

  saveGuideDraft(siteId: string, guide: Guide, now: number): Promise<GuideRecord>;
  listGuides(siteId: string): Promise<GuideRecord[]>;
  /** Copies the drafts of the given guides to published and writes the next rule set revision. */
  publishGuides(siteId: string, guideIds: string[], now: number, options?: RulesetOptions): Promise<PublishedRuleset>;
  publishedRuleset(siteId: string): Promise<PublishedRuleset | undefined>;
  listRulesetVersions(siteId: string): Promise<RulesetVersion[]>;
  rulesetRevision(siteId: string, revision: number): Promise<PublishedRuleset | undefined>;
  /** Re-publishes an older revision's guides as the next revision; undefined if there is no such revision. */
  rollbackRuleset(siteId: string, revision: number, now: number): Promise<PublishedRuleset | undefined>;
  /** Saves many drafts in one transaction: all or nothing (rule-set import). */
  saveGuideDrafts(siteId: string, guides: Guide[], now: number): Promise<void>;

  saveGoal(siteId: string, goal: Goal, now: number): Promise<void>;
  listGoals(siteId: string): Promise<Goal[]>;
  deleteGoal(siteId: string, goalId: string): Promise<boolean>;

  createUser(user: User, passwordHash: string): Promise<void>;
  listUsers(): Promise<User[]>;
  userById(id: string): Promise<(User & { passwordHash: string }) | undefined>;
  userByEmail(email: string): Promise<(User & { passwordHash: string }) | undefined>;
  updateUser(id: string, changes: { role?: Role; passwordHash?: string }): Promise<User | undefined>;
  deleteUser(id: string): Promise<boolean>;
  /** Sessions are kept by the SHA-256 of their cookie value, never the value itself. */
  createSession(tokenHash: string, session: Session): Promise<void>;
  sessionByHash(tokenHash: string, now: number): Promise<Session | undefined>;
  deleteSession(tokenHash: string): Promise<void>;

  /**
   * Runs `work` only if no other collector sharing this store runs the job of that name now
   * (PostgreSQL: an advisory lock); returns false when it was skipped.
   */
  runExclusive(job: string, work: () => Promise<void>): Promise<boolean>;

  /**
   * Session rollups (collector/analysis/session-facts.ts). Ingest merges them in the same
   * transaction as the events; these two serve the full rebuild from raw events.
   */
  addSessionFacts(siteId: string, events: StoredEvent[]): Promise<void>;
  deleteSessionFacts(siteId: string): Promise<void>;
  /** Sessions of a site that started at or after `since` (ms). */
  sessionFacts(siteId: string, since: number): Promise<SessionFacts[]>;
  saveAnalysisRun(siteId: string, report: AnalysisReport): Promise<void>;
  /** Newest first. */
  analysisRuns(siteId: string, limit: number): Promise<AnalysisReport[]>;
  guideStates(siteId: string): Promise<GuideState[]>;
  saveGuideState(siteId: string, state: GuideState): Promise<void>;

  getSetting(name: string): Promise<string | undefined>;
  setSetting(name: string, value: string): Promise<void>;
}

/** The analysis half of the Store, per dialect in sqlite-analysis.ts and postgres-analysis.ts. */
export type AnalysisMethods = Pick<
  Store,
  'addSessionFacts' | 'deleteSessionFacts' | 'sessionFacts' | 'saveAnalysisRun' | 'analysisRuns' | 'guideStates' | 'saveGuideState'
>;

/** The admin half of the Store, implemented per dialect in sqlite-admin.ts and postgres-admin.ts. */
export type AdminMethods = Pick<
  Store,
  | 'listRulesetVersions'
  | 'rulesetRevision'
  | 'rollbackRuleset'
  | 'saveGuideDrafts'
  | 'saveGoal'
  | 'listGoals'
  | 'deleteGoal'
  | 'createUser'
  | 'listUsers'
  | 'userById'
  | 'userByEmail'
  | 'updateUser'
  | 'deleteUser'
  | 'createSession'
  | 'sessionByHash'
  | 'deleteSession'
>;
