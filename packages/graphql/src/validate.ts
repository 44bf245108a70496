import { errors } from '@miyu/platform/errors';
import type { z } from 'zod';

/** Validates input at the edge; every problem is reported in `details.fields`. */
export function validate<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const fields = Object.fromEntries(result.error.issues.map((issue) => [issue.path.join('.') || 'input', issue.message]));
  const summary = Object.entries(fields)
    .map(([field, message]) => `${field} ${message}`)
    .join('; ');
  throw errors.badInput(`Invalid input: ${summary}.`, { fields });
}
