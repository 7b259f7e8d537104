// The README's settings table, rendered from src/config.ts SETTINGS (the one source), between
// two markers. `npx tsx scripts/write-settings-table.ts` rewrites it;
// test/contract/readme-settings.test.ts fails when README.md and SETTINGS disagree.
import { SETTINGS } from '../src/config.js';

export const BEGIN = '<!-- settings:begin -->';
const NOTE = '<!-- generated from src/config.ts SETTINGS by `npx tsx scripts/write-settings-table.ts`: edit there -->';
export const END = '<!-- settings:end -->';

function show(value: unknown): string {
  if (value === null) return '(unset)';
  if (Array.isArray(value)) return `\`${value.join(',')}\``;
  return `\`${String(value)}\``;
}

export function renderSettingsTable(): string {
  const rows = SETTINGS.map((s) => `| \`${s.env}\` | \`--${s.flag}\` | ${show(s.default)} | ${s.help.replace(/\|/g, '\\|')} |`);
  return [BEGIN, NOTE, '| env | flag | default | meaning |', '|---|---|---|---|', ...rows, END].join('\n');
}

/** README text with the block replaced; throws when the markers are missing. */
export function withSettingsTable(readme: string): string {
  const a = readme.indexOf(BEGIN);
  const b = readme.indexOf(END);
  if (a < 0 || b < a) throw new Error('README.md lacks the settings markers');
  return readme.slice(0, a) + renderSettingsTable() + readme.slice(b + END.length);
}
