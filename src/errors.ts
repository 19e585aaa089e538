/**
 * Every error this library throws is a {@link LovedTrackCacheError}; the
 * subclasses carry the context needed to act on them.
 *
 * "Last.fm sent something we cannot use" ({@link LastfmResponseError}) is kept
 * apart from "Last.fm said no" ({@link LastfmApiError}) and from "our own
 * operation failed" ({@link StoreError}, {@link OptionsError}).
 *
 * @module
 */

/**
 * Base class of every error thrown by loved-track-cache.
 *
 * @example
 * ```ts
 * try { await cache.sync(); } catch (error) {
 *   if (error instanceof LovedTrackCacheError) console.error(error.message);
 * }
 * ```
 */
export class LovedTrackCacheError extends Error {
  override name: string = 'LovedTrackCacheError';

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/**
 * Options given to a constructor or factory are invalid. Thrown at once,
 * before any I/O.
 *
 * @example
 * ```ts
 * new LastfmSource({ apiKey: '', pageSize: 5000 }); // throws OptionsError
 * ```
 */
export class OptionsError extends LovedTrackCacheError {
  override name: string = 'OptionsError';
  /** One line per invalid option. */
  readonly issues: readonly string[];

  constructor(message: string, issues: readonly string[] = [], options?: { cause?: unknown }) {
    super(message, options);
    this.issues = issues;
  }
}

/**
 * A table or column name from the host's configuration is not a plain SQL
 * identifier (letters, digits and `_`, optionally `schema.table`).
 */
export class IdentifierError extends OptionsError {
  override name = 'IdentifierError' as const;
  /** The offending identifier. */
  readonly identifier: string;

  constructor(identifier: string, what: string) {
    super(
      `Expected ${what} to be a SQL identifier (letters, digits and "_", not starting with a digit, at most 63 characters), got ${JSON.stringify(identifier)}`,
    );
    this.identifier = identifier;
  }
}

/**
 * Last.fm answered with an error code. See the subclasses for the permanent
 * ones; {@link LastfmRetryExhaustedError} wraps transient ones that did not
 * go away.
 */
export class LastfmApiError extends LovedTrackCacheError {
  override name: string = 'LastfmApiError';
  /** Last.fm's numeric error code, or `undefined` for a bare HTTP failure. */
  readonly code: number | undefined;
  /** HTTP status of the response. */
  readonly status: number | undefined;
  /** The page being fetched, when the request was for a page. */
  readonly page: number | undefined;
  /** The Last.fm user the request was for. */
  readonly user: string | undefined;

  constructor(
    message: string,
    context: { code?: number | undefined; status?: number | undefined; page?: number | undefined; user?: string | undefined },
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.code = context.code;
    this.status = context.status;
    this.page = context.page;
    this.user = context.user;
  }
}

/** Last.fm error 6 on a user request: no such user. Not retried. */
export class LastfmUserNotFoundError extends LastfmApiError {
  override name = 'LastfmUserNotFoundError' as const;
}

/** Last.fm error 10: the API key is invalid. Not retried. */
export class LastfmInvalidApiKeyError extends LastfmApiError {
  override name = 'LastfmInvalidApiKeyError' as const;
}

/** Last.fm error 26: the API key has been suspended. Not retried. */
export class LastfmSuspendedApiKeyError extends LastfmApiError {
  override name = 'LastfmSuspendedApiKeyError' as const;
}

/** Last.fm error 17: the user's profile is private (login required). Not retried. */
export class LastfmLoginRequiredError extends LastfmApiError {
  override name = 'LastfmLoginRequiredError' as const;
}

/**
 * A transient failure (Last.fm error 8, 11, 16, 29, HTTP 429/5xx, network
 * error or timeout) persisted through every retry. `cause` holds the last
 * failure; `attempts` says how many requests were made for the page.
 */
export class LastfmRetryExhaustedError extends LastfmApiError {
  override name = 'LastfmRetryExhaustedError' as const;
  /** Requests made for this page, the first included. */
  readonly attempts: number;

  constructor(
    message: string,
    context: { code?: number | undefined; status?: number | undefined; page?: number | undefined; user?: string | undefined; attempts: number },
    options?: { cause?: unknown },
  ) {
    super(message, context, options);
    this.attempts = context.attempts;
  }
}

/**
 * Last.fm sent a response that is not what its API documents (not JSON, or
 * JSON of the wrong shape, or paging that contradicts itself). Nothing of
 * that page is written.
 */
export class LastfmResponseError extends LovedTrackCacheError {
  override name = 'LastfmResponseError' as const;
  /** The page being fetched. */
  readonly page: number | undefined;
  /** What was wrong, one line per problem. */
  readonly issues: readonly string[];

