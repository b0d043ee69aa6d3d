import type { Guide } from '../core/schema/ruleset';

/**
 * The seam between the always-loaded SDK and the lazily loaded widget chunk
 * (dist/waymark-widgets.js). Only types cross it, so neither bundle pulls in the other.
 */
export type GuideLifecycle = 'guide_shown' | 'guide_step' | 'guide_cta' | 'guide_dismissed' | 'guide_completed' | 'survey_answered';

/** A tour's current step, a checklist's ticked items, or "done" once the guide is finished. */
export type GuideProgress = number | number[] | 'done';

export interface WidgetHost {
  /** Records a lifecycle event through the SDK's delivery path. */
  report(name: GuideLifecycle, guide: Guide, props?: Record<string, string | number | boolean | null>): void;
  /** Custom events fired by buttons. */
  track(name: string, props?: Record<string, string | number | boolean | null>): void;
  /** The guide left the screen, for whatever reason (dismissed, completed, target gone, destroyed). */
  closed(guide: Guide): void;
  /**
   * Per-visitor progress of a guide (tour step, ticked checklist items, "done"), kept across pages
   * and visits so a tour resumes where the buyer left off.
   */
  progress: {
    get(guideId: string): GuideProgress | undefined;
    set(guideId: string, progress: GuideProgress): void;
  };
  /** Aborted when the Waymark instance is destroyed: pending waits end, shown guides close. */
  signal?: AbortSignal;
  /** CSP nonce of the host page, for the <style> fallback where constructable stylesheets are missing. */
  nonce?: string;
}

export interface ShownGuide {
  close(): void;
}

export interface WidgetsModule {
  /** Resolves once the guide is on screen; undefined if its target never appeared. */
  showGuide(guide: Guide, host: WidgetHost): Promise<ShownGuide | undefined>;
}
