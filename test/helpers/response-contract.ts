// The response contract in the test suite: the apps the helpers build check every answer
// against the response schema its route declares (src/http/response-contract.ts), and
// test/setup/response-contract.ts fails the file that saw a violation. On unless
// NOVAMOCK_RESPONSE_CONTRACT=0 (vitest.config.ts sets the default).
import type { ContractSink, ContractViolation } from '../../src/http/response-contract.js';

const seen: ContractViolation[] = [];

/** The sink for buildApp's `responseContract` option, or undefined when the check is off. */
export function responseContractSink(): ContractSink | undefined {
  if (process.env.NOVAMOCK_RESPONSE_CONTRACT !== '1') return undefined;
  return (v) => { seen.push(v); };
}

/** The violations seen since the last call (and forget them). */
export function takeContractViolations(): ContractViolation[] {
  return seen.splice(0, seen.length);
}

export function describeViolations(violations: readonly ContractViolation[]): string {
  return violations.slice(0, 20).map((v) => `${v.method} ${v.url} -> ${v.status} (route ${v.route}): ${v.problems.slice(0, 5).join('; ')}`).join('\n')
    + (violations.length > 20 ? `\n... and ${violations.length - 20} more` : '');
}
