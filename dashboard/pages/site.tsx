import type { DashboardApi, Me, Site } from '../api';
import { CopyField, Loading } from '../components';
import { useLoad } from '../load';
import { hrefOf, SECTIONS, type Section } from '../router';
import { ExportSection } from './export';
import { GoalsSection } from './goals';
import { GuidesSection } from './guides';
import { HesitationSection } from './hesitation';
import { InsightsSection } from './insights/insights';
import { OpenEditor } from './open-editor';
import { scriptTag } from './sites';

/** One site: how to install it, the way into the visual editor, and its sections. */
export function SitePage({ api, me, siteId, section }: { api: DashboardApi; me: Me; siteId: string; section: Section }) {
  const site = useLoad(() => api.site(siteId), [api, siteId]);
  return (
    <Loading loaded={site} what="the site">
      {(loaded) => (
        <>
          <div class="page-head">
            <div>
              <p class="small">
                <a href="/dashboard">Sites</a> /
              </p>
              <h1>{loaded.name}</h1>
              <p class="muted small">
                Site key <code>{loaded.key}</code>
              </p>
            </div>
          </div>
          <div class="grid-2">
            {me.role === 'viewer' ? null : <OpenEditor api={api} site={loaded} />}
            <Install site={loaded} />
          </div>
          <nav class="tabs" aria-label="Site sections">
            {SECTIONS.map((candidate) => (
              <a key={candidate.id} href={hrefOf({ page: 'site', siteId, section: candidate.id })} aria-current={candidate.id === section ? 'page' : undefined}>
                {candidate.label}
              </a>
            ))}
          </nav>
          <SectionView api={api} me={me} site={loaded} section={section} />
        </>
      )}
    </Loading>
  );
}

function Install({ site }: { site: Site }) {
  return (
    <section class="card" aria-labelledby="install-heading">
      <h2 id="install-heading">Install</h2>
      <p class="small muted">{site.origins.length > 0 ? `Allowed origins: ${site.origins.join(', ')}` : 'Any origin may send events for this site.'}</p>
      <CopyField label="Script tag" value={scriptTag(site)} rows={4} />
    </section>
  );
}

function SectionView({ api, me, site, section }: { api: DashboardApi; me: Me; site: Site; section: Section }) {
  const canEdit = me.role !== 'viewer';
  switch (section) {
    case 'guides':
      return <GuidesSection api={api} site={site} canEdit={canEdit} />;
    case 'goals':
      return <GoalsSection api={api} site={site} canEdit={canEdit} />;
    case 'export':
      return <ExportSection api={api} site={site} />;
    case 'insights':
      return <InsightsSection api={api} site={site} />;
    default:
      return <HesitationSection api={api} site={site} canEdit={canEdit} />;
  }
}
