// Every flow of the parity suite, in run order.
import type { Flow } from '../lib/flow.js';
import { badRequestFlows } from './bad-requests.js';
import { buildFlows } from './build.js';
import { deleteFlows } from './delete.js';
import { lifecycleFlows } from './lifecycle.js';
import { moveFaultFlows } from './move-faults.js';
import { moveFlows } from './move.js';
import { rebuildFlows } from './rebuild.js';
import { serverGroupFlows } from './server-groups.js';
import { aggregateFlows } from './aggregates.js';
import { serverExtrasFlows } from './server-extras.js';
import { fidelityFlows } from './fidelity.js';
import { differentialFlows } from './differential.js';
import { snapshotFlows } from './snapshots.js';
import { networkingFlows } from './networking.js';

export const FLOWS: Flow[] = [...buildFlows, ...moveFlows, ...moveFaultFlows, ...lifecycleFlows, ...deleteFlows, ...badRequestFlows, ...rebuildFlows, ...serverGroupFlows, ...aggregateFlows, ...serverExtrasFlows, ...fidelityFlows, ...snapshotFlows, ...networkingFlows, ...differentialFlows];
