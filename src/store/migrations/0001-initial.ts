import { sql, type Kysely, type Migration } from 'kysely';
import type { DialectTraits } from '../dialect.js';

/**
 * Longest values of the bounded key columns, in characters. They only bound
 * anything on MySQL, where a key column is a `varchar(n)` and an index key
 * may not exceed 3072 bytes (768 utf8mb4 characters); SQLite and PostgreSQL
 * store `text`. A Last.fm user name has at most 15 characters; host ids
 * (integers, UUIDs, paths of a few hundred characters at most) fit 255.
 */
export const KEY_LENGTH = { user: 128, hostUser: 191, trackId: 255, metaKey: 191 } as const;

/**
 * Characters of a long text column (artist, title, normalized keys) that a
 * MySQL index covers: 191 keeps two of them under 3072 bytes. Lookups still
 * compare whole values; the prefix only narrows the index range.
 */
export const TEXT_INDEX_PREFIX = 191;

/**
 * The cache's tables. Table names are unprefixed here; the store's prefix
 * plugin renames them. Index names carry the prefix themselves because index
 * names are not table references.
 *
 * Types and keys come from the dialect traits, so the statements for SQLite
 * and PostgreSQL are the ones this migration always ran (`text` keys, real
 * unique keys and partial indexes); on MySQL keys are bounded `varchar`s with
 * a binary collation and the unique keys over artist and title go through a
 * hash column (`key_hash`).
 */
