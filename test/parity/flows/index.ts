// Every flow of the parity suite, in run order.
import type { Flow } from '../lib/flow.js';
import { buildFlows } from './build.js';
import { moveFaultFlows } from './move-faults.js';
import { moveFlows } from './move.js';

export const FLOWS: Flow[] = [...buildFlows, ...moveFlows, ...moveFaultFlows];
