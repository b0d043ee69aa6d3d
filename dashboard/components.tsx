import type { ComponentChildren } from 'preact';
import { useId, useState } from 'preact/hooks';
import { messageOf } from './api';
import type { Loaded } from './load';

/** A result line: read out politely when it is news, at once when it is a failure. */
export function Notice({ kind, children }: { kind: 'ok' | 'error' | 'info'; children: ComponentChildren }) {
  return (
    <p class={`notice ${kind}`} role={kind === 'error' ? 'alert' : 'status'}>
      {children}
    </p>
  );
}

/** Loading and failure states of a view, then the view itself. */
export function Loading<T>({ loaded, children, what }: { loaded: Loaded<T>; what: string; children: (data: T) => ComponentChildren }) {
  if (loaded.error) return <Notice kind="error">Could not load {what}: {loaded.error}</Notice>;
  if (loaded.data === undefined) return <p class="muted">Loading {what}…</p>;
  return <>{children(loaded.data)}</>;
}

export type Tone = 'good' | 'bad' | 'neutral' | 'warn';

export function Badge({ tone, children }: { tone: Tone; children: ComponentChildren }) {
  return <span class={`badge ${tone}`}>{children}</span>;
}

/**
 * Runs an action from a button: disables it while running and reports the outcome next to it.
 * Returns [run, busy, notice].
 */
export function useAction(): [(work: () => Promise<string | void>) => Promise<void>, boolean, ComponentChildren] {
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<{ kind: 'ok' | 'error'; text: string } | undefined>();
  const run = async (work: () => Promise<string | void>) => {
    setBusy(true);
    setOutcome(undefined);
    try {
      const text = await work();
      if (text) setOutcome({ kind: 'ok', text });
    } catch (error) {
      setOutcome({ kind: 'error', text: messageOf(error) });
    } finally {
      setBusy(false);
    }
  };
  return [run, busy, outcome ? <Notice kind={outcome.kind}>{outcome.text}</Notice> : null];
}

/** Text to copy (a snippet, a key), readable and selectable, with a Copy button. */
export function CopyField({ label, value, rows = 1 }: { label: string; value: string; rows?: number }) {
  const [copied, setCopied] = useState(false);
  const id = useId();
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
      setCopied(true);
    } catch {
      // No clipboard permission (or not a secure context): select it for Ctrl+C instead.
      (document.getElementById(id) as HTMLTextAreaElement | null)?.select();
    }
  };
  return (
    <div class="copy">
      <label for={id}>{label}</label>
      <div class="copy-row">
        {rows > 1 ? <textarea id={id} readOnly rows={rows} value={value} /> : <input id={id} readOnly value={value} />}
        <button type="button" class="secondary" onClick={() => void copy()}>
          {copied ? 'Copied' : 'Copy'}
        </button>
      </div>
    </div>
  );
}

/** Waymark's mark: a "w" tracing a path, in the accent colour. */
export function BrandMark() {
  return (
    <svg class="brand-mark" viewBox="0 0 24 24" aria-hidden="true">
      <circle cx="12" cy="12" r="11" fill="#1f5fd1" />
      <path d="M7 8l2.5 8L12 10l2.5 6L17 8" fill="none" stroke="#fff" stroke-width="2" stroke-linecap="round" stroke-linejoin="round" />
    </svg>
  );
}
