import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCollector, type TestCollector } from '../../test/support/collector.ts';

type Document = { paths: Record<string, Record<string, { parameters?: { name: string; in: string }[]; requestBody?: unknown }>> };

/** The API document is made from the route declarations: nothing the app serves is missing from it. */
describe('the OpenAPI document', () => {
  let t: TestCollector;
  let doc: Document;
  beforeAll(async () => {
    t = await startTestCollector('pglite');
    doc = (await (await t.request('/api/openapi.json')).json()) as Document;
  });
  afterAll(() => t?.stop());

  it('lists every route the app serves, with its method', () => {
    const routes = t.collector.app.routes.filter((r) => r.method !== 'ALL'); // `use` middleware is not a route
    expect(routes.length).toBeGreaterThan(10);
    for (const r of routes) {
      const path = r.path.replace(/:(\w+)/g, '{$1}');
      expect(doc.paths[path], `${r.method} ${path}`).toHaveProperty(r.method.toLowerCase());
    }
    // Served before Hono, on node:http: declared all the same.
    expect(doc.paths['/o/{token}']).toHaveProperty('get');
    expect(doc.paths['/c/{token}']).toHaveProperty('get');
  });

  it('describes the parameters and bodies the routes validate', () => {
    const params = (path: string, method: string) => doc.paths[path]![method]!.parameters?.map((p) => `${p.in}:${p.name}`);
    expect(params('/api/messages', 'get')).toEqual(['query:limit', 'query:cursor', 'query:q']);
    expect(params('/api/messages/{id}/reports/{kind}', 'get')).toEqual(['path:id', 'path:kind']);
    expect(params('/api/messages', 'post')).toEqual(['header:Idempotency-Key']);
    // Read as bytes and parsed on the prepare thread, but described all the same.
    for (const [path, method] of [
      ['/api/messages', 'post'],
      ['/api/messages/by-key/{key}', 'put'],
    ] as const) {
      expect(doc.paths[path]![method]!.requestBody, `${method} ${path}`).toMatchObject({
        content: { 'application/json': { schema: { $ref: '#/components/schemas/CreateMessageRequest' } } },
      });
    }
  });
});
