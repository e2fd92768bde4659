import type { PlatformModule } from "../module.js";
import { homeModule } from "./home/index.js";
import { membersModule } from "./members/index.js";

/**
 * The platform's capabilities, in the order they appear in the navigation. A new capability adds
 * its folder under `src/modules/` and one line here; its migrations and messages are found by
 * convention.
 */
export const modules: PlatformModule[] = [homeModule, membersModule];
