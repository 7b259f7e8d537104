// user_data must pass nova's 'base64' format check, which is base64.decodebytes: non-alphabet
// characters are skipped and only the padding is judged. The table is what Python answers.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/app.js';
import { ComputeClient } from '../../helpers/compute.js';

let t: TestApp;
let c: ComputeClient;
beforeAll(async () => { t = await createTestApp({ seed: true }); c = new ComputeClient(t.transport); });
afterAll(async () => { await t.close(); });

// /usr/bin/python3: {c: base64.decodebytes(c.encode()) succeeds}
const PYTHON: Record<string, boolean> = {
  'not base64!': false, 'YQ==': true, 'YQ=': false, YQ: false, YWJj: true, Y: false, 'YW=Jj': true, 'YQ==junk': true,
  '  YWJj  ': true, 'YQ=a=': true, 'Y=Q==': true, 'éYWJj': true, YWJjZA: false, 'YWJjZA=': false, 'Y W J j': true, 'YQ===': true,
};

test.each(Object.entries(PYTHON))('user_data %j decodes in Python: %s', async (userData, ok) => {
  const r = await c.call('POST', '/servers', {
    version: '2.93', body: { server: { name: 'ud', imageRef: '155d900f-4e14-4e4c-a73d-069cbf4541e6', flavorRef: '1', networks: 'none', user_data: userData } },
  });
  if (ok) {
    expect(r.status, r.text).toBe(202);
    await c.call('DELETE', `/servers/${r.body.server.id}`);
    await t.services.compute.workflows.idle();
  } else {
    expect(r.body).toEqual({ badRequest: { code: 400, message: `Invalid input for field/attribute user_data. Value: ${userData}. '${userData}' is not a 'base64'` } });
  }
});
