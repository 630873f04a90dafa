import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
    // Two cores: more workers only make the PostgreSQL and server-process tests fight.
    poolOptions: { forks: { maxForks: 2, minForks: 1 } },
  },
});
