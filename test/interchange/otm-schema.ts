// The published OTM 0.2.0 JSON schema, read in place from ../shared/schemas (never copied into
// the project). Where it is absent (a fresh clone), the tests that need it skip, saying so.

import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv from 'ajv';
import type { ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

export const SHARED = path.resolve('../shared');
export const OTM_SCHEMA_FILE = path.join(SHARED, 'schemas/otm-0.2.0.schema.json');
export const OTM_EXAMPLE_FILE = path.join(SHARED, 'schemas/otm-example.yaml');
export const THREAGILE_EXAMPLE_FILE = path.join(SHARED, 'corpus/threagile-example/threagile.yaml');

/** A test option: skip, naming what is absent, when a file of ../shared is not there. */
export function needs(file: string): { skip?: string } {
  return fs.existsSync(file) ? {} : { skip: `${path.relative(process.cwd(), file)} is absent` };
}

let validator: ValidateFunction | undefined;

export function otmValidator(): ValidateFunction {
  if (!validator) {
    const ajv = new Ajv({ allErrors: true, strict: false });
    addFormats(ajv);
    validator = ajv.compile(JSON.parse(fs.readFileSync(OTM_SCHEMA_FILE, 'utf8')));
  }
  return validator;
}
