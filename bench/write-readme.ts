// `npm run bench:readme [results.json]`: write the README's performance figures from a results
// file of `npm run bench` (default .bench-results/latest.json).
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeReadmeSection, type ResultsFile } from './lib/readme-section.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const file = process.argv[2] ?? join(ROOT, '.bench-results', 'latest.json');
writeReadmeSection(join(ROOT, 'README.md'), JSON.parse(readFileSync(file, 'utf8')) as ResultsFile);
console.log(`README.md: performance figures written from ${file}`);
