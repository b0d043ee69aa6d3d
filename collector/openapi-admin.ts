/** The admin part of the OpenAPI document (sites, guides, rule sets, goals, users, login, export). */
const error = { description: 'error', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } };
const json = (ref: string) => ({ 'application/json': { schema: { $ref: `#/components/schemas/${ref}` } } });
const security = [{ bearer: [] }, { session: [] }];
const pathParam = (name: string) => ({ name, in: 'path', required: true, schema: { type: 'string' } });
const siteId = pathParam('siteId');

/** One admin operation: secured, 401 without credentials, 403 below `role`. */
function op(summary: string, role: 'viewer' | 'editor' | 'admin', responses: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  return { summary: `${summary} (role: ${role})`, security, ...extra, responses: { ...responses, 401: error, 403: error, 503: error } };
}
const body = (ref: string) => ({ requestBody: { required: true, content: json(ref) } });

export const adminSchemas = {
  Site: { type: 'object', required: ['id', 'key', 'name', 'origins', 'createdAt'], properties: { id: { type: 'string' }, key: { type: 'string' }, name: { type: 'string' }, origins: { type: 'array', items: { type: 'string' } }, createdAt: { type: 'integer' } } },
  SiteChanges: { type: 'object', additionalProperties: false, properties: { name: { type: 'string', maxLength: 120 }, origins: { type: 'array', maxItems: 50, items: { type: 'string', description: 'http(s)://host[:port]' } } } },
  Goal: {
    type: 'object',
    required: ['title', 'type'],
    description: 'type "event" needs name (a custom event); "page" needs url (a URL pattern); "click" needs el (an element descriptor).',
    properties: { title: { type: 'string', maxLength: 120 }, type: { enum: ['event', 'page', 'click'] }, name: { type: 'string' }, url: { type: 'object' }, el: { type: 'string' } },
  },
  User: { type: 'object', properties: { id: { type: 'string' }, email: { type: 'string' }, role: { enum: ['admin', 'editor', 'viewer'] }, createdAt: { type: 'integer' } } },
  NewUser: { type: 'object', required: ['email', 'password', 'role'], properties: { email: { type: 'string', format: 'email' }, password: { type: 'string', minLength: 12, maxLength: 256 }, role: { enum: ['admin', 'editor', 'viewer'] } } },
  Login: { type: 'object', required: ['email', 'password'], properties: { email: { type: 'string' }, password: { type: 'string' } } },
  Published: { type: 'object', properties: { revision: { type: 'integer' }, publishedAt: { type: 'integer' }, guides: { type: 'array', items: { type: 'string' } } } },
};

