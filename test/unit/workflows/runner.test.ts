// The workflow runner (workflows/runner.ts): each workflow pauses on the progression it was
// handed, which knows the workflow's generation (a reset stops it at its next step) and whether
// the API waits for it (an RPC call is not held by manual progression).
import { describe, expect, test } from 'vitest';
import pino from 'pino';
import { createWorkflowRunner } from '../../../src/workflows/runner.js';
import { createProgression, WorkflowAborted } from '../../../src/workflows/progression.js';
import { systemClock } from '../../../src/runtime/clock.js';
import type { WorkflowJournalStore } from '../../../src/compute-db/workflow-journal-store.js';
import type { Progression as Mode } from '../../../src/config.js';

function runnerOf(mode: Mode) {
  const rows = new Map<number, string>();
  let next = 1;
  const journal = {
    add: (uuid: string, workflow: string) => { rows.set(next, `${workflow} ${uuid}`); return next++; },
    remove: (id: number) => { rows.delete(id); },
    list: () => [],
    clear: () => { rows.clear(); },
  } as unknown as WorkflowJournalStore;
  const base = createProgression(mode, systemClock, 1);
  return { runner: createWorkflowRunner({ journal, log: pino({ level: 'silent' }), progression: base }), base, rows };
}

describe('workflow runner', () => {
  test('a workflow busy between steps when the cloud is reset stops at its next step, and keeps its journal row', async () => {
    const { runner, rows } = runnerOf('immediate');
    let release!: () => void;
    const busy = new Promise<void>((r) => { release = r; });
    const seen: string[] = [];
    const done = runner.spawn('build u1', 'u1', async (p) => {
      await p.pause('build:one');
      seen.push('one');
      await busy; // e.g. a Placement call in flight
      try {
        await p.pause('build:two');
        seen.push('two');
      } catch (err) {
        seen.push(err instanceof WorkflowAborted ? 'aborted' : 'other');
        throw err;
      }
    });
    await new Promise((r) => setTimeout(r, 10));
    const stopped = runner.stopAll();
    release();
    await stopped;
    await done;
    expect(seen).toEqual(['one', 'aborted']);
    expect([...rows.values()]).toEqual(['build u1']);
  });

  test('a workflow queued behind another of its instance does not start after a reset', async () => {
    const { runner } = runnerOf('immediate');
    let release!: () => void;
    const busy = new Promise<void>((r) => { release = r; });
    const ran: string[] = [];
    void runner.spawn('first', 'u1', async () => { await busy; ran.push('first'); });
    void runner.spawn('second', 'u1', async () => { ran.push('second'); });
    const stopped = runner.stopAll();
    release();
    await stopped;
    expect(ran).toEqual(['first']);
  });

  test('a workflow spawned after a reset runs to its end', async () => {
    const { runner, rows } = runnerOf('immediate');
    await runner.stopAll();
    const steps: string[] = [];
    await runner.spawn('build u2', 'u2', async (p) => { await p.pause('build:a'); await p.pause('build:b'); steps.push('done'); });
    expect(steps).toEqual(['done']);
    expect(rows.size).toBe(0);
  });

  test('manual progression holds a cast at each step but not an RPC call the API waits for', async () => {
    const { runner, base } = runnerOf('manual');
    const steps: string[] = [];
    const cast = runner.spawn('cast u1', 'u1', async (p) => { await p.pause('cast:a'); steps.push('cast'); });
    await runner.call('call u2', 'u2', async (p) => { await p.pause('call:a'); await p.pause('call:b'); steps.push('call'); });
    expect(steps).toEqual(['call']);
    expect(base.waiting()).toEqual(['cast:a']);
    expect(runner.progression.advance()).toBe(1);
    await cast;
    expect(steps).toEqual(['call', 'cast']);
  });
});
