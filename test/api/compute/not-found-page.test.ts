// The unrouted 404 page follows the Accept header as webob's HTTPNotFound does. Each row is
// what the real Nova 26.2.2 answered to GET /compute/v2.1/bogus with that Accept (null = no
// header at all).
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/app.js';

let t: TestApp;
beforeAll(async () => { t = await createTestApp({ seed: true }); });
afterAll(async () => { await t.close(); });

const REAL: [string | null, string, string][] = [
  [null, "text/plain; charset=UTF-8", "404 Not Found\n\nThe resource could not be found.\n\n   "],
  ["", "text/plain; charset=UTF-8", "404 Not Found\n\nThe resource could not be found.\n\n   "],
  ["*/*", "text/html; charset=UTF-8", "<html>\n <head>\n  <title>404 Not Found</title>\n </head>\n <body>\n  <h1>404 Not Found</h1>\n  The resource could not be found.<br /><br />\n\n\n\n </body>\n</html>"],
  ["application/json", "application/json", "{\"message\": \"The resource could not be found.<br /><br />\\n\\n\\n\", \"code\": \"404 Not Found\", \"title\": \"Not Found\"}"],
  ["text/html", "text/html; charset=UTF-8", "<html>\n <head>\n  <title>404 Not Found</title>\n </head>\n <body>\n  <h1>404 Not Found</h1>\n  The resource could not be found.<br /><br />\n\n\n\n </body>\n</html>"],
  ["text/plain", "text/plain; charset=UTF-8", "404 Not Found\n\nThe resource could not be found.\n\n   "],
  ["application/json, text/html", "text/html; charset=UTF-8", "<html>\n <head>\n  <title>404 Not Found</title>\n </head>\n <body>\n  <h1>404 Not Found</h1>\n  The resource could not be found.<br /><br />\n\n\n\n </body>\n</html>"],
  ["application/json;q=0.9, text/html;q=0.5", "application/json", "{\"message\": \"The resource could not be found.<br /><br />\\n\\n\\n\", \"code\": \"404 Not Found\", \"title\": \"Not Found\"}"],
  ["image/png", "text/plain; charset=UTF-8", "404 Not Found\n\nThe resource could not be found.\n\n   "],
  ["application/*", "application/json", "{\"message\": \"The resource could not be found.<br /><br />\\n\\n\\n\", \"code\": \"404 Not Found\", \"title\": \"Not Found\"}"],
  ["text/*;q=0.5, application/json;q=0.5", "text/html; charset=UTF-8", "<html>\n <head>\n  <title>404 Not Found</title>\n </head>\n <body>\n  <h1>404 Not Found</h1>\n  The resource could not be found.<br /><br />\n\n\n\n </body>\n</html>"],
  ["*/*;q=0.1, application/json;q=0", "text/html; charset=UTF-8", "<html>\n <head>\n  <title>404 Not Found</title>\n </head>\n <body>\n  <h1>404 Not Found</h1>\n  The resource could not be found.<br /><br />\n\n\n\n </body>\n</html>"],
  ["garbage;;", "text/html; charset=UTF-8", "<html>\n <head>\n  <title>404 Not Found</title>\n </head>\n <body>\n  <h1>404 Not Found</h1>\n  The resource could not be found.<br /><br />\n\n\n\n </body>\n</html>"],
  ["text/html;level=1", "text/plain; charset=UTF-8", "404 Not Found\n\nThe resource could not be found.\n\n   "],
  ["application/json;q=0", "text/plain; charset=UTF-8", "404 Not Found\n\nThe resource could not be found.\n\n   "],
  ["TEXT/HTML", "text/html; charset=UTF-8", "<html>\n <head>\n  <title>404 Not Found</title>\n </head>\n <body>\n  <h1>404 Not Found</h1>\n  The resource could not be found.<br /><br />\n\n\n\n </body>\n</html>"],
  ["application/json;q=1.0", "application/json", "{\"message\": \"The resource could not be found.<br /><br />\\n\\n\\n\", \"code\": \"404 Not Found\", \"title\": \"Not Found\"}"],
  ["application/json;q=1.5", "text/html; charset=UTF-8", "<html>\n <head>\n  <title>404 Not Found</title>\n </head>\n <body>\n  <h1>404 Not Found</h1>\n  The resource could not be found.<br /><br />\n\n\n\n </body>\n</html>"],
  ["text/html;q=0, */*", "application/json", "{\"message\": \"The resource could not be found.<br /><br />\\n\\n\\n\", \"code\": \"404 Not Found\", \"title\": \"Not Found\"}"],
  ["application/xml, */*;q=0.8", "text/html; charset=UTF-8", "<html>\n <head>\n  <title>404 Not Found</title>\n </head>\n <body>\n  <h1>404 Not Found</h1>\n  The resource could not be found.<br /><br />\n\n\n\n </body>\n</html>"],
];

test.each(REAL)('Accept %j -> %s', async (accept, contentType, body) => {
  const headers: Record<string, string> = { 'x-auth-token': 'admin' };
  if (accept !== null) headers.accept = accept;
  const r = await t.app.inject({ method: 'GET', url: '/compute/v2.1/bogus', headers });
  expect(r.statusCode).toBe(404);
  expect(r.headers['content-type']).toBe(contentType);
  expect(r.body).toBe(body);
});
