import { render } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { GuideInput } from '../sdk/core/schema/ruleset';
import { leaveEditMode } from '../sdk/edit-mode';
import { EditorApi, EditorApiError, type EditSession } from './api';
import { loadEditing, saveEditing, type Editing } from './editing-store';
import { GuideForm, type SiteOptions } from './guide-form';
import { fieldsFromGuide, newGuideFields } from './guide-fields';
import { HesitationMarkers } from './hesitation-markers';
import { HesitationToggle, useHesitationOverlay, type PlacedMarker } from './hesitation-overlay';
import { countMatches, pickElement, type PickedElement } from './picker';
import { previewGuide } from './preview';
import { EDITOR_CSS } from './styles';

/**
 * Entry of dist/waymark-editor.js, loaded by the script tag only in edit mode and only from the
 * collector it came from. The editor lives in its own shadow root and never changes the page's
 * layout; nothing is saved unless the collector accepts the edit token for this very site.
 */
export function startEditMode(options: { collector: string; site: string; token: string }): () => void {
  const host = document.createElement('waymark-editor');
  host.setAttribute('style', 'position:fixed!important;top:0!important;left:0!important;width:0!important;height:0!important;display:block!important;z-index:2147483647!important;');
  const root = host.attachShadow({ mode: 'open' });
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(EDITOR_CSS);
  root.adoptedStyleSheets = [sheet];
  document.body.appendChild(host);
  const close = () => {
    render(null, root);
    host.remove();
  };
  render(<Editor api={new EditorApi(options.collector, options.token)} siteKey={options.site} host={host} onExit={close} />, root);
  return close;
}

type State = { step: 'checking' } | { step: 'refused'; message: string } | { step: 'ready'; session: EditSession };
/** What a click while picking is for: the guide's own element, or the tour's next step. */
type Picking = { purpose: 'guide' | 'step'; cancel: () => void };

/** The guide kept from the previous page of this tab, its element counted again on this one (fields added since over the defaults). */
function restoredEditing(siteKey: string): Editing | undefined {
  const saved = loadEditing(siteKey);
  return saved && { ...saved, target: { ...saved.target, matches: countMatches(saved.target.selector) }, fields: { ...newGuideFields(location.pathname), ...saved.fields } };
}

const NO_SITE_OPTIONS: SiteOptions = { segments: [], timeZone: 'UTC' };

