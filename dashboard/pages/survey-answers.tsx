import { useEffect, useRef } from 'preact/hooks';
import type { ChoiceCount } from '../../collector/explore/survey-answers';
import type { DashboardApi, GuideRecord, Site } from '../api';
import { Loading } from '../components';
import { count, dateTime, percent } from '../format';
import { useLoad } from '../load';
import { hrefOf } from '../router';

/** The guides page's link to a survey's answers: the guide id rides in ?answers=, so Back closes the view. */
export const answersHref = (site: Site, guideId?: string) => `${hrefOf({ page: 'site', siteId: site.id, section: 'guides' })}${guideId ? `?answers=${encodeURIComponent(guideId)}` : ''}`;

/**
 * One survey guide's answers: a bar per choice (unanswered choices too), the free-text count and
 * the newest free-text answers. Answers are buyer-written: everything here renders as text nodes
 * (preact escapes them), never as markup.
 */
export function SurveyAnswersCard({ api, site, guide }: { api: DashboardApi; site: Site; guide: GuideRecord }) {
  const loaded = useLoad(() => api.surveyAnswers(site.id, guide.id), [api, site.id, guide.id]);
  const heading = useRef<HTMLHeadingElement>(null);
  // Opened from a link in the table above: move focus here, where a screen reader starts reading.
  useEffect(() => heading.current?.focus(), [guide.id]);
  const content = (guide.published ?? guide.draft).content;
  return (
    <section class="card answers" aria-labelledby="answers-heading">
      <div class="answers-head">
        <h2 id="answers-heading" ref={heading} tabIndex={-1}>
          Answers: {guide.draft.name}
        </h2>
        <a href={answersHref(site)} class="small">
          Close answers
        </a>
      </div>
      {content.title ? <p class="answers-question">{content.title}</p> : null}
      <Loading loaded={loaded} what="the answers">
        {(answers) => (
          <>
            <dl class="stats">
              <div class="stat">
                <dt>Answers</dt>
                <dd>{count(answers.total)}</dd>
              </div>
              <div class="stat">
                <dt>Choices picked</dt>
                <dd>{count(answers.total - answers.freeText.count)}</dd>
              </div>
              <div class="stat">
                <dt>Free text</dt>
                <dd>{count(answers.freeText.count)}</dd>
              </div>
            </dl>
            {answers.total === 0 ? <p class="muted answers-empty">No answers yet. Answers appear here as soon as buyers send them.</p> : null}
            {answers.choices.length > 0 ? <ChoiceChart choices={answers.choices} total={answers.total} /> : null}
            <h3>Free-text answers</h3>
            {answers.freeText.recent.length === 0 ? (
              <p class="muted small">No free-text answers{answers.freeText.count === 0 ? ' yet' : ''}.</p>
            ) : (
              <>
                <p class="small muted">
                  {answers.freeText.count > answers.freeText.recent.length ? `The newest ${answers.freeText.recent.length} of ${count(answers.freeText.count)}, newest first.` : 'Newest first.'}
                </p>
                <ol class="answers-list">
                  {answers.freeText.recent.map((entry, i) => (
                    <li key={`${entry.ts}-${i}`}>
                      <p class="answer-text">{entry.answer}</p>
                      <span class="small muted">{dateTime(entry.ts)}</span>
                    </li>
                  ))}
                </ol>
              </>
            )}
            <p class="small muted answers-note">Counted from the survey_answered events the collector keeps (raw events are deleted after its retention period, 90 days by default).</p>
          </>
        )}
      </Loading>
    </section>
  );
}

/**
 * Choice counts as horizontal bars scaled to the most picked choice, the count and share written
 * beside each bar and the label above it, as text: it stays readable at a phone's width and a
 * screen reader reads each row as "label, count (share)". The bars are SVG sized by percentage
 * attributes, which the CSP allows (it refuses style attributes).
 */
function ChoiceChart({ choices, total }: { choices: ChoiceCount[]; total: number }) {
  const top = Math.max(1, ...choices.map((choice) => choice.count));
  const share = (n: number) => (total > 0 ? percent(n / total) : '0%');
  return (
    <figure class="chart">
      <ul class="answer-chart">
        {choices.map((choice) => (
          <li key={choice.choice}>
            <span class="answer-label">{choice.label}</span>
            <svg class="answer-bar" height={18} aria-hidden="true" focusable="false">
              <rect class="bar-track" width="100%" height={18} rx={4} />
              {choice.count > 0 ? <rect class="bar-fill" width={`${Math.max(0.8, (choice.count / top) * 100).toFixed(1)}%`} height={18} rx={4} /> : null}
            </svg>
            <span class="answer-value">
              <strong>{count(choice.count)}</strong> ({share(choice.count)})
            </span>
          </li>
        ))}
      </ul>
      <figcaption class="muted">Answers per choice, as a count and a share of all answers (free text included).</figcaption>
    </figure>
  );
}
