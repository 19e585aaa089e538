import { sql, type Kysely, type Migration } from 'kysely';
import type { DialectTraits } from '../dialect.js';

/**
 * The cache's tables. Table names are unprefixed here; the store's prefix
 * plugin renames them. Index names carry the prefix themselves because index
 * names are not table references.
 */
export function initialMigration(prefix: string, traits: DialectTraits): Migration {
  const big = traits.bigintType;
  const idx = (name: string) => `${prefix}${name}`;
  return {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('loved_tracks')
        .ifNotExists()
        .addColumn('id', traits.serialType, (col) => (traits.dialect === 'sqlite' ? col.primaryKey().autoIncrement() : col.primaryKey()))
        .addColumn('user', 'text', (col) => col.notNull())
        .addColumn('artist', 'text', (col) => col.notNull())
        .addColumn('title', 'text', (col) => col.notNull())
        .addColumn('artist_key', 'text', (col) => col.notNull())
        .addColumn('title_key', 'text', (col) => col.notNull())
        .addColumn('keys_fingerprint', 'text', (col) => col.notNull())
        .addColumn('mbid', 'text')
        .addColumn('loved_at', big)
        .addColumn('matched_track_id', 'text')
        .addColumn('match_score', traits.realType)
        .addColumn('match_reasons', 'text')
        .addColumn('match_origin', 'text')
        .addColumn('match_fingerprint', 'text')
        .addColumn('first_seen_at', big, (col) => col.notNull())
        .addColumn('last_seen_at', big, (col) => col.notNull())
        .addColumn('last_checked_at', big)
        .addColumn('unloved_at', big)
        .addUniqueConstraint(idx('loved_tracks_user_artist_title'), ['user', 'artist', 'title'])
        .execute();
      // Removals, resets and re-tags look loves up by the track they matched.
      await db.schema.createIndex(idx('loved_tracks_matched')).ifNotExists().on('loved_tracks').columns(['matched_track_id', 'user']).execute();
      // Matching walks the unmatched loves of one user.
      await db.schema
        .createIndex(idx('loved_tracks_unmatched'))
        .ifNotExists()
        .on('loved_tracks')
        .columns(['user', 'id'])
        .where((eb) => eb.and([eb(sql.ref('matched_track_id'), 'is', null), eb(sql.ref('unloved_at'), 'is', null)]))
        .execute();
      // Scanner hooks look unmatched loves up by the keys of new tracks.
      await db.schema.createIndex(idx('loved_tracks_keys')).ifNotExists().on('loved_tracks').columns(['artist_key', 'title_key']).execute();
      await db.schema.createIndex(idx('loved_tracks_title_key')).ifNotExists().on('loved_tracks').columns(['title_key']).execute();

      await db.schema
        .createTable('sync_state')
        .ifNotExists()
        .addColumn('user', 'text', (col) => col.primaryKey())
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
        .addColumn('user', 'text', (col) => col.primaryKey())
        .addColumn('owner', 'text', (col) => col.notNull())
        .addColumn('expires_at_ms', big, (col) => col.notNull())
        .execute();

      await db.schema
        .createTable('auto_favorites')
        .ifNotExists()
        .addColumn('user', 'text', (col) => col.notNull())
        .addColumn('host_user', 'text', (col) => col.notNull())
        .addColumn('track_id', 'text', (col) => col.notNull())
        .addColumn('loved_id', 'integer')
        .addColumn('created_at', big, (col) => col.notNull())
        .addColumn('removed_reason', 'text')
        .addColumn('removed_at', big)
        .addPrimaryKeyConstraint(idx('auto_favorites_pk'), ['user', 'host_user', 'track_id'])
        .execute();
      await db.schema.createIndex(idx('auto_favorites_track')).ifNotExists().on('auto_favorites').columns(['track_id']).execute();

      await db.schema
        .createTable('track_keys')
        .ifNotExists()
        .addColumn('track_id', 'text', (col) => col.notNull())
        .addColumn('artist_key', 'text', (col) => col.notNull())
        .addColumn('title_key', 'text', (col) => col.notNull())
        .addColumn('artist', 'text', (col) => col.notNull())
        .addColumn('title', 'text', (col) => col.notNull())
        .addColumn('album', 'text')
        .addColumn('album_artist', 'text')
        .addColumn('duration_ms', big)
        .addColumn('mbid', 'text')
        .addColumn('is_primary', 'integer', (col) => col.notNull())
        .addColumn('indexed_at', big, (col) => col.notNull())
        .addPrimaryKeyConstraint(idx('track_keys_pk'), ['track_id', 'artist_key'])
        .execute();
      await db.schema.createIndex(idx('track_keys_keys')).ifNotExists().on('track_keys').columns(['artist_key', 'title_key']).execute();
      await db.schema.createIndex(idx('track_keys_title')).ifNotExists().on('track_keys').columns(['title_key']).execute();

      await db.schema
        .createTable('match_decisions')
        .ifNotExists()
        .addColumn('user', 'text', (col) => col.notNull())
        .addColumn('artist', 'text', (col) => col.notNull())
        .addColumn('title', 'text', (col) => col.notNull())
        .addColumn('track_id', 'text', (col) => col.notNull())
        .addColumn('decision', 'text', (col) => col.notNull())
        .addColumn('created_at', big, (col) => col.notNull())
        .addPrimaryKeyConstraint(idx('match_decisions_pk'), ['user', 'artist', 'title', 'track_id'])
        .execute();

      await db.schema
        .createTable('cache_meta')
        .ifNotExists()
        .addColumn('key', 'text', (col) => col.primaryKey())
        .addColumn('value', 'text', (col) => col.notNull())
        .execute();
    },
    async down(db: Kysely<any>) {
      for (const table of ['cache_meta', 'match_decisions', 'track_keys', 'auto_favorites', 'sync_leases', 'sync_state', 'loved_tracks']) {
        await db.schema.dropTable(table).ifExists().execute();
      }
    },
  };
}
