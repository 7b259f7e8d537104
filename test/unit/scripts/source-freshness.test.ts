// npm start's staleness check (scripts/source-freshness.mjs): find(1) and the JS walk it falls
// back to agree, on a tree whose mtimes are set by hand; a stale dist/ is never taken as fresh.
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sourcesNewerThan } from '../../../scripts/source-freshness.mjs';

const T = 1_700_000_000; // seconds
const FILES = ['src/main.ts', 'src/a/b/deep.ts', 'src/a/c.ts', 'scripts/build.mjs', 'scripts/bundle-main.mjs', 'dist/bundle/main.mjs', 'test/x.test.ts'];

describe('sourcesNewerThan', () => {
  let root: string;
  const built = () => join(root, 'dist/bundle/main.mjs');
  const touch = (f: string, s: number) => utimesSync(join(root, f), s, s);
  const both = () => [sourcesNewerThan(root, built()), sourcesNewerThan(root, built(), { walk: true })];

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'freshness-'));
    for (const f of FILES) {
      mkdirSync(join(root, f, '..'), { recursive: true });
      writeFileSync(join(root, f), '');
      touch(f, T);
    }
    touch('dist/bundle/main.mjs', T + 10);
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('is fresh when every source is older than the bundle, or as old', () => {
    expect(both()).toEqual([false, false]);
    touch('src/a/c.ts', T + 10);
    expect(both()).toEqual([false, false]);
  });

  it('is stale when a file deep under src/ is newer, even by a fraction of a second', () => {
    touch('src/a/b/deep.ts', T + 10.25);
    expect(both()).toEqual([true, true]);
  });

  it('is stale when a build script is newer', () => {
    touch('scripts/bundle-main.mjs', T + 20);
    expect(both()).toEqual([true, true]);
    touch('scripts/bundle-main.mjs', T);
    touch('scripts/build.mjs', T + 20);
    expect(both()).toEqual([true, true]);
  });

  it('looks at nothing else: a newer test or directory is not a source', () => {
    touch('test/x.test.ts', T + 20);
    utimesSync(join(root, 'src/a'), T + 20, T + 20);
    expect(both()).toEqual([false, false]);
  });
});
