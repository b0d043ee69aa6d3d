import type { Cohort, DashboardApi } from '../../api';
import { Loading } from '../../components';
import { count, percent } from '../../format';
import { useLoad } from '../../load';
import { dayLabel } from './state';

const WEEKS = 8;
const FOLLOW = [1, 2, 3, 4];

/**
 * The shade of a cell by the share that came back, in absolute steps so a colour means the same
 * share in every row and on every site (styles: .cohort-cell.shade-N). The number is always
 * written in the cell too: the shade only helps the eye find the strong and weak weeks.
 */
const SHADES = [
  { below: 0.05, label: 'under 5%' },
  { below: 0.1, label: '5–10%' },
  { below: 0.2, label: '10–20%' },
  { below: 0.35, label: '20–35%' },
  { below: Infinity, label: '35% and more' },
];
export const shadeOf = (rate: number) => (rate <= 0 ? 0 : SHADES.findIndex((shade) => rate < shade.below) + 1);

/**
 * Retention cohorts as a heat map: visitors grouped by the week of their first visit, and the
 * share of each group that came back 1 to 4 weeks later. Whole weeks, not the period picked above:
 * a cohort needs the weeks after it to say anything.
 */
export function RetentionCohorts({ api, siteId }: { api: DashboardApi; siteId: string }) {
  const loaded = useLoad(() => api.cohorts(siteId, WEEKS), [api, siteId]);
  return (
    <div class="cohorts">
      <h3>Retention cohorts</h3>
      <Loading loaded={loaded} what="the retention cohorts">
        {(cohorts) => (
          <>
            <div class="table-wrap">
              <table class="cohorts-table">
                <caption>
                  Visitors by the week of their first visit (weeks start on Monday, UTC) and the share of them who came back in each of the {FOLLOW.length} weeks after. Whole weeks, whatever the period
                  above.
                </caption>
                <thead>
                  <tr>
                    <th scope="col">First visit</th>
                    <th scope="col" class="num">
                      Visitors
                    </th>
                    {FOLLOW.map((week) => (
                      <th scope="col" class="num" key={week}>
                        Week {week}
                        <span class="visually-hidden"> after</span>
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {cohorts.map((cohort) => (
                    <CohortRow key={cohort.week} cohort={cohort} />
                  ))}
                </tbody>
              </table>
            </div>
            <p class="small muted cohort-legend" aria-hidden="true">
              Shade:{' '}
              {['0%', ...SHADES.map((shade) => shade.label)].map((label, i) => (
                <span key={label} class={`cohort-swatch shade-${i}`}>
                  {label}
                </span>
              ))}
            </p>
          </>
        )}
      </Loading>
    </div>
  );
}

function CohortRow({ cohort }: { cohort: Cohort }) {
  return (
    <tr>
      <th scope="row" class="nowrap">
        Week of {dayLabel(cohort.week)}
      </th>
      <td class="num">{count(cohort.visitors)}</td>
      {FOLLOW.map((week) => {
        const rate = cohort.returned[week - 1] ?? null;
        // A week still running is unknown, not 0%; a week nobody started in has no share at all.
        if (rate === null) return <Blank key={week} label="week not over yet" />;
        if (cohort.visitors === 0) return <Blank key={week} label="no new visitors that week" />;
        return (
          <td key={week} class={`num cohort-cell shade-${shadeOf(rate)}`}>
            {percent(rate)}
          </td>
        );
      })}
    </tr>
  );
}

/** "—" to the eye, a phrase to a screen reader. */
const Blank = ({ label }: { label: string }) => (
  <td class="num cohort-cell blank">
    <span aria-hidden="true">—</span>
    <span class="visually-hidden">{label}</span>
  </td>
);
