// Rewrite README.md's settings table from src/config.ts SETTINGS.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { withSettingsTable } from './settings-table.js';

const README = join(dirname(fileURLToPath(import.meta.url)), '..', 'README.md');
writeFileSync(README, withSettingsTable(readFileSync(README, 'utf8')));
console.log('README.md settings table updated');