export function initialMigration(prefix: string, traits: DialectTraits): Migration {
  const big = traits.bigintType;
  const text = traits.textType;
  const idx = (name: string) => `${prefix}${name}`;
  const user = traits.keyType(KEY_LENGTH.user);
  const trackId = traits.keyType(KEY_LENGTH.trackId);
  const p = TEXT_INDEX_PREFIX;
  return {
    async up(db: Kysely<any>) {
      let loves = db.schema
        .createTable('loved_tracks')
        .ifNotExists()
        .addColumn('id', traits.serialType, (col) => traits.serialColumn(col))
        .addColumn('user', user, (col) => col.notNull())
        .addColumn('artist', text, (col) => col.notNull())
        .addColumn('title', text, (col) => col.notNull())
        .addColumn('artist_key', text, (col) => col.notNull())
        .addColumn('title_key', text, (col) => col.notNull())
        .addColumn('keys_fingerprint', text, (col) => col.notNull())
        .addColumn('mbid', text)
        .addColumn('loved_at', big)
        .addColumn('matched_track_id', trackId)
        .addColumn('match_score', traits.realType)
        .addColumn('match_reasons', text)
        .addColumn('match_origin', text)
        .addColumn('match_fingerprint', text)
        .addColumn('first_seen_at', big, (col) => col.notNull())
        .addColumn('last_seen_at', big, (col) => col.notNull())
        .addColumn('last_checked_at', big)
        .addColumn('unloved_at', big);
      loves = traits.uniqueKey(loves, { name: idx('loved_tracks_user_artist_title'), columns: ['user', 'artist', 'title'], long: ['artist', 'title'] });
      await loves.execute();
      // Removals, resets and re-tags look loves up by the track they matched.
      await traits.createIndex(db, { name: idx('loved_tracks_matched'), table: 'loved_tracks', columns: ['matched_track_id', 'user'] });
      // Matching walks the unmatched loves of one user.
      await traits.createIndex(db, {
        name: idx('loved_tracks_unmatched'),
        table: 'loved_tracks',
        columns: ['user', 'id'],
        where: (eb) => eb.and([eb(sql.ref('matched_track_id'), 'is', null), eb(sql.ref('unloved_at'), 'is', null)]),
      });
      // Scanner hooks look unmatched loves up by the keys of new tracks.
      await traits.createIndex(db, { name: idx('loved_tracks_keys'), table: 'loved_tracks', columns: ['artist_key', 'title_key'], prefixLengths: { artist_key: p, title_key: p } });
      await traits.createIndex(db, { name: idx('loved_tracks_title_key'), table: 'loved_tracks', columns: ['title_key'], prefixLengths: { title_key: p } });

      await db.schema
        .createTable('sync_state')
        .ifNotExists()
        .addColumn('user', user, (col) => col.primaryKey())
        .addColumn('cursor_loved_at', big)
        .addColumn('total_reported', big)
        .addColumn('last_full_sync_at', big)
        .addColumn('last_incremental_sync_at', big)
        .addColumn('full_pass_started_at', big)
        .addColumn('full_pass_page', 'integer')
        .execute();

      await db.schema
        .createTable('sync_leases')
        .ifNotExists()
        .addColumn('user', user, (col) => col.primaryKey())
        .addColumn('owner', text, (col) => col.notNull())
        .addColumn('expires_at_ms', big, (col) => col.notNull())
        .execute();

      let favorites = db.schema
        .createTable('auto_favorites')
        .ifNotExists()
        .addColumn('user', user, (col) => col.notNull())
        .addColumn('host_user', traits.keyType(KEY_LENGTH.hostUser), (col) => col.notNull())
        .addColumn('track_id', trackId, (col) => col.notNull())
        .addColumn('loved_id', 'integer')
        .addColumn('created_at', big, (col) => col.notNull())
        .addColumn('removed_reason', text)
        .addColumn('removed_at', big);
      favorites = traits.uniqueKey(favorites, { name: idx('auto_favorites_pk'), columns: ['user', 'host_user', 'track_id'], primary: true });
      await favorites.execute();
      await traits.createIndex(db, { name: idx('auto_favorites_track'), table: 'auto_favorites', columns: ['track_id'] });

      let keys = db.schema
        .createTable('track_keys')
        .ifNotExists()
        .addColumn('track_id', trackId, (col) => col.notNull())
        .addColumn('artist_key', text, (col) => col.notNull())
        .addColumn('title_key', text, (col) => col.notNull())
        .addColumn('artist', text, (col) => col.notNull())
        .addColumn('title', text, (col) => col.notNull())
        .addColumn('album', text)
        .addColumn('album_artist', text)
        .addColumn('duration_ms', big)
        .addColumn('mbid', text)
        .addColumn('is_primary', 'integer', (col) => col.notNull())
        .addColumn('indexed_at', big, (col) => col.notNull());
      keys = traits.uniqueKey(keys, { name: idx('track_keys_pk'), columns: ['track_id', 'artist_key'], primary: true, long: ['artist_key'] });
      await keys.execute();
      await traits.createIndex(db, { name: idx('track_keys_keys'), table: 'track_keys', columns: ['artist_key', 'title_key'], prefixLengths: { artist_key: p, title_key: p } });
      await traits.createIndex(db, { name: idx('track_keys_title'), table: 'track_keys', columns: ['title_key'], prefixLengths: { title_key: p } });

      let decisions = db.schema
        .createTable('match_decisions')
        .ifNotExists()
        .addColumn('user', user, (col) => col.notNull())
        .addColumn('artist', text, (col) => col.notNull())
        .addColumn('title', text, (col) => col.notNull())
        .addColumn('track_id', trackId, (col) => col.notNull())
        .addColumn('decision', text, (col) => col.notNull())
        .addColumn('created_at', big, (col) => col.notNull());
      decisions = traits.uniqueKey(decisions, { name: idx('match_decisions_pk'), columns: ['user', 'artist', 'title', 'track_id'], primary: true, long: ['artist', 'title'] });
      await decisions.execute();

      await db.schema
        .createTable('cache_meta')
        .ifNotExists()
        .addColumn('key', traits.keyType(KEY_LENGTH.metaKey), (col) => col.primaryKey())
        .addColumn('value', text, (col) => col.notNull())
        .execute();
    },
    async down(db: Kysely<any>) {
      for (const table of ['cache_meta', 'match_decisions', 'track_keys', 'auto_favorites', 'sync_leases', 'sync_state', 'loved_tracks']) {
        await db.schema.dropTable(table).ifExists().execute();
      }
    },
  };
}
