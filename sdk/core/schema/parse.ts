import * as v from 'valibot';

export type Parsed<T> = { ok: true; value: T } | { ok: false; errors: string[] };

/**
 * Validate untrusted input against a schema and turn valibot's issues into short, readable
 * messages ("content.blocks.0.type: Invalid type"), which the collector returns and the SDK logs.
 */
export function parse<S extends v.GenericSchema>(schema: S, input: unknown): Parsed<v.InferOutput<S>> {
  const result = v.safeParse(schema, input);
  if (result.success) return { ok: true, value: result.output };
  return {
    ok: false,
    errors: result.issues.slice(0, 10).map((issue) => {
      const path = v.getDotPath(issue);
      return path ? `${path}: ${issue.message}` : issue.message;
    }),
  };
}
