import { render } from 'preact';
import type { Placement } from '@floating-ui/dom';
import type { Button, Content } from '../core/schema/content';
import type { Guide } from '../core/schema/ruleset';
import { Checklist } from './checklist';
import type { ShownGuide, WidgetHost, WidgetsModule } from './contract';
import { GuideCard, type CloseReason } from './guide-card';
import { Hotspot } from './hotspot';
import { localise, localiseSteps } from './localise';
import { linkTabOrder } from './tab-order';
import { mountShadowHost } from './mount';
import { Panel } from './panel';
import { SurveyForm } from './survey';
import { TargetWatcher } from './target';
import { Tooltip } from './tooltip';

interface Step {
  target?: string | undefined;
  placement: Placement;
  url?: string | undefined;
  content: Content;
}

// One watcher for the whole widget chunk: a single MutationObserver serves every guide's wait and
// removal check, and it disconnects whenever nothing is pending.
const watcher = new TargetWatcher();
const onPage = (path?: string) => !path || path === location.pathname;

/**
 * Entry of dist/waymark-widgets.js, loaded only when a guide is about to show. Renders one guide
 * into its own shadow root, walks tours step by step (across pages: progress is kept by the host)
 * and reports the lifecycle through the host. Resolves to undefined when there is nothing to show.
 *
 * @example
 *   const shown = await (await import('./waymark-widgets.js')).showGuide(guide, host);
 *   shown?.close(); // takes it off the page without recording a dismissal
 */
export const showGuide: WidgetsModule['showGuide'] = async (guide: Guide, host: WidgetHost): Promise<ShownGuide | undefined> => {
  const kind = guide.type;
  const saved = host.progress.get(guide.id);
  if (saved === 'done' && (kind === 'tour' || kind === 'checklist')) return undefined;
  const { content, lang, dir } = localise(guide);
  const later = kind === 'tour' ? localiseSteps(guide.steps ?? [], lang) : [];
  const steps: Step[] = [{ target: guide.target, placement: guide.placement, content }, ...later];
  let index = kind === 'tour' && typeof saved === 'number' ? Math.min(saved, steps.length - 1) : 0;
  if (!onPage(steps[index]!.url)) return undefined; // the tour resumes when the buyer reaches that page
  const { signal } = host;
  const first = steps[index]!.target ? await watcher.waitFor(steps[index]!.target!, undefined, signal) : undefined;
  if (signal?.aborted || (steps[index]!.target && !first)) return undefined;

  const { root, remove, raise } = mountShadowHost({ nonce: host.nonce, theme: guide.theme });
  let open = true;
  let stopWatching = () => {};
  const close = () => {
    if (!open) return;
    open = false;
    stopWatching();
    document.removeEventListener('keydown', onKeydown, true);
    signal?.removeEventListener('abort', close);
    render(null, root);
    remove();
    host.closed(guide);
  };
  const finish = (reason: CloseReason) => {
    if (!open) return;
    if (reason === 'completed' && (kind === 'tour' || kind === 'checklist')) host.progress.set(guide.id, 'done');
    host.report(reason === 'completed' ? 'guide_completed' : 'guide_dismissed', guide);
    close();
  };
  const onKeydown = (event: KeyboardEvent) => {
    if (event.key === 'Escape') finish('dismissed');
  };
  document.addEventListener('keydown', onKeydown, true);
  signal?.addEventListener('abort', close);

  const next = () => {
    if (index + 1 >= steps.length) return finish('completed');
    host.progress.set(guide.id, ++index);
    const url = steps[index]!.url;
    if (url && !onPage(url)) {
      close();
      return location.assign(url); // the next page's runner resumes at this step
    }
    void showStep();
  };
  const onButton = (button: Button, position: number) => {
    host.report('guide_cta', guide, { button: position, action: button.action, ...(kind === 'tour' ? { step: index } : {}) });
    if (button.event) host.track(button.event, { guide: guide.id });
    if (button.action === 'next' && kind === 'tour') return next();
    finish(button.action === 'dismiss' ? 'dismissed' : 'completed');
    if (button.action === 'link' && button.href) location.assign(button.href);
  };

  let ticked = Array.isArray(saved) ? saved : [];
  const tick = (item: number) => {
    const entry = content.checklist![item]!;
    ticked = [...ticked, item];
    host.progress.set(guide.id, ticked);
    host.report('guide_step', guide, { step: item });
    if (entry.event) host.track(entry.event, { guide: guide.id });
    if (ticked.length >= content.checklist!.length) finish('completed');
    else void showStep();
    if (entry.href) location.assign(entry.href);
  };
  const answer = (text: string, choice: number | null) => {
    host.report('survey_answered', guide, { answer: text, choice });
    finish('completed');
  };

  // A step's target that vanishes (SPA re-render, removed node) hides the widget until it is back;
  // if it does not come back within the wait's timeout, the guide closes without a dismissal.
  const showStep = async (known?: Element) => {
    const step = steps[index]!;
    const target = known ?? (step.target ? await watcher.waitFor(step.target, undefined, signal) : undefined);
    if (!open) return;
    if (step.target && !target) return close();
    stopWatching();
    const stopRemovalWatch = target
      ? watcher.onRemoved(target, () => {
          render(null, root);
          void showStep();
        })
      : () => {};
    const unlinkTabs = target ? linkTabOrder(target, root) : () => {};
    stopWatching = () => (stopRemovalWatch(), unlinkTabs());
    if (kind === 'tour') host.report('guide_step', guide, { step: index, of: steps.length });
    const titleId = `wm-title-${guide.id}`;
    const labelled = { titleId: step.content.title ? titleId : undefined, label: step.content.title ?? guide.name, dir, lang };
    const card = (
      <GuideCard content={step.content} titleId={titleId} onButton={onButton} onDismiss={() => finish('dismissed')} progressLabel={kind === 'tour' ? `${index + 1} / ${steps.length}` : undefined}>
        {content.checklist && kind === 'checklist' ? <Checklist items={content.checklist} done={ticked} onTick={tick} /> : null}
        {content.survey && kind === 'survey' ? <SurveyForm survey={content.survey} titleId={titleId} onAnswer={answer} /> : null}
      </GuideCard>
    );
    const view = !target ? (
      <Panel {...labelled} kind={kind === 'banner' ? 'banner' : kind === 'checklist' || kind === 'survey' ? 'slideout' : 'modal'} onDismiss={() => finish('dismissed')}>
        {card}
      </Panel>
    ) : kind === 'hotspot' ? (
      <Hotspot {...labelled} target={target} placement={step.placement} onOpen={() => host.report('guide_step', guide, { step: 0 })}>
        {card}
      </Hotspot>
    ) : (
      <Tooltip {...labelled} target={target} placement={step.placement} onReveal={raise}>
        {card}
      </Tooltip>
    );
    render(view, root);
  };

  await showStep(first);
  host.report('guide_shown', guide, kind === 'tour' ? { step: index } : undefined);
  return { close };
};
