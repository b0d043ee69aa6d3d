import type { ComponentChildren } from 'preact';
import type { Button, Content } from '../core/schema/content';
import { ContentView } from './content';

export type CloseReason = 'dismissed' | 'completed';

export interface CardProps {
  content: Content;
  /** id of the title element, for aria-labelledby. */
  titleId: string;
  onButton: (button: Button, index: number) => void;
  onDismiss: () => void;
  /** "2 of 4" in tours. */
  progressLabel?: string | undefined;
  /** The checklist or survey, between the text and the buttons. */
  children?: ComponentChildren;
}

/** Title, content, buttons and a close control: the body every widget type shares. */
export function GuideCard({ content, titleId, onButton, onDismiss, progressLabel, children }: CardProps) {
  return (
    <>
      <button type="button" class="wm-close" aria-label="Dismiss" onClick={onDismiss}>
        ×
      </button>
      <ContentView content={content} titleId={titleId} />
      {children}
      {content.buttons?.length || progressLabel ? (
        <div class="wm-actions">
          {progressLabel ? <span class="wm-progress">{progressLabel}</span> : null}
          {content.buttons?.map((button, index) => (
            <button type="button" key={index} class={index === 0 ? 'wm-button' : 'wm-button wm-secondary'} onClick={() => onButton(button, index)}>
              {button.label}
            </button>
          ))}
        </div>
      ) : null}
    </>
  );
}
