import { buildApp } from "../src/app.js";
import { loadPlatformConfig } from "../src/platform.js";
import { testDatabase } from "./db.js";

/** The whole platform over its own fresh test database, for `app.inject()` and browser tests. */
export async function testApp(env: Record<string, string> = {}) {
  const database = await testDatabase();
  const config = loadPlatformConfig({ NODE_ENV: "test", LOG_LEVEL: "silent", ...env });
  // TEST_LOG=1 prints the errors behind a 500 (e.g. when replaying a hostile sweep with FC_SEED).
  const app = await buildApp({ config, database, logger: process.env.TEST_LOG ? { level: "error" } : false });
  await app.ready();
  return {
    app,
    database,
    async close() {
      await app.close();
      await database.close();
    },
  };
}
