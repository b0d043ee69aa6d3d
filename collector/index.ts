/** The collector's programmatic API (used by the CLI, the examples and the tests). */
export { startCollector, VERSION, type CollectorOptions, type RunningCollector } from './server';
export { createApp } from './app';
export { createContext, DEFAULT_RATE_LIMITS, type CollectorContext, type ContextSettings } from './context';
export { openStore } from './store/open';
export type { Store, Site, GuideRecord, StoredEvent, Goal, User, Role } from './store/types';
