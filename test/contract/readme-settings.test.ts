import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SETTINGS } from '../../src/config.js';
import { renderSettingsTable, withSettingsTable } from '../../scripts/settings-table.js';

// README.md documents every setting of src/config.ts: regenerate with
// `npx tsx scripts/write-settings-table.ts` after adding or changing one.
describe('README settings table', () => {
  const readme = readFileSync(join(import.meta.dirname, '..', '..', 'README.md'), 'utf8');

  it('is the table rendered from SETTINGS', () => {
    expect(withSettingsTable(readme), 'run `npx tsx scripts/write-settings-table.ts`').toBe(readme);
  });

  it('has one row per setting, with its env name and flag', () => {
    const table = renderSettingsTable();
    for (const s of SETTINGS) expect(table).toContain(`| \`${s.env}\` | \`--${s.flag}\` |`);
    expect(table.split('\n').filter((l) => l.startsWith('| `'))).toHaveLength(SETTINGS.length);
  });
});
