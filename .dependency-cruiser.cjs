/**
 * The layers of the code, checked by `npm run check` (dependency-cruiser). What each rule keeps
 * apart is in ARCHITECTURE.md ("Layers"); a crossing fails the check with the rule's name, the two
 * files and the comment below.
 *
 * dependency-cruiser reads TypeScript through the TypeScript compiler's JavaScript API, which
 * TypeScript 7 (the native compiler this project type-checks with) no longer ships: without it,
 * dependency-cruiser cruises no .ts file at all and reports nothing. So the package named
 * `typescript` is TypeScript 6's API (`npm:@typescript/typescript6`, whose command is `tsc6`),
 * beside TypeScript 7 as `@typescript/native` (whose command is `tsc`), as TypeScript 7's release
 * notes suggest for tools that need the old API. (swc, the other reader, stops at the first JSX
 * of a .tsx file in dependency-cruiser 17; 18, which fixes that, needs Node 22.) Type-only imports
 * count as dependencies like any other (`tsPreCompilationDeps`).
 */
const typescript = (() => {
  try {
    return require("typescript");
  } catch {
    return undefined;
  }
})();
if (typeof typescript?.createSourceFile !== "function" || Number.parseInt(typescript.version, 10) >= 7) {
  throw new Error(
    "The layer check needs TypeScript's JavaScript API (TypeScript 6) installed as `typescript`, TypeScript 7 as `@typescript/native`: " +
      'in package.json, "typescript": "npm:@typescript/typescript6@^6.0.2" and "@typescript/native": "npm:typescript@^7.0.2". ' +
      `Found: ${typescript ? `typescript ${typescript.version}` : "no typescript"}.`,
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
      name: "symbols-standalone",
      severity: "error",
      comment:
        "src/symbols/ (WTO document symbols) is a library of its own: it imports nothing of the platform's outside src/symbols/, so any layer, a CLI or a script can use it. Its tests may read the shared message catalogue.",
      from: { path: "^src/symbols/", pathNot: "\\.test\\.tsx?$" },
      to: { path: "^src/", pathNot: "^src/symbols/" },
    },
    {
      name: "files-below-http",
      severity: "error",
      comment:
        "src/files/ (file storage and content checks) serves HTTP uploads and the command line alike: it imports no HTTP (src/http/), no UI, no job queue, no module and not the application.",
      from: { path: "^src/files/", pathNot: "\\.test\\.tsx?$" },
      to: { path: ["^src/(http|ui|jobs|modules)/", COMPOSITION] },
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
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    doNotFollow: { path: "node_modules" },
    exclude: { path: ["^node_modules/", "^\\.data/"] },
    moduleSystems: ["es6", "cjs"],
    reporterOptions: { text: { highlightFocused: true } },
  },
};
