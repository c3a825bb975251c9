#!/usr/bin/env node
// Part of `npm run build`: validates every shipped data file (data/**/*.yaml) against its schema
// and writes dist/validated-data.json, the values with each file's and schema's text. At run
// time `loadDataFile` uses a stored value only while both texts are still the same, so
// an edited data file is validated as usual; a shipped file that does not validate fails the
// build here. See src/util/data-loader.ts.
import { writeFileSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

// The package to snapshot: this repository, or the folder given (the bench's private build).
const root = process.argv[2] ?? join(dirname(fileURLToPath(import.meta.url)), '..');
const loader = await import(join(root, 'dist', 'util', 'data-loader.js'));

/** Each shipped data file and the schema its loader validates it with. */
export const SHIPPED_DATA = [
  ['asep-locations.yaml', 'asep-locations.schema.json'],
  ['autostart-commands.yaml', 'autostart-commands.schema.json'],
  ['command-patterns.yaml', 'command-patterns.schema.json'],
  ['file-types.yaml', 'file-types.schema.json'],
  ['indicators.yaml', 'indicators.schema.json'],
  ['interpreters.yaml', 'interpreters.schema.json'],
  ['known-good.yaml', 'baseline.schema.json'],
  ['lolbins.yaml', 'lolbins.schema.json'],
  ['path-classes.yaml', 'path-classes.schema.json'],
  ['scoring.yaml', 'scoring.schema.json'],
  ['sigma-logsources.yaml', 'sigma-logsources.schema.json'],
  ['system-binaries.yaml', 'system-binaries.schema.json'],
  ['techniques.yaml', 'techniques.schema.json'],
  ['writers.yaml', 'writers.schema.json'],
  ['field-maps/json-layouts.yaml', 'field-map.schema.json'],
];

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const entries = {};
  for (const [name, schema] of SHIPPED_DATA) {
    try {
      const { key, entry } = loader.validateShippedFile(name, schema);
      // Only values JSON keeps exactly are stored; any other file is validated at load.
      if (isDeepStrictEqual(JSON.parse(JSON.stringify(entry.value)), entry.value)) {
        entries[key] = entry;
      } else {
        console.error(`snapshot-data: ${name} does not survive JSON; it is validated at load`);
      }
    } catch (e) {
      console.error(`snapshot-data: ${e.message}`);
      process.exit(1);
    }
  }
  const out = join(root, 'dist', loader.VALIDATED_SNAPSHOT);
  writeFileSync(out, JSON.stringify({ comment: 'written by scripts/snapshot-data.mjs', entries }));
}
