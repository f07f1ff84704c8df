import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';

// ajv-formats is CommonJS: under NodeNext the default import is module.exports, typed as the
// module namespace; the plugin itself is its `default` property.
const addFormats = addFormatsModule.default;

const schema: unknown = JSON.parse(
  readFileSync(new URL('../../../docs/report.schema.json', import.meta.url), 'utf8'),
);

/** A validator for docs/report.schema.json (strict, so a sloppy schema fails too). */
export function reportValidator() {
  const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true });
  addFormats(ajv);
  return ajv.compile(schema as object);
}