  constructor(message: string, context: { page?: number | undefined; issues?: readonly string[] }, options?: { cause?: unknown }) {
    super(message, options);
    this.page = context.page;
    this.issues = context.issues ?? [];
  }
}

/** A database operation of the cache failed. `cause` holds the driver's error. */
export class StoreError extends LovedTrackCacheError {
  override name = 'StoreError' as const;
}

/**
 * The store's `dialect` option names another SQL dialect than the one of the
 * Kysely instance's adapter (or the adapter is one the store cannot detect
 * and no `dialect` was given). Thrown by the `KyselyLovedTrackStore`
 * constructor, before any I/O.
 *
 * @example
 * ```ts
 * new KyselyLovedTrackStore({ db: mysqlDb, dialect: 'postgres' });
 * // DialectMismatchError: ... the Kysely instance uses MysqlAdapter (dialect "mysql") ...
 * ```
 */
export class DialectMismatchError extends OptionsError {
  override name = 'DialectMismatchError' as const;
  /** The `dialect` option, if one was given. */
  readonly requested: string | undefined;
  /** The dialect detected from the adapter, if it is one the store knows. */
  readonly detected: string | undefined;
  /** Class name of the Kysely instance's adapter. */
  readonly adapter: string;

  constructor(context: { requested: string | undefined; detected: string | undefined; adapter: string; supported: readonly string[] }) {
    const options = context.supported.map((name) => `\`dialect: "${name}"\``).join(', ');
    super(
      context.requested === undefined
        ? `Could not detect the SQL dialect of the Kysely instance (its adapter is ${context.adapter}); pass one of ${options}`
        : `Expected \`dialect\` to match the Kysely instance, got "${context.requested}", but the instance uses ${context.adapter} (dialect "${context.detected}"); drop the option or pass \`dialect: "${context.detected}"\``,
    );
    this.requested = context.requested;
    this.detected = context.detected;
    this.adapter = context.adapter;
  }
}

/**
 * Another process (or another cache in this one) holds the sync lease for
 * this user. Thrown by `sync()` when `waitForLease` is off.
 */
export class SyncInProgressError extends LovedTrackCacheError {
  override name = 'SyncInProgressError' as const;
  /** The Last.fm user whose sync is running elsewhere. */
  readonly user: string;
  /** When the current lease expires (unix ms). */
  readonly leaseExpiresAt: number | undefined;

  constructor(user: string, leaseExpiresAt?: number) {
    super(`A sync for Last.fm user ${JSON.stringify(user)} is already running (lease held until ${leaseExpiresAt ? new Date(leaseExpiresAt).toISOString() : 'unknown'})`);
    this.user = user;
    this.leaseExpiresAt = leaseExpiresAt;
  }
}

/** A love or track given to `link()`/`reject()` does not exist. */
export class NotFoundError extends LovedTrackCacheError {
  override name = 'NotFoundError' as const;
}

/**
 * The host's tables do not fit the adapter's mapping: a table or column is
 * missing, has a type the library cannot write, or a NOT NULL column has no
 * value. Thrown by `validate()` and `migrate()` before anything is written;
 * `option` names the setting to change.
 *
 * @example
 * ```ts
 * try { await cache.migrate(); } catch (error) {
 *   if (error instanceof HostSchemaError) console.error(`${error.table}.${error.column} (${error.type}): set ${error.option}`);
 * }
 * ```
 */
export class HostSchemaError extends LovedTrackCacheError {
  override name = 'HostSchemaError' as const;
  /** The host table (as configured, possibly `schema.table`). */
  readonly table: string;
  /** The column, when the problem is one column. */
  readonly column: string | undefined;
  /** The column's type as the catalog reports it, when known. */
  readonly type: string | undefined;
  /** The adapter option to set or fix, e.g. `favorites.createdAtFormat`. */
  readonly option: string;

  constructor(message: string, context: { table: string; column?: string | undefined; type?: string | undefined; option: string }, options?: { cause?: unknown }) {
    super(message, options);
    this.table = context.table;
    this.column = context.column;
    this.type = context.type;
    this.option = context.option;
  }
}

/**
 * A table with one of the cache's names exists but was not created by the
 * cache's migrations (it is the host's). `migrate()` refuses before it
 * creates or writes anything; pick another `tablePrefix`.
 *
 * @example
 * ```ts
 * try { await store.migrate(); } catch (error) {
 *   if (error instanceof ForeignTableError) console.error(`${error.table} is not ours: use another tablePrefix`);
 * }
 * ```
 */
export class ForeignTableError extends LovedTrackCacheError {
  override name = 'ForeignTableError' as const;
  /** The colliding table (with its prefix). */
  readonly table: string;
  /** Why it is taken for the host's table. */
  readonly reason: string;

  constructor(table: string, reason: string, options?: { cause?: unknown }) {
    super(`Table ${JSON.stringify(table)} already exists and was not created by loved-track-cache (${reason}); nothing was changed. Choose another \`tablePrefix\` (for example 'ltc_').`, options);
    this.table = table;
    this.reason = reason;
  }
}

/** True when `error` is any error thrown by this library. */
export function isLovedTrackCacheError(error: unknown): error is LovedTrackCacheError {
  return error instanceof LovedTrackCacheError;
}

/** True when `error` is an error code Last.fm returned (permanent or exhausted). */
export function isLastfmApiError(error: unknown): error is LastfmApiError {
  return error instanceof LastfmApiError;
}
