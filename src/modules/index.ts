import type { PlatformModule } from "../module.js";
import { accountsModule } from "./accounts/index.js";
// participation (issue 12)
import { eventsModule } from "./events/index.js";
import { newslettersModule } from "./newsletters/index.js";
import { championsModule } from "./champions/index.js";
import { adminModule } from "./admin/index.js";
// agreements (issue 10)
import { agreementsModule } from "./agreements/index.js";
import { auditModule } from "./audit/index.js";
// documents (registry)
import { documentsModule } from "./documents/index.js";
import { homeModule } from "./home/index.js";
// knowledge
import { knowledgeModule } from "./knowledge/index.js";
import { mailModule } from "./mail/index.js";
// recommendations from traders (INF/MSME/P, issue 12)
import { recommendationsModule } from "./recommendations/index.js";
import { membersModule } from "./members/index.js";
import { networkModule } from "./network/index.js";
// meetings: the Group's meetings; reports: the annual report drafted from the records
import { meetingsModule } from "./meetings/index.js";
import { reportsModule } from "./reports/index.js";
// package (issue 11)
import { packageModule } from "./package/index.js";
// reviews (issue 11)
import { reviewsModule } from "./reviews/index.js";
import { searchModule } from "./search/index.js";
import { useSearchProviders } from "./search/service.js";

/**
 * The platform's capabilities, in the order they appear in the navigation. A new capability adds
 * its folder under `src/modules/` and one line here; its migrations and messages are found by
 * convention. Seeds run in this order too (accounts refer to members and organizations).
 */
export const modules: PlatformModule[] = [homeModule, membersModule, networkModule, /* documents: */ documentsModule, /* package, reviews (issue 11): */ packageModule, reviewsModule, /* meetings, reports (after documents) */ meetingsModule, reportsModule, agreementsModule, /* knowledge */ knowledgeModule, /* participation: */ eventsModule, newslettersModule, championsModule, /* recommendations: */ recommendationsModule, mailModule, accountsModule, auditModule, adminModule, searchModule];

// The search index follows every audited change, whichever entry point (app, CLI, seed, test) loaded the modules.
useSearchProviders(modules);
