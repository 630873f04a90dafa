import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { initDb, resetDb } from '../src/ops/migrate-db.js';
import { addProgram, listProgramsOp, removeProgram, seedPrograms, updateProgram } from '../src/ops/programs.js';
import { createDb, resolveDbTarget } from '../src/store/create-db.js';
import { ensureSeedPrograms } from '../src/store/seed-programs.js';
import { describeEachDb } from './helpers/test-db.js';
import { ALICE, openTestDb, seedPerson, type OpenedDb } from './ops-fixtures.js';

const NOW = Date.UTC(2025, 0, 15, 12);
const MALTA = {
  country: 'Malta',
  category: 'Europe Golden Visa',
  name: 'Malta Permanent Residence',
  minimum_investment: 150000,
  link: 'https://nexora.example/malta',
  rank: 4,
};

describeEachDb('program catalogue and schema operations', (kind) => {
  let t: OpenedDb;
  beforeEach(async () => {
    t = await openTestDb(kind);
  });
  afterEach(async () => t.close());

  it('seedPrograms loads the shared seed, then only updates by name', async () => {
    const first = await seedPrograms(t.db, undefined, NOW);
    expect(first.added).toBeGreaterThan(5);
    expect(await seedPrograms(t.db, undefined, NOW)).toMatchObject({ added: 0, updated: 0, unchanged: first.added });
    const file = join(mkdtempSync(join(tmpdir(), 'programs-')), 'p.json');
    writeFileSync(file, JSON.stringify([{ ...MALTA, name: 'Portugal Golden Residency Program', rank: 9 }]));
    expect(await seedPrograms(t.db, file, NOW)).toMatchObject({ file, added: 0, updated: 1, unchanged: 0 });
    writeFileSync(file, '[{"name": 1}]');
    await expect(seedPrograms(t.db, file, NOW)).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      message: expect.stringMatching(/^cannot load programs: .*not a valid program list/),
    });
  });

  it('instances starting together on an empty catalogue load it once, and both start', async () => {
    // Two connections (two instances' pools) loading the seed at the same moment.
    const other = createDb(resolveDbTarget(t.database.url), { poolSize: 4 });
    try {
      const results = await Promise.all([
        ensureSeedPrograms(t.db, undefined, NOW),
        ensureSeedPrograms(other.db, undefined, NOW),
      ]);
      const total = (await t.db.selectFrom('investment_programs').select('name').execute()).length;
      expect(total).toBeGreaterThan(5);
      expect(results.map((r) => r.added).sort((a, b) => a - b)).toEqual([0, total]);
    } finally {
      await other.db.destroy();
    }
  });

  it('adds, updates, lists and removes programs; refuses duplicates, invalid fields and unknown names', async () => {
    const added = await addProgram(t.db, MALTA, NOW);
    expect(added).toMatchObject({
      ...MALTA,
      description: '',
      processing_time: '',
      created_at: new Date(NOW).toISOString(),
    });
    await expect(addProgram(t.db, MALTA, NOW)).rejects.toMatchObject({
      code: 'CONFLICT',
      field: 'name',
      message: expect.stringContaining('already exists'),
    });
    const { category: _c, minimum_investment: _m, ...incomplete } = MALTA;
    await expect(addProgram(t.db, { ...incomplete, name: 'Half' } as typeof MALTA, NOW)).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      field: 'category',
      message: 'invalid program: missing required fields: category, minimum_investment',
    });
    await expect(addProgram(t.db, { ...MALTA, name: 'Bad', link: 'not a url' }, NOW)).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      message: expect.stringContaining('link'),
      // Per field, so the console shows each reason next to its input.
      fields: { link: expect.any(String) },
    });
    await expect(
      addProgram(t.db, { ...MALTA, name: 'Plain', link: 'http://example.com/p' }, NOW),
    ).rejects.toMatchObject({ fields: { link: expect.stringContaining('https://') } });

    const updated = await updateProgram(
      t.db,
      MALTA.name,
      { minimum_investment: 175000, processing_time: undefined },
      NOW + 1,
    );
    expect(updated).toMatchObject({
      minimum_investment: 175000,
      link: MALTA.link,
      updated_at: new Date(NOW + 1).toISOString(),
    });
    await expect(updateProgram(t.db, MALTA.name, { rank: 0 }, NOW)).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
    });
    await expect(updateProgram(t.db, 'Nope', { rank: 2 }, NOW)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await listProgramsOp(t.db)).map((p) => p.name)).toEqual([MALTA.name]);

    await removeProgram(t.db, MALTA.name);
    await expect(removeProgram(t.db, MALTA.name)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await listProgramsOp(t.db)).toEqual([]);
  });

  it('initDb is idempotent; resetDb asks, is refused in production without force, and empties every table', async () => {
    expect(await initDb(t.db)).toEqual({ applied: [] });
    await seedPerson(t.db, ALICE, NOW);
    const never = async () => {
      throw new Error('must not ask');
    };
    expect(await resetDb(t.db, { production: true, force: false, confirm: never })).toEqual({
      ok: false,
      reason: 'production_without_force',
    });
    expect(await resetDb(t.db, { production: false, force: false, confirm: async () => false })).toEqual({
      ok: false,
      reason: 'not_confirmed',
    });
    expect(await t.db.selectFrom('whatsapp_messages').selectAll().execute()).toHaveLength(6);

    expect(await resetDb(t.db, { production: true, force: true, confirm: async () => true })).toMatchObject({
      ok: true,
      applied: expect.arrayContaining(['001-initial']),
    });
    for (const table of ['whatsapp_messages', 'whatsapp_statuses', 'whatsapp_sessions', 'notifications'] as const) {
      expect(await t.db.selectFrom(table).selectAll().execute()).toEqual([]);
    }
  });
});
