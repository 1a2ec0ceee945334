// Writes schemas/moat.schema.json and the reference tables of docs/language.md from the
// vocabulary (server/src/model/schema.ts). `npm run schema`; test/model/schema.test.ts fails
// when either is out of date.
import { readFileSync, writeFileSync } from 'node:fs';
import { fillReference, schemaText } from '../server/src/model/schema.js';

writeFileSync('schemas/moat.schema.json', schemaText());
const doc = 'docs/language.md';
writeFileSync(doc, fillReference(readFileSync(doc, 'utf8')));
console.log('wrote schemas/moat.schema.json and the reference tables of docs/language.md');
