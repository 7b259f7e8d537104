// Process entry: config from env/argv, one runtime, the main listener and (optionally) the
// standalone Placement and image listeners; graceful shutdown on SIGINT/SIGTERM.
import { setFlagsFromString } from 'node:v8';
import { loadConfig } from './config.js';
import { createRuntime } from './runtime/runtime.js';
import { collectGarbageWhenIdle } from './runtime/idle-gc.js';
import { batchedLogDestination } from './runtime/log-destination.js';
import { buildApp, buildIdentityApp, buildImageApp, buildNetworkingApp, buildPlacementApp, buildVolumeApp, createServices } from './app.js';

// Start-up calls node's argument validators ~2,400 times (setTimeout, process.nextTick, every
// emitter.on: one `wrappedFn` whose feedback all of them share). V8 optimizes a function that small
// at its first profiler tick, and that one TurboFan job at start-up maps ~3.4 MB of the optimizing
// compiler's code pages into a server that may then sit idle (idle RSS 64 -> 61 MB with the
// standalone Placement listener). So no early optimization of small functions until the listeners
// are up; then V8's default again (81 bytes), and the first real load tiers up as before.
// The code cache is made and checked with the default value, so it is never rejected for this.
const EARLY_OPT_FLAG = '--max-bytecode-size-for-early-opt';

async function main(): Promise<void> {
  setFlagsFromString(`${EARLY_OPT_FLAG}=0`);
  const config = loadConfig(process.env, process.argv.slice(2));
  const pretty = Boolean(process.stdout.isTTY);
  // log lines of one event-loop turn in one synchronous write; what is pending is written on
  // every exit ('exit' runs on process.exit, after a fatal error and when the loop runs dry)
  const logStream = pretty ? undefined : batchedLogDestination(1);
  if (logStream) process.on('exit', () => logStream.flushSync());
  const runtime = createRuntime(config, { pretty, logStream });
  const services = createServices(runtime);
  await services.compute.hosts.start();
  const apps = [await buildApp(services)];
  await apps[0]!.listen({ port: config.port, host: config.host });
  if (config.placementStandalonePort > 0) {
    const placement = await buildPlacementApp(services);
    await placement.listen({ port: config.placementStandalonePort, host: config.host });
    apps.push(placement);
  }
  if (config.networkingStandalonePort > 0) {
    const networking = await buildNetworkingApp(services);
    await networking.listen({ port: config.networkingStandalonePort, host: config.host });
    apps.push(networking);
  }
  if (config.identityStandalonePort > 0) {
    const identity = await buildIdentityApp(services);
    await identity.listen({ port: config.identityStandalonePort, host: config.host });
    apps.push(identity);
  }
  if (config.imageStandalonePort > 0) {
    const image = await buildImageApp(services);
    await image.listen({ port: config.imageStandalonePort, host: config.host });
    apps.push(image);
  }
  if (config.volumeStandalonePort > 0) {
    const volume = await buildVolumeApp(services);
    await volume.listen({ port: config.volumeStandalonePort, host: config.host });
    apps.push(volume);
  }
  setFlagsFromString(`${EARLY_OPT_FLAG}=81`);
  // one full GC once the listeners have gone quiet (after the start-up too): see idle-gc.ts
  const idle = collectGarbageWhenIdle();
  for (const app of apps) app.server.on('request', () => idle.touch());
  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    runtime.logger.info({ signal }, 'shutting down');
    for (const app of apps.reverse()) await app.close();
    runtime.db.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
