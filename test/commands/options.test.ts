import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { parseOptions } from '../../src/commands/options.js';

describe('parseOptions', () => {
  it('echoes what the user typed for a coerced flag, not the coerced NaN', () => {
    const schema = z.object({ maxRows: z.coerce.number().int() }).strict();
    expect(() => parseOptions(schema, { maxRows: 'lots' })).toThrow(/^--max-rows: .* \(got "lots"\)$/);
  });

  it('still shows the value for a flag that is not coerced', () => {
    const schema = z.object({ format: z.enum(['text', 'json']) }).strict();
    expect(() => parseOptions(schema, { format: 'xml' })).toThrow(/^--format: .* \(got "xml"\)$/);
  });
});
