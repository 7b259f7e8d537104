// vitest setup file: a test file whose apps answered outside their declared response schemas
// fails (see test/helpers/response-contract.ts).
import { afterAll } from 'vitest';
import { describeViolations, takeContractViolations } from '../helpers/response-contract.js';

afterAll(() => {
  const violations = takeContractViolations();
  if (violations.length) throw new Error(`answers outside their declared response schemas (openapi/):\n${describeViolations(violations)}`);
});
