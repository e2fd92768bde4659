/**
 * The layers of the code, checked by `npm run check` (dependency-cruiser). What each rule keeps
 * apart is in ARCHITECTURE.md ("Layers"); a crossing fails the check with the rule's name, the two
 * files and the comment below.
 *
 * TypeScript is read with swc (`@swc/core`): dependency-cruiser reads .ts through the TypeScript
 * compiler's JavaScript API, which TypeScript 7 (the native compiler this project type-checks
 * with) no longer ships, and without a parser it cruises zero TypeScript files and reports
 * nothing. swc sees every import, `import type` included, so a type-only import counts as a
 * dependency like any other.
 */
try {
  require.resolve("@swc/core");
} catch {
  throw new Error(
    "The layer check reads TypeScript with @swc/core, which is not installed (TypeScript 7 has no compiler API for dependency-cruiser). Run: npm install --save-dev @swc/core",
  );
}

/** The shared layers under the modules: what they import must not reach back up. */
const COMPOSITION = "^src/(app|main|platform)\\.tsx?$";

module.exports = {
  forbidden: [
    {
      name: "no-circular",
      severity: "error",
      comment: "An import cycle: the modules in it cannot be understood, loaded or tested one without the other. Move what both need into a third.",
      from: {},
      to: { circular: true },
    },
    {
      name: "module-through-service",
      severity: "error",
      comment:
        "A module reaches another module only through that module's service.ts (the rules and the policy run there). A type another module needs is exported from its service.ts.",
      from: { path: "^src/modules/([^/]+)/" },
      to: { path: "^src/modules/[^/]+/", pathNot: ["^src/modules/$1/", "^src/modules/[^/]+/service\\.tsx?$"] },
    },
    {
      name: "module-index-from-registry",
      severity: "error",
      comment: "A module's index.ts (its PlatformModule) is listed once, in src/modules/index.ts; everything else uses that list.",
      from: { pathNot: ["^src/modules/index\\.ts$", "^src/modules/([^/]+)/"] },
      to: { path: "^src/modules/[^/]+/index\\.tsx?$" },
    },
    {
      name: "db-i18n-below-everything",
      severity: "error",
      comment:
        "src/db/ and src/i18n/ are the bottom layers: they import no HTTP (src/http/), no UI (src/ui/), no job queue (src/jobs/), no module and not the application that composes them.",
      from: { path: "^src/(db|i18n)/" },
      to: { path: ["^src/(http|ui|jobs|modules)/", COMPOSITION] },
    },
    {
      name: "ui-without-http",
      severity: "error",
      comment: "src/ui/ (layout, components) renders what it is given: it imports no HTTP (src/http/), no job queue, no module and not the application.",
      from: { path: "^src/ui/" },
      to: { path: ["^src/(http|jobs|modules)/", COMPOSITION] },
    },
    {
      name: "shared-without-modules",
      severity: "error",
      comment:
        "The shared layers (src/http/, src/jobs/) serve every module through the hooks of src/module.ts; they import no module and not the application that composes them.",
      from: { path: "^src/(http|jobs)/" },
      to: { path: ["^src/modules/", COMPOSITION] },
    },
    {
      name: "not-to-unresolvable",
      severity: "error",
      comment:
        "An import of our own code that resolves to no file: a typo, or a reader that did not understand the file (and then every other rule would pass unseen).",
      from: {},
      to: { couldNotResolve: true, path: "^\\." },
    },
  ],
  options: {
    parser: "swc",
    doNotFollow: { path: "node_modules" },
    exclude: { path: ["^node_modules/", "^\\.data/"] },
    moduleSystems: ["es6", "cjs"],
    reporterOptions: { text: { highlightFocused: true } },
  },
};
