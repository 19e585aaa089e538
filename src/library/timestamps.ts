import type { HostColumn, HostDialect } from './host-catalog.js';

/**
 * How a timestamp column of the host is written:
 * - `unix-seconds`, `unix-ms`: integers;
 * - `iso`: text like `2024-05-01T10:00:00.000Z`;
 * - `sqlite-datetime`: text like `2024-05-01 10:00:00` (UTC), what SQLite's
 *   `datetime()` returns and what Go and PHP players read back;
 * - `date`: the column's own date type (PostgreSQL `timestamptz`,
 *   `timestamp`, `date`; MySQL `datetime`, `timestamp`; on SQLite the same
 *   text as `sqlite-datetime`);
 * - `auto`: read from the catalog (and the values already there) by
 *   `validate()`, or on the first write.
 */
export type TimestampFormat = 'auto' | 'unix-seconds' | 'unix-ms' | 'iso' | 'sqlite-datetime' | 'date';

/** A format after detection. @internal */
export type ResolvedTimestampFormat = Exclude<TimestampFormat, 'auto'>;

type Kind = 'integer' | 'real' | 'time' | 'text' | 'other';

/** What kind of value a column holds, from its declared type. @internal */
export function columnKind(dialect: HostDialect, type: string): Kind {
  const t = type.toLowerCase();
  if (dialect === 'sqlite') {
    // SQLite's affinity rules, with date/time names first (they would be NUMERIC).
    if (t.includes('int')) return 'integer';
    if (t.includes('date') || t.includes('time')) return 'time';
    if (t.includes('char') || t.includes('clob') || t.includes('text')) return 'text';
    if (t.includes('real') || t.includes('floa') || t.includes('doub') || t.includes('numeric') || t.includes('decimal')) return 'real';
    if (t === '') return 'text';
    return 'other';
  }
  if (/^(smallint|integer|int|bigint|mediumint|tinyint)$/.test(t)) return 'integer';
  if (/^(numeric|decimal|real|double precision|double|float)$/.test(t)) return 'real';
  if (t.startsWith('timestamp') || t === 'date' || t === 'datetime') return 'time';
  if (t === 'text' || t.startsWith('character') || t.includes('char') || t.endsWith('text')) return 'text';
  return 'other';
}

/** The shape of the values already in a column, from a few samples. @internal */
export function sampledFormat(samples: readonly unknown[]): ResolvedTimestampFormat | undefined {
  for (const value of samples) {
    if (value === null || value === undefined) continue;
    if (value instanceof Date) return 'date';
    const n = typeof value === 'number' || typeof value === 'bigint' ? Number(value) : typeof value === 'string' && /^\d+(\.\d+)?$/.test(value) ? Number(value) : undefined;
    // Unix seconds reach 1e11 in the year 5138; milliseconds passed it in 1973.
    if (n !== undefined) return n > 1e11 ? 'unix-ms' : 'unix-seconds';
    if (typeof value === 'string') {
      if (/^\d{4}-\d{2}-\d{2}T/.test(value)) return 'iso';
      if (/^\d{4}-\d{2}-\d{2}( \d{2}:\d{2}(:\d{2})?)?/.test(value)) return 'sqlite-datetime';
    }
  }
  return undefined;
}

/**
 * Which formats a column can take, and which one to use when none is
 * given. Returns the problem as text when the column cannot hold a time the
 * way the option says (or when `auto` cannot tell).
 *
 * @internal
 */
export function resolveTimestampFormat(
  dialect: HostDialect,
  column: HostColumn,
  requested: TimestampFormat,
  samples: readonly unknown[],
): { format: ResolvedTimestampFormat } | { problem: string } {
  const kind = columnKind(dialect, column.type);
  const seen = sampledFormat(samples);
  const allowed = allowedFormats(dialect, kind);
  if (allowed.length === 0) return { problem: `a ${column.type || 'typeless'} column cannot hold a time` };
  if (requested !== 'auto') {
    if (!allowed.includes(requested)) return { problem: `'${requested}' cannot be written to a ${column.type} column; use one of ${allowed.map((f) => `'${f}'`).join(', ')}` };
    // SQLite takes anything; the player reading it back does not.
    if (seen !== undefined && dialect === 'sqlite' && !sameShape(seen, requested)) {
      return { problem: `the column already holds '${seen}' values; '${requested}' would write values the player cannot read` };
    }
    return { format: requested };
  }
  if (kind === 'time' && dialect !== 'sqlite') return { format: 'date' };
  if (seen !== undefined && allowed.includes(seen)) return { format: seen === 'date' ? 'date' : seen };
  if (kind === 'integer' || kind === 'real') return { format: 'unix-seconds' };
  if (kind === 'time') return { format: 'sqlite-datetime' };
  return { problem: `cannot tell which text format the ${column.type || 'typeless'} column holds (it is empty)` };
}

function sameShape(a: ResolvedTimestampFormat, b: ResolvedTimestampFormat): boolean {
  const shape = (f: ResolvedTimestampFormat) => (f === 'date' || f === 'sqlite-datetime' ? 'sqlite-datetime' : f);
  return shape(a) === shape(b);
}

function allowedFormats(dialect: HostDialect, kind: Kind): ResolvedTimestampFormat[] {
  if (dialect === 'sqlite') {
    if (kind === 'integer' || kind === 'real') return ['unix-seconds', 'unix-ms'];
    if (kind === 'other') return [];
    return ['sqlite-datetime', 'date', 'iso', 'unix-seconds', 'unix-ms'];
  }
  if (kind === 'integer') return ['unix-seconds', 'unix-ms'];
  if (kind === 'real') return ['unix-seconds', 'unix-ms'];
  if (kind === 'time') return ['date', ...(dialect === 'mysql' ? (['sqlite-datetime'] as const) : ([] as const))];
  if (kind === 'text') return ['iso', 'sqlite-datetime'];
  return [];
}

/**
 * Encodes `now` for a column in `format`.
 *
 * @internal
 */
export function encodeTimestamp(format: ResolvedTimestampFormat, now: Date, dialect: HostDialect, columnType: string | undefined, utcOffset = false): string | number {
  switch (format) {
    case 'unix-seconds':
      return Math.floor(now.getTime() / 1000);
    case 'unix-ms':
      return now.getTime();
    case 'iso':
      return now.toISOString();
    case 'sqlite-datetime':
      return utcOffset ? `${sqliteDatetime(now)}+00:00` : sqliteDatetime(now);
    case 'date':
      if (dialect === 'postgres') {
        // A timestamp without time zone keeps what it is given: give it UTC,
        // like `now() at time zone 'utc'`.
        return columnType !== undefined && columnType.startsWith('timestamp without') ? now.toISOString().replace('T', ' ').replace('Z', '') : now.toISOString();
      }
      return utcOffset ? `${sqliteDatetime(now)}+00:00` : sqliteDatetime(now);
  }
}

/**
 * Whether the text dates already in a column carry a UTC offset
 * (`2024-05-01 10:00:00.25+00:00`, as Go's SQLite driver writes them): new
 * values then carry `+00:00` too, so the column keeps one shape.
 *
 * @internal
 */
export function samplesHaveOffset(samples: readonly unknown[]): boolean {
  return samples.some((value) => typeof value === 'string' && /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}(:\d{2}(\.\d+)?)?[+-]\d{2}:\d{2}$/.test(value));
}

function sqliteDatetime(now: Date): string {
  return now.toISOString().slice(0, 19).replace('T', ' ');
}