function Editor({ api, siteKey, host, onExit }: { api: EditorApi; siteKey: string; host: Element; onExit: () => void }) {
  const [state, setState] = useState<State>({ step: 'checking' });
  const [outline, setOutline] = useState<DOMRect | undefined>();
  const [picking, setPicking] = useState<Picking | undefined>();
  const [editing, setEditing] = useState<Editing | undefined>(() => restoredEditing(siteKey));
  const [previewing, setPreviewing] = useState(false);
  const preview = useRef<AbortController | undefined>(undefined);
  const [notice, setNotice] = useState<{ kind: 'ok' | 'error'; text: string } | undefined>();
  const [busy, setBusy] = useState(false);
  const [siteOptions, setSiteOptions] = useState<SiteOptions>(NO_SITE_OPTIONS);
  const hesitation = useHesitationOverlay(api, state.step === 'ready' ? state.session.site.id : undefined, refusal);

  useEffect(() => {
    api.session().then(
      (session) =>
        setState(
          session.site.key === siteKey
            ? { step: 'ready', session }
            : { step: 'refused', message: 'This edit link is for another site. Open the editor from the dashboard of this site.' },
        ),
      (error: unknown) => setState({ step: 'refused', message: refusal(error) }),
    );
  }, [api, siteKey]);

  useEffect(() => saveEditing(siteKey, editing), [siteKey, editing]);

  // The segment picker and the schedule's time zone. Without them (an older collector) the form
  // still works: no segments to pick, times in UTC, the rule set's default.
  const siteId = state.step === 'ready' ? state.session.site.id : undefined;
  useEffect(() => {
    if (!siteId) return;
    let current = true;
    api.rulesetOptions(siteId).then(
      (options) => current && setSiteOptions({ segments: Object.keys(options.segments ?? {}).sort(), timeZone: options.settings?.timeZone ?? 'UTC' }),
      () => {},
    );
    return () => {
      current = false;
    };
  }, [api, siteId]);

  const stopPreview = () => {
    preview.current?.abort();
    preview.current = undefined;
    setPreviewing(false);
  };

  const exit = () => {
    picking?.cancel();
    stopPreview();
    saveEditing(siteKey, undefined);
    leaveEditMode();
    onExit();
  };

  const startPicking = (purpose: Picking['purpose']) => {
    setNotice(undefined);
    stopPreview();
    const { done, cancel } = pickElement(setOutline, host);
    setPicking({ purpose, cancel });
    void done.then((element) => {
      setPicking(undefined);
      if (element) setEditing((current) => (purpose === 'step' && current ? withStep(current, element) : { target: element, fields: newGuideFields(location.pathname) }));
    });
  };

  /** Shows the form's guide through the SDK's widgets, unpublished and unrecorded (editor/preview.ts). */
  const showPreview = (guide: GuideInput | undefined) => {
    stopPreview();
    if (!guide) return;
    const controller = new AbortController();
    preview.current = controller;
    setPreviewing(true);
    setNotice({ kind: 'ok', text: 'Preview: this is how buyers see the guide on this page. Nothing is published or recorded.' });
    previewGuide(guide, { signal: controller.signal, onClosed: () => preview.current === controller && setPreviewing(false) }).catch((error: unknown) => {
      if (preview.current === controller) setPreviewing(false);
      setNotice({ kind: 'error', text: error instanceof Error ? error.message : String(error) });
    });
  };

  /** Runs one collector change with the form locked; its outcome or refusal becomes the notice. */
  const change = async (work: (siteId: string) => Promise<string>) => {
    if (state.step !== 'ready') return;
    setBusy(true);
    try {
      setNotice({ kind: 'ok', text: await work(state.session.site.id) });
    } catch (error) {
      setNotice({ kind: 'error', text: refusal(error) });
    } finally {
      setBusy(false);
    }
  };

  const save = (guide: GuideInput, publish: boolean) =>
    change(async (siteId) => {
      stopPreview();
      await api.saveDraft(siteId, guide);
      if (!publish) {
        setEditing((current) => current && { ...current, draft: guide });
        return `Draft “${guide.name}” saved. Buyers do not see it until you publish it.`;
      }
      const { revision } = await api.publish(siteId, [guide.id]);
      setEditing(undefined);
      return `Published (revision ${revision}). Buyers see it on their next page load.`;
    });

  const createDraft = ({ suggestion, point }: PlacedMarker) =>
    change(async (siteId) => {
      const draft = suggestion!.draft;
      await api.saveDraft(siteId, draft);
      const selector = draft.target ?? point.el;
      setEditing({ target: { selector, matches: countMatches(selector) }, draft, fields: fieldsFromGuide(draft, location.pathname) });
      return `Draft “${draft.name}” saved. Edit it below, then save or publish it.`;
    });

  return (
    <>
      {hesitation.overlay.status === 'ready' ? <HesitationMarkers placed={hesitation.overlay.placed} busy={busy} onCreateDraft={(marker) => void createDraft(marker)} /> : null}
      {outline ? <div class="outline" style={{ left: `${outline.left}px`, top: `${outline.top}px`, width: `${outline.width}px`, height: `${outline.height}px` }} /> : null}
      <section class="panel" role="dialog" aria-modal="false" aria-label="Waymark editor">
        <h2>Waymark editor</h2>
        {state.step === 'checking' ? <p class="muted">Checking your edit link…</p> : null}
        {state.step === 'refused' ? (
          <p class="error" role="alert">
            {state.message}
          </p>
        ) : null}
        {state.step === 'ready' ? <p class="muted">Editing {state.session.site.name}</p> : null}
        {notice ? (
          <p class={notice.kind} role={notice.kind === 'error' ? 'alert' : 'status'}>
            {notice.text}
          </p>
        ) : null}
        {state.step === 'ready' && picking ? (
          <p class="muted">{picking.purpose === 'step' ? `Click the element step ${(editing?.fields.steps.length ?? 0) + 2} should point at (Esc cancels).` : 'Click the element the guide should point at (Esc cancels).'}</p>
        ) : null}
        {state.step === 'ready' ? <HesitationToggle {...hesitation} /> : null}
        {state.step === 'ready' && editing && !picking ? (
          <GuideForm
            target={editing.target}
            draft={editing.draft}
            fields={editing.fields}
            site={siteOptions}
            onChange={(fields) => setEditing((current) => current && { ...current, fields })}
            onSubmit={(guide, publish) => void save(guide, publish)}
            onAddStep={() => startPicking('step')}
            onPreview={showPreview}
            previewing={previewing}
            busy={busy}
          />
        ) : null}
        <div class="row">
          {state.step === 'ready' && !picking ? (
            <button type="button" class={editing ? 'secondary' : ''} onClick={() => startPicking('guide')}>
              {editing ? 'Pick another element' : 'Pick an element'}
            </button>
          ) : null}
          <button type="button" class="secondary" onClick={exit}>
            Exit editor
          </button>
        </div>
      </section>
    </>
  );
}

/** The tour's next step on the element just picked, on this page. */
function withStep(editing: Editing, picked: PickedElement): Editing {
  const step = { target: picked.selector, url: location.pathname, title: '', text: '', placement: 'bottom' as const };
  return { ...editing, fields: { ...editing.fields, steps: [...editing.fields.steps, step] } };
}

function refusal(error: unknown): string {
  if (error instanceof EditorApiError) {
    if (error.code === 'edit_token_expired') return 'This edit link has expired. Open the editor again from the dashboard.';
    if (error.status === 401 || error.status === 403) return 'This edit link is not valid for this site. Open the editor again from the dashboard.';
    return error.message;
  }
  return 'The collector could not be reached. Check your connection and try again.';
}
