import type { Kysely } from 'kysely';
import { isPostgres } from '../dialect.js';

/**
 * Client documents and media (issue 15): one row per file a message carried, in or out. The bytes
 * live under MEDIA_DIR with a random name (`storage_key`); this row says whose they are, what they
 * are, and what became of the download (stored, refused with the reason, failed). At most one row
 * per message, so a redelivered webhook or a retried job never stores a file twice.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const table = db.schema.createTable('media_files');
  await (
    isPostgres(db)
      ? table.addColumn('id', 'bigint', (c) => c.primaryKey().generatedByDefaultAsIdentity())
      : table.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
  )
    .addColumn('message_row_id', 'bigint', (c) => c.notNull().unique())
    .addColumn('phone', 'varchar(160)', (c) => c.notNull())
    .addColumn('direction', 'varchar(10)', (c) => c.notNull())
    .addColumn('kind', 'varchar(16)', (c) => c.notNull())
    .addColumn('media_id', 'varchar(128)')
    .addColumn('mime_type', 'varchar(128)')
    .addColumn('filename', 'varchar(255)')
    .addColumn('storage_key', 'varchar(80)')
    .addColumn('size', 'bigint')
    .addColumn('sha256', 'varchar(64)')
    .addColumn('status', 'varchar(12)', (c) => c.notNull())
    .addColumn('problem', 'varchar(400)')
    .addColumn('operator', 'varchar(128)')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('idx_media_files_phone').on('media_files').columns(['phone', 'id']).execute();
  await db.schema.createIndex('idx_media_files_created').on('media_files').column('created_at').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('media_files').ifExists().execute();
}
