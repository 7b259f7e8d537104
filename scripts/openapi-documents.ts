// The documents `npm run openapi` writes, as text by file name. Shared by the script and
// the drift test so both build them the same way.
import { testConfig } from '../src/config.js';
import { createRuntime } from '../src/runtime/runtime.js';
import { buildApp, createServices } from '../src/app.js';
import { renderOpenApi, splitOpenApiByService, undocumentedPaths } from '../src/http/openapi.js';

export async function generateOpenApiFiles(): Promise<Record<string, string>> {
  return (await generateOpenApi()).files;
}

/** The files, and the main port's paths that fall under no service prefix (they would be lost). */
export async function generateOpenApi(): Promise<{ files: Record<string, string>; uncovered: string[] }> {
  const services = createServices(createRuntime(testConfig({ seed: false })));
  const app = await buildApp(services, { eager: true }); // app.swagger() needs every route
  try {
    await app.ready();
    return {
      files: Object.fromEntries(Object.entries(splitOpenApiByService(app)).map(([f, doc]) => [f, renderOpenApi(doc)])),
      uncovered: undocumentedPaths(app),
    };
  } finally {
    await app.close();
    services.runtime.db.close();
  }
}
