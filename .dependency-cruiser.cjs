// The layering of ARCHITECTURE.md ("dependencies point one way") as rules that `npm test` checks
// (`npm run deps`). Each rule says what it keeps apart and why; a new folder gets its arrows here.

const TESTS = String.raw`(\.test\.ts|/test-support\.ts)$`;

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'A cycle means neither module can be understood, tested or loaded without the other.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'conversation-is-pure',
      severity: 'error',
      comment:
        'conversation/ is the pure brain, tested as scripts: no HTTP, database, clock, pipeline or platform code. ' +
        'It may use lib/ helpers (not the clock), content/ and i18n/ data, and jobs/normalize-country (pure data).',
      from: { path: '^src/conversation/', pathNot: TESTS },
      to: {
        pathNot: [
          '^src/conversation/',
          '^src/lib/(?!clock\\.ts$)',
          '^src/content/',
          '^src/i18n/',
          '^src/jobs/normalize-country\\.ts$',
          '^node_modules/zod/',
        ],
      },
    },
    {
      name: 'whatsapp-knows-no-store',
      severity: 'error',
      comment: "whatsapp/ is Meta's wire format only; persistence is the pipeline's business.",
      from: { path: '^src/whatsapp/' },
      to: { path: '^src/store/' },
    },
    {
      name: 'lib-imports-nothing-of-ours',
      severity: 'error',
      comment: 'lib/ holds tiny generic helpers that every layer may use, so it may use none of them.',
      from: { path: '^src/lib/' },
      to: { path: '^src/', pathNot: '^src/lib/' },
    },
    {
      name: 'content-and-i18n-import-only-lib',
      severity: 'error',
      comment: 'content/ is data and i18n/ is formatting: both are loaded by anyone, so they depend on lib/ alone.',
      from: { path: '^src/(content|i18n)/', pathNot: TESTS },
      to: { path: '^src/', pathNot: '^src/(content|i18n|lib)/' },
    },
    {
      name: 'console-only-from-app',
      severity: 'error',
      comment:
        'The web console is its own route scope: app.ts registers it, nothing else (least of all the pipeline) ' +
        "imports it. The inbox, a scope inside it, may use the console's sign-in guard and live stream only.",
      from: { path: '^src/', pathNot: '^src/(console/|app\\.ts$)' },
      to: { path: '^src/console/', pathNot: '^src/console/(auth/guard|live/live-stream)\\.ts$' },
    },
    {
      name: 'console-auth-only-from-console-and-inbox',
      severity: 'error',
      comment:
        "The console's sign-in guard and live stream serve the console and the inbox scope inside it, nobody else.",
      from: { path: '^src/', pathNot: '^src/(console|inbox)/' },
      to: { path: '^src/console/(auth|live)/' },
    },
    {
      name: 'inbox-only-from-console',
      severity: 'error',
      comment:
        "The agent inbox is its own route scope, registered by the console inside the console's sign-in and " +
        'CSRF checks; nothing else imports it (a route outside that scope would skip them).',
      from: { path: '^src/', pathNot: '^src/(inbox/|console/console-plugin\\.ts$)' },
      to: { path: '^src/inbox/' },
    },
    {
      name: 'console-goes-through-ops',
      severity: 'error',
      comment:
        'The console (and its inbox) calls the same ops/ functions as the CLI and the admin API (no logic twice), plus handoff/, ' +
        'content/ and observability/; it never reaches into the store, pipeline, webhook or platform code. ' +
        'Type-only imports (e.g. the schema types) vanish at compile time and are allowed.',
      from: { path: '^src/(console|inbox)/' },
      to: {
        path: '^src/(store|pipeline|webhook|whatsapp|conversation|admin|cli|chat|notify|jobs)/',
        dependencyTypesNot: ['type-only'],
      },
    },
    {
      name: 'jobs-uses-conversation-types-only',
      severity: 'error',
      comment:
        "Allowed back-arrow: jobs/render-jobs.ts renders CareerJet answers as the conversation's Reply type " +
        '(and the conversation uses jobs/normalize-country). Type-only imports vanish at compile time, so no ' +
        'runtime cycle exists; any runtime import of conversation/ from jobs/ would make one.',
      from: { path: '^src/jobs/' },
      to: { path: '^src/conversation/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'pipeline-uses-ops-only-for-retention',
      severity: 'error',
      comment:
        'Allowed back-arrow: the scheduled retention job runs the very purge the CLI `cleanup` command runs ' +
        '(ops/cleanup-sessions), and the daily lead rescore runs the CLI `rescore-leads` (ops/rescore-leads), so ' +
        'each rule lives once; likewise the dashboard roll-up job runs the roll-up of ops/dashboard-days that ' +
        'the dashboard reads. Any other pipeline -> ops import is refused: ops/ sits above the pipeline.',
      from: { path: '^src/pipeline/', pathNot: '^src/pipeline/(retention|rescore|dashboard-rollup)-job\\.ts$' },
      to: { path: '^src/ops/' },
    },
    {
      name: 'product-never-imports-tests-or-bench',
      severity: 'error',
      comment: 'The shipped code must not depend on test helpers, the benchmark, or files outside the repository.',
      from: { path: '^src/', pathNot: TESTS },
      to: { path: '^(test|bench)/|^\\.\\./' },
    },
    {
      name: 'not-to-dev-dep',
      severity: 'error',
      comment: 'The product runs from `npm ci --omit=dev`: a dev dependency imported by src/ breaks at run time.',
      from: { path: '^src/', pathNot: TESTS },
      to: { dependencyTypes: ['npm-dev'], dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      comment: 'An import that does not resolve fails at run time.',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // A worktree's node_modules may be a symlink to a shared one: keep the path as imported, so a package
    // stays node_modules/... instead of a path outside the repository (which the rule above refuses).
    preserveSymlinks: true,
    // Type-only imports are kept (and marked), so the rules above can tell them from runtime ones.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.js', '.json'],
    },
    skipAnalysisNotInRules: true,
  },
};
