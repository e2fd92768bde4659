import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.{ts,tsx}", "test/**/*.test.{ts,tsx}", "test/e2e/**/*.spec.ts"],
    globalSetup: ["test/global-setup.ts"],
    // Start-up per test file dominates on 2 cores: share one worker process across files.
    pool: "threads",
    isolate: false,
    fileParallelism: true,
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    reporters: process.env.CI ? ["default", ["json", { outputFile: ".data/test-results.json" }]] : ["default"],
  },
});
