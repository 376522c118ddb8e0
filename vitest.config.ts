import { defineConfig } from 'vitest/config';

/**
 * unit: pure modules (src/domain, src/server/lib, web lib). db: services and routes against a real
 * database (SQLite in memory by default; PostgreSQL with TANDEM_TEST_DATABASE_URL). e2e: the built
 * app in Debian's Chromium.
 */
export default defineConfig({
  test: {
    globals: true,
    projects: [
      // Property tests run thousands of cases: a few seconds on a quiet machine, longer on a busy CI one.
      { extends: true, test: { name: 'unit', include: ['src/domain/**/*.test.ts', 'src/server/lib/**/*.test.ts', 'src/contracts/**/*.test.ts', 'src/web/**/*.test.ts', 'src/cli/**/*.test.ts'], exclude: ['**/node_modules/**', '**/*.db.test.ts'], testTimeout: 30_000 } },
      { extends: true, test: { name: 'db', include: ['src/server/**/*.db.test.ts', 'src/cli/**/*.db.test.ts', 'test/**/*.db.test.ts'], testTimeout: 30_000, hookTimeout: 60_000 } },
      // Microsoft Project's own files in ../shared/fixtures/mspdi (beside the clone, not in it): `npm run test:interop`, CI only.
      { extends: true, test: { name: 'interop', include: ['test/interop/**/*.interop.test.ts'], testTimeout: 120_000, hookTimeout: 60_000 } },
      { extends: true, test: { name: 'e2e', include: ['e2e/**/*.test.ts'], testTimeout: 120_000, hookTimeout: 180_000, fileParallelism: false } },
    ],
  },
});
