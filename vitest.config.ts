import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'src/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 300_000,
    // LibreOffice conversions are heavy; two cores, so do not oversubscribe.
    maxWorkers: 2,
  },
});
