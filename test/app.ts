import { buildApp } from "../src/app.js";
import { loadPlatformConfig } from "../src/platform.js";
import { testDatabase } from "./db.js";

/** The whole platform over its own fresh test database, for `app.inject()` and browser tests. */
export async function testApp(env: Record<string, string> = {}) {
  const database = await testDatabase();
  const config = loadPlatformConfig({ NODE_ENV: "test", LOG_LEVEL: "silent", ...env });
  const app = await buildApp({ config, database, logger: false });
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
