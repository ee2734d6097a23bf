import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // CLI, git, database and browser tests do real work on a shared 2-core machine.
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
