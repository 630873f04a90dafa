// A BSUID is up to 135 characters (`CC.ENT.` + 128): every column that holds a user key must take one
// on PostgreSQL, which enforces varchar lengths (SQLite does not). Tables added later must not narrow it.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DB_KINDS } from './helpers/test-db.js';
import { openTestDb, type OpenedDb } from './ops-fixtures.js';

const USER_KEY_NAMES = ['phone', 'recipient_id'];
const LONGEST_BSUID = 135;

describe.runIf(DB_KINDS.includes('postgres'))('user-key columns on PostgreSQL', () => {
  let opened: OpenedDb;
  beforeAll(async () => {
    opened = await openTestDb('postgres');
  });
  afterAll(async () => opened.close());

  it('hold a 135-character BSUID in every table', async () => {
    const { rows } = await sql<{ table_name: string; column_name: string; width: number | null }>`
      select table_name, column_name, character_maximum_length as width
      from information_schema.columns
      where table_schema = current_schema() and column_name in (${sql.join(USER_KEY_NAMES)})
      order by table_name`.execute(opened.db);
    const tables = rows.map((r) => r.table_name);
    // The tables the later migrations added are among those checked.
    expect(tables).toEqual(expect.arrayContaining(['conversation_handoffs', 'handoff_events', 'conversation_events']));
    const narrow = rows.filter((r) => r.width !== null && r.width < LONGEST_BSUID);
    expect(narrow).toEqual([]);
  });
});
