import type { AnalysisReport } from '../collector/analysis/report';
import type { GuideInput, Ruleset } from '../sdk/core/schema/ruleset';

export interface EditSession {
  site: { id: string; key: string; name: string };
  expiresAt: number;
}

/** GET /v1/sites/{siteId}/insights: the latest analysis run (null before the first). */
export interface Insights {
  report: AnalysisReport | null;
}

/** GET /v1/sites/{siteId}/ruleset-options: the site's named segments and schedule time zone. */
export type RulesetOptions = Pick<Ruleset, 'settings' | 'segments'>;

/** The collector calls the editor makes, authorised by the short-lived, site-scoped edit token. */
export class EditorApi {
  constructor(
    private readonly collector: string,
    private readonly token: string,
  ) {}

  async session(): Promise<EditSession> {
    return this.request<EditSession>('/v1/edit/session');
  }

  async insights(siteId: string): Promise<Insights> {
    return this.request<Insights>(`/v1/sites/${encodeURIComponent(siteId)}/insights`);
  }

  async rulesetOptions(siteId: string): Promise<RulesetOptions> {
    return this.request<RulesetOptions>(`/v1/sites/${encodeURIComponent(siteId)}/ruleset-options`);
  }

  async saveDraft(siteId: string, guide: GuideInput): Promise<void> {
    await this.request(`/v1/sites/${encodeURIComponent(siteId)}/guides/${encodeURIComponent(guide.id)}`, { method: 'PUT', body: JSON.stringify(guide) });
  }

  async publish(siteId: string, guideIds: string[]): Promise<{ revision: number }> {
    return this.request(`/v1/sites/${encodeURIComponent(siteId)}/publish`, { method: 'POST', body: JSON.stringify({ guides: guideIds }) });
  }

  private async request<T>(path: string, init: RequestInit = {}): Promise<T> {
    const response = await fetch(`${this.collector}${path}`, {
      ...init,
      credentials: 'omit',
      headers: { authorization: `Bearer ${this.token}`, 'content-type': 'application/json' },
    });
    const body = (await response.json().catch(() => ({}))) as { error?: { code?: string; message?: string } };
    if (!response.ok) throw new EditorApiError(response.status, body.error?.code ?? 'error', body.error?.message ?? `HTTP ${response.status}`);
    return body as T;
  }
}

export class EditorApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}
