import type { z } from 'zod';
import { OptionsError } from '../errors.js';

/**
 * Parses options with a zod schema and turns failures into one
 * {@link OptionsError} whose message names every bad option, in the form
 * "Expected `pageSize` to be ..., got 5000".
 */
export function parseOptions<S extends z.ZodType>(schema: S, input: unknown, what: string): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issues = result.error.issues.map((issue) => {
    const path = issue.path.length > 0 ? issue.path.map(String).join('.') : what;
    // Never echo a secret back, whatever type it was given as.
    const value = valueAt(input, issue.path);
    const secret = value !== undefined && value !== '' && issue.path.some((key) => typeof key === 'string' && /key|secret|token|password/i.test(key));
    const got = secret ? 'a value that is not shown' : describeValue(value);
    return `Expected \`${path}\` ${issue.message.replace(/^Invalid input: /, '').replace(/^expected /i, 'to be ')}, got ${got}`;
  });
  return throwOptions(what, issues);
}

function throwOptions(what: string, issues: string[]): never {
  throw new OptionsError(`Invalid ${what}: ${issues.join('; ')}`, issues);
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let value: unknown = input;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

function describeValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
  if (typeof value === 'function') return 'a function';
  if (value === undefined) return 'undefined';
  try {
    const text = JSON.stringify(value);
    return text.length > 60 ? `${text.slice(0, 57)}...` : text;
  } catch {
    return typeof value;
  }
}
