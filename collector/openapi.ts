import { toJsonSchema } from '@valibot/to-json-schema';
import type * as v from 'valibot';
import { EventBatch, TrackedEvent } from '../sdk/core/schema/event';
import { Guide, Ruleset } from '../sdk/core/schema/ruleset';
import { adminPaths, adminSchemas } from './openapi-admin';

/** JSON Schema generated from the shared valibot schemas (checks with no JSON Schema form are left out). */
export function jsonSchemaOf(schema: v.GenericSchema): Record<string, unknown> {
  const { $schema: _drop, ...rest } = toJsonSchema(schema, { errorMode: 'ignore' }) as Record<string, unknown>;
  return rest;
}

const error = { description: 'error', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } };
const json = (ref: string) => ({ 'application/json': { schema: { $ref: `#/components/schemas/${ref}` } } });

const dashboardPage = (summary: string, parameters: string[] = []) => ({
  get: {
    summary: `Dashboard: ${summary}. An HTML shell that loads /sdk/waymark-dashboard.js under a strict CSP (no inline script or style), never framed; the data comes from the admin API`,
    parameters: parameters.map((name) => ({ name, in: 'path', required: true, schema: { type: 'string' } })),
    responses: { 200: { description: 'text/html' } },
  },
});
const dashboardPaths = {
  '/dashboard': dashboardPage('sign-in and the sites list'),
  '/dashboard/users': dashboardPage('users and roles (admin)'),
  '/dashboard/edit': {
    get: {
      ...dashboardPage('open the visual editor on a page of a site (where the "Edit with Waymark" bookmarklet lands)').get,
      parameters: [{ name: 'url', in: 'query', required: true, description: 'The http(s) page to edit; its origin must be one of a site’s allowed origins', schema: { type: 'string' } }],
    },
  },
  '/dashboard/sites/{siteId}': dashboardPage('one site', ['siteId']),
  '/dashboard/sites/{siteId}/{section}': dashboardPage('one section of a site (editor, guides, hesitation, goals, export)', ['siteId', 'section']),
};

/** GET /v1/openapi.json. Grows with the API; a test checks every route is listed. */
export function openApiDocument(version: string): Record<string, unknown> {
  return {
    openapi: '3.1.0',
    info: { title: 'Waymark collector', version, description: 'Ingest, published rules and the admin API of a Waymark collector.' },
    components: {
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', description: 'The admin token (WAYMARK_ADMIN_TOKEN); acts with the admin role.' },
        session: { type: 'apiKey', in: 'cookie', name: 'waymark_session', description: 'A login session from POST /v1/login.' },
      },
      schemas: {
        EventBatch: { ...jsonSchemaOf(EventBatch), properties: { ...(jsonSchemaOf(EventBatch).properties as object), events: { type: 'array', minItems: 1, maxItems: 100, items: { $ref: '#/components/schemas/Event' } } } },
        Event: jsonSchemaOf(TrackedEvent),
        Guide: jsonSchemaOf(Guide),
        Ruleset: jsonSchemaOf(Ruleset),
        ...adminSchemas,
        Error: {
          type: 'object',
          required: ['error'],
          properties: { error: { type: 'object', required: ['code', 'message'], properties: { code: { type: 'string' }, message: { type: 'string' } } } },
        },
      },
    },
    paths: {
      '/healthz': { get: { summary: 'Health: 200 when the store answers, 503 when it does not', responses: { 200: { description: 'healthy' }, 503: error } } },
      '/metrics': { get: { summary: 'Prometheus metrics', responses: { 200: { description: 'text/plain; version=0.0.4' } } } },
      '/v1/openapi.json': { get: { summary: 'This document', responses: { 200: { description: 'OpenAPI 3.1' } } } },
      '/sdk/{file}': {
        get: {
          summary: 'SDK files: waymark.js, waymark-widgets.js, waymark-editor.js, waymark-dashboard.js (5 min cache)',
          parameters: [{ name: 'file', in: 'path', required: true, schema: { type: 'string' } }],
          responses: { 200: { description: 'JavaScript' }, 404: error },
        },
      },
      '/sdk/{version}/{file}': {
        get: {
          summary: 'Versioned SDK files (version is v<collector version>, e.g. v0.1.0), cached as immutable',
          parameters: [
            { name: 'version', in: 'path', required: true, schema: { type: 'string' } },
            { name: 'file', in: 'path', required: true, schema: { type: 'string' } },
          ],
          responses: { 200: { description: 'JavaScript' }, 404: error },
        },
      },
      ...dashboardPaths,
      '/v1/events': {
        options: { summary: 'CORS preflight (the origin is checked on the POST itself)', responses: { 204: { description: 'preflight answer' } } },
        post: {
          summary: 'Ingest a batch of events (site key in the body). Each event id is stored once.',
          requestBody: { required: true, content: { ...json('EventBatch'), 'text/plain': { schema: { $ref: '#/components/schemas/EventBatch' } } } },
          responses: {
            202: { description: 'stored; `rejected` lists invalid events by index' },
            400: error,
            401: error,
            403: error,
            413: error,
            415: error,
            429: { ...error, description: 'rate limited per client address or site key; see Retry-After' },
            503: { ...error, description: 'store unavailable or ingest queue full; nothing was stored, retry' },
          },
        },
      },
      '/v1/rules/{siteKey}': {
        get: {
          summary: 'The published rule set of a site (ETag; 304 when unchanged)',
          parameters: [{ name: 'siteKey', in: 'path', required: true, schema: { type: 'string' } }],
          responses: { 200: { description: 'rule set', content: json('Ruleset') }, 304: { description: 'not modified' }, 404: error },
        },
      },
      ...adminPaths,
    },
  };
}
