// The layers of src/ as rules (`npm run boundaries`, part of `npm test`). The folder tree is the
// architecture diagram (README, Architecture); these rules keep the imports agreeing with it.
//
// Parser: the project's TypeScript (7, the native compiler) has no JavaScript API that
// dependency-cruiser can load, so the sources are read with swc. swc parses the TypeScript
// source itself, so `import type` counts like any other import: a circle closed by types is
// still a circle between the files' meanings.

// Services: each owns its folder; another service reaches it only through its client.
const COMPUTE_WING = 'compute|compute-db|workflows|scheduler|driver|nova-exceptions';
const SERVICES = `${COMPUTE_WING}|placement|networking|block-storage|image|identity`;
const CLIENTS = 'placement-client|networking-client|block-storage-client|image-client';

// Known exceptions: none (the compute-service.ts split landed: services.ts, workflows/runner.ts,
// workflows/compute-hosts.ts, compute/api/ modules; the Services type lives in services.ts).

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'No import circles, type imports included: split the shared part out to the lower file.',
      from: {},
      // the circle app.ts -> mock-control -> app.ts is judged by no-importing-the-composition-root
      to: { circular: true, viaNot: ['^src/app[.]ts$'] },
    },
    {
      name: 'no-importing-the-composition-root',
      severity: 'error',
      comment: 'app.ts builds everything; only main.ts (the process entry) imports it.',
      from: { pathNot: ['^src/main[.]ts$'] },
      to: { path: '^src/app[.]ts$' },
    },
    {
      name: 'infrastructure-imports-no-service',
      severity: 'error',
      comment: 'http/, db/ and runtime/ are below every service: they import none of them, nor /_mock or the composition root.',
      from: { path: '^src/(http|db|runtime)/' },
      to: { path: `^src/((${SERVICES}|${CLIENTS}|mock-control)/|app[.]ts$|services[.]ts$|main[.]ts$)` },
    },
    {
      name: 'placement-imports-no-compute',
      severity: 'error',
      comment: 'Placement is self-contained (it is swappable for the real one by URL).',
      from: { path: '^src/placement/' },
      to: { path: `^src/(${COMPUTE_WING}|${CLIENTS}|mock-control)/` },
    },
    {
      name: 'compute-reaches-services-through-clients',
      severity: 'error',
      comment: 'The compute wing reaches placement, networking, block storage, image and identity only through their *-client/.',
      from: { path: `^src/(${COMPUTE_WING})/` },
      to: { path: '^src/(placement|networking|block-storage|image|identity)/' },
    },
    ...['placement', 'networking', 'block-storage', 'image', 'identity'].map((service) => ({
      name: `${service}-reaches-services-through-clients`,
      severity: 'error',
      comment: `${service}/ reaches another service only through that service's client.`,
      from: { path: `^src/${service}/` },
      to: { path: `^src/(${SERVICES})/`, pathNot: `^src/${service}/` },
    })),
    {
      name: 'clients-reach-only-their-service',
      severity: 'error',
      comment: 'A client (its in-process transport) may import its own service, no other.',
      from: { path: '^src/([a-z-]+)-client/' },
      to: { path: `^src/(${SERVICES})/`, pathNot: ['^src/$1/', '^src/nova-exceptions/'] },
    },
    {
      name: 'stores-import-no-routes-or-api',
      severity: 'error',
      comment: 'Stores (compute-db/, */store/) hold SQL and records: they import no routes, api, plugin or views.',
      from: { path: '^src/(compute-db/|[^/]+/store/)' },
      to: { path: '^src/([^/]+/(routes|api|views|schemas)/|[^/]+/plugin[.]ts$|mock-control/|app[.]ts$|services[.]ts$)' },
    },
    {
      name: 'compute-db-below-workflows-and-scheduler',
      severity: 'error',
      comment: "compute-db (nova's objects) is below compute, workflows and scheduler.",
      from: { path: '^src/compute-db/' },
      to: { path: '^src/(compute|workflows|scheduler|driver)/' },
    },
    {
      name: 'workflows-and-scheduler-below-compute-api',
      severity: 'error',
      comment: "Workflows (conductor, compute manager) and the scheduler run what compute/ (nova-api) hands them: they import none of its api, routes, schemas or views.",
      from: { path: '^src/(workflows|scheduler)/' },
      to: { path: '^src/compute/' },
    },
    {
      name: 'driver-imports-no-compute-api',
      severity: 'error',
      comment: 'The virt driver is called by workflows; it knows nothing of the API above them.',
      from: { path: '^src/driver/' },
      to: { path: '^src/(compute|workflows|scheduler|mock-control)/' },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      comment: 'An import the resolver cannot find is a typo or a missing dependency.',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    parser: 'swc',
    tsPreCompilationDeps: true,
    enhancedResolveOptions: {
      extensions: ['.ts', '.js', '.mjs', '.cjs', '.json'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      exportsFields: ['exports'],
    },
  },
};
