import { z } from 'zod';
import { ConfigSchema } from './schema.js';

/**
 * The JSON Schema shipped as config/monitor.schema.json, for editor completion and
 * validation. A user's file is merged over the defaults, so every key is optional:
 * `required` is dropped throughout.
 */
export function configJsonSchema(): unknown {
  const schema = z.toJSONSchema(ConfigSchema, { io: 'input', unrepresentable: 'any' });
  return withoutRequired(schema);
}

function withoutRequired(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(withoutRequired);
  if (typeof node !== 'object' || node === null) return node;
  return Object.fromEntries(
    Object.entries(node)
      .filter(([key]) => key !== 'required')
      .map(([key, value]) => [key, withoutRequired(value)]),
  );
}

export function configJsonSchemaText(): string {
  return JSON.stringify(configJsonSchema(), null, 2) + '\n';
}