export const adminPaths = {
  '/v1/sites/{siteId}/metrics': {
    get: op('Visitors, sessions, accounts, goal conversions, return rates and guides per UTC day, with the change against the previous period (default: the last 14 days)', 'viewer', { 200: { description: 'MetricsReport' }, 400: error, 404: error }, {
      parameters: [siteId, { name: 'from', in: 'query', schema: { type: 'integer' } }, { name: 'to', in: 'query', schema: { type: 'integer' } }],
    }),
  },
  '/v1/sites/{siteId}/cohorts': {
    get: op('Retention cohorts: visitors by the week of their first session, and the share back in each of the next 4 weeks', 'viewer', { 200: { description: '{cohorts}' }, 400: error, 404: error }, {
      parameters: [siteId, { name: 'weeks', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 16 } }],
    }),
  },
  '/v1/sites/{siteId}/hesitation-points': {
    post: op('Hesitation points for one segment and period, ranked as the analysis does: body {goal?, filter?, from?, to?}', 'viewer', { 200: { description: '{goal, sessions, points}' }, 400: error, 404: error }, { parameters: [siteId] }),
  },
  '/v1/sites/{siteId}/funnel': {
    post: op('Sessions through 2–10 steps in order (pages, events, clicks): body {steps, from?, to?, filter?}', 'viewer', { 200: { description: '{from, to, sessions, steps}' }, 400: error, 404: error }, { parameters: [siteId] }),
  },
  '/v1/sites/{siteId}/segments': {
    post: op('Which segments (and pairs of segments) convert significantly worse: body {goal? | steps + step, dimensions?, from?, to?, filter?}', 'viewer', { 200: { description: '{outcome, population, converted, segments}' }, 400: error, 404: error }, { parameters: [siteId] }),
  },
  '/v1/sites/{siteId}/sessions': {
    post: op('Sessions matching a segment filter, goal reached or not, a hesitation element or page, or a funnel drop-off; newest first', 'viewer', { 200: { description: '{total, sessions}' }, 400: error, 404: error }, { parameters: [siteId] }),
  },
  '/v1/sites/{siteId}/sessions/{sid}': {
    get: op('One session as a timeline of its events (pseudonymous ids; typed values are never recorded)', 'viewer', { 200: { description: '{sid, vid, start, end, traits, events}' }, 404: error }, { parameters: [siteId, pathParam('sid')] }),
  },
  '/v1/sites/{siteId}/insights': {
    get: op('The latest hesitation analysis (points and guide impact per goal, thresholds, suggestions) and the guide states it fed back', 'viewer', { 200: { description: '{report: AnalysisReport | null, guideStates}' }, 404: error }, { parameters: [siteId] }),
  },
  '/v1/sites/{siteId}/analysis': {
    post: op('Run the analysis now: writes auto thresholds and pauses harmful guides in a new rule-set revision', 'editor', { 200: { description: '{report}' }, 404: error, 409: error }, { parameters: [siteId] }),
  },
  '/v1/sites/{siteId}/analysis/rebuild': {
    post: op('Rebuild the session rollups from raw events, then run the analysis', 'admin', { 200: { description: '{events, report}' }, 404: error, 409: error }, { parameters: [siteId] }),
  },
  '/v1/sites/{siteId}/analysis/runs': {
    get: op('Past runs, newest first: auto thresholds with their previous values, harmful guides', 'viewer', { 200: { description: '{runs}' }, 404: error }, {
      parameters: [siteId, { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 100 } }],
    }),
  },
  '/v1/sites/{siteId}/guides/{guideId}/answers': {
    get: op("A survey guide's answers: a count per choice (labels from the guide, unanswered choices at 0), the free-text count and the 50 newest free-text answers", 'viewer', { 200: { description: '{guide, total, choices: [{choice, label, count}], freeText: {count, recent: [{answer, ts}]}}' }, 400: error, 404: error }, {
      parameters: [siteId, pathParam('guideId'), { name: 'from', in: 'query', schema: { type: 'integer' }, description: 'ms since the epoch, inclusive' }, { name: 'to', in: 'query', schema: { type: 'integer' }, description: 'ms since the epoch, exclusive' }],
    }),
  },
  '/v1/sites/{siteId}/guides/{guideId}/resume': {
    post: op('Override a pause: the guide goes live again and the analysis will not pause it again', 'editor', { 200: { description: '{state, revision}' }, 404: error }, { parameters: [siteId, pathParam('guideId')] }),
  },
  '/v1/sites/{siteId}/ruleset-options': {
    get: op('Rule-set options: per-session guide cap, time zone, named segments', 'viewer', { 200: { description: '{settings?, segments?}' }, 404: error }, { parameters: [siteId] }),
    put: op('Set the rule-set options written into every publish', 'editor', { 200: { description: '{settings?, segments?}' }, 400: error, 404: error }, { parameters: [siteId] }),
  },
  '/v1/sites/{siteId}/edit-links': {
    post: op('Make a short-lived edit link that opens the visual editor on a page of the site', 'editor', { 201: { description: '{token, expiresAt, url}' }, 400: error, 404: error }, { parameters: [siteId] }),
  },
  '/v1/edit/session': {
    get: op('The site and expiry of the edit token sent as the bearer (the editor checks its link)', 'editor', { 200: { description: '{site: {id, key, name}, expiresAt}' } }),
  },
  '/v1/login': {
    post: {
      summary: 'Log in with email and password; sets a Secure, HttpOnly, SameSite=Strict session cookie. Rate-limited per address and per email.',
      ...body('Login'),
      responses: { 200: { description: 'logged in (Set-Cookie: waymark_session)' }, 400: error, 401: error, 429: error, 503: error },
    },
  },
  '/v1/logout': { post: op('End the current session', 'viewer', { 204: { description: 'logged out' } }) },
  '/v1/me': { get: op('Who am I: role, and user id for sessions', 'viewer', { 200: { description: 'the caller' } }) },
  '/v1/users': {
    get: op('List users', 'admin', { 200: { description: 'users' } }),
    post: op('Create a user (password hashed with scrypt)', 'admin', { 201: { description: 'created', content: json('User') }, 400: error, 409: error }, body('NewUser')),
  },
  '/v1/users/{userId}': {
    patch: op('Change a user\'s role or password', 'admin', { 200: { description: 'updated', content: json('User') }, 400: error, 404: error }, { parameters: [pathParam('userId')] }),
    delete: op('Delete a user and end their sessions', 'admin', { 204: { description: 'deleted' }, 404: error }, { parameters: [pathParam('userId')] }),
  },
  '/v1/sites': {
    get: op('List sites', 'viewer', { 200: { description: 'sites' } }),
    post: op('Create a site (name, allowed origins); returns its site key', 'admin', { 201: { description: 'created', content: json('Site') }, 400: error }, body('SiteChanges')),
  },
  '/v1/sites/{siteId}': {
    get: op('One site', 'viewer', { 200: { description: 'site', content: json('Site') }, 404: error }, { parameters: [siteId] }),
    patch: op('Change the name or allowed origins', 'admin', { 200: { description: 'site', content: json('Site') }, 400: error, 404: error }, { parameters: [siteId], ...body('SiteChanges') }),
  },
  '/v1/sites/{siteId}/rotate-key': { post: op('Issue a new site key; the old one is refused at once (401)', 'admin', { 200: { description: 'site with the new key', content: json('Site') }, 404: error }, { parameters: [siteId] }) },
  '/v1/sites/{siteId}/guides': { get: op('Guides with drafts and published versions', 'viewer', { 200: { description: 'guides' }, 404: error }, { parameters: [siteId] }) },
  '/v1/sites/{siteId}/guides/{guideId}': {
    put: op('Create or update the draft of a guide', 'editor', { 200: { description: 'saved draft' }, 400: error, 404: error }, { parameters: [siteId, pathParam('guideId')], ...body('Guide') }),
  },
  '/v1/sites/{siteId}/publish': { post: op('Publish the drafts of the named guides as the next revision', 'editor', { 200: { description: 'published', content: json('Published') }, 400: error, 404: error }, { parameters: [siteId] }) },
  '/v1/sites/{siteId}/rulesets': { get: op('Published revisions, newest first', 'viewer', { 200: { description: '{versions: [{revision, publishedAt, guides}]}' }, 404: error }, { parameters: [siteId] }) },
  '/v1/sites/{siteId}/rulesets/{revision}': { get: op('One published revision', 'viewer', { 200: { description: 'rule set', content: json('Ruleset') }, 404: error }, { parameters: [siteId, pathParam('revision')] }) },
  '/v1/sites/{siteId}/rollback': { post: op('Re-publish an older revision ({"revision": n}) as the next revision', 'editor', { 200: { description: 'published', content: json('Published') }, 400: error, 404: error }, { parameters: [siteId] }) },
  '/v1/sites/{siteId}/preview': { get: op('The rule set buyers would get if every draft were published', 'viewer', { 200: { description: 'rule set', content: json('Ruleset') }, 404: error }, { parameters: [siteId] }) },
  '/v1/sites/{siteId}/ruleset.json': {
    get: op('Export every draft as a rule-set file', 'viewer', { 200: { description: 'rule set (attachment)', content: json('Ruleset') }, 404: error }, { parameters: [siteId] }),
    put: op('Import a rule-set file as drafts: validated whole, all or nothing', 'editor', { 200: { description: '{imported: [ids]}' }, 400: error, 404: error }, { parameters: [siteId], ...body('Ruleset') }),
  },
  '/v1/sites/{siteId}/goals': { get: op('Goals of a site', 'viewer', { 200: { description: '{goals}' }, 404: error }, { parameters: [siteId] }) },
  '/v1/sites/{siteId}/goals/{goalId}': {
    put: op('Create or replace a goal', 'editor', { 200: { description: 'goal', content: json('Goal') }, 400: error, 404: error }, { parameters: [siteId, pathParam('goalId')], ...body('Goal') }),
    delete: op('Delete a goal', 'editor', { 204: { description: 'deleted' }, 404: error }, { parameters: [siteId, pathParam('goalId')] }),
  },
  '/v1/sites/{siteId}/events': {
    get: op('Raw event export, streamed as NDJSON or CSV', 'viewer', { 200: { description: 'events' }, 400: error, 404: error }, {
      parameters: [
        siteId,
        { name: 'format', in: 'query', schema: { enum: ['ndjson', 'csv'] } },
        { name: 'from', in: 'query', schema: { type: 'integer' }, description: 'ms since the epoch, inclusive' },
        { name: 'to', in: 'query', schema: { type: 'integer' }, description: 'ms since the epoch, exclusive' },
        { name: 'name', in: 'query', schema: { type: 'string' } },
      ],
    }),
  },
};
