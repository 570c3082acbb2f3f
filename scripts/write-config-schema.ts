import { writeFileSync } from 'node:fs';
import { configJsonSchemaText } from '../src/config/json-schema.js';

// Regenerates config/monitor.schema.json from the zod schema (npm run schema).
writeFileSync(new URL('../config/monitor.schema.json', import.meta.url), configJsonSchemaText());
