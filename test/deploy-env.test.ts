// Every environment variable the code reads is in .env.example and in the README's table, and
// everything .env.example lists is read by the code; .env.example's values are the real defaults.
import { parse } from 'dotenv';
import { expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { configSchemaKeys, envExampleKeys, envReadsInSource, read } from './deploy-support.js';

const schemaKeys = configSchemaKeys();
const directReads = envReadsInSource();
const codeKeys = [...new Set([...schemaKeys, ...directReads.keys()])].sort();
const exampleKeys = envExampleKeys();

it('finds the configuration surface (the zod schema in src/config.ts)', () => {
  expect(schemaKeys.length).toBeGreaterThan(25);
  expect(schemaKeys).toEqual(
    expect.arrayContaining(['NODE_ENV', 'DATABASE_URL', 'WHATSAPP_TOKEN', 'ADMIN_TOKEN', 'LOG_LEVEL']),
  );
});

it('reads process.env directly only for variables the schema also knows', () => {
  for (const [key, file] of directReads) expect(schemaKeys, `${key} read in ${file}`).toContain(key);
});

it('lists every variable the code reads in .env.example, once', () => {
  for (const key of codeKeys) expect(exampleKeys, key).toContain(key);
  expect(new Set(exampleKeys).size).toBe(exampleKeys.length);
});

it('reads every variable .env.example lists', () => {
  for (const key of exampleKeys) expect(codeKeys, key).toContain(key);
});

it("documents every variable in the README's configuration table", () => {
  const readme = read('README.md');
  for (const key of codeKeys) expect(readme, key).toMatch(new RegExp(`^\\|.*\`${key}\``, 'm'));
});

it('gives, in .env.example, the defaults the code uses', () => {
  expect(loadConfig(parse(read('.env.example')))).toEqual(loadConfig({}));
});
