/** Hesitation and frustration detectors: pure state machines fed with timestamped facts, no DOM. */
export { DEFAULT_THRESHOLDS, type Emit, type Thresholds } from './thresholds';
export { rageClickDetector, type RageClickDetector } from './rage-click';
export { deadClickDetector, type DeadClickDetector, type PageChange } from './dead-click';
export { hoverDetector, type HoverDetector } from './hover';
export { fieldDetector, type FieldDetector } from './field';
export { idleDetector, type IdleDetector } from './idle';
export { scrollDetector, type ScrollDetector } from './scroll';
export { exitDetector, type ExitDetector } from './exit';
