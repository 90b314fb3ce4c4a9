// Import rules `pnpm test` holds (pnpm check:imports). Type-only imports count: a cycle of
// types is still a cycle a reader has to untangle.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-cycle',
      severity: 'error',
      comment: 'No module reaches itself through its imports, type-only imports included.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'types-are-leaves',
      severity: 'error',
      comment: "A package's src/types/ declares types only: it imports nothing outside src/types/.",
      from: { path: '^packages/[^/]+/src/types/' },
      to: { path: '^packages/[^/]+/src/', pathNot: '^packages/[^/]+/src/types/' },
    },
    {
      name: 'stores-and-front-ends-stay-apart',
      severity: 'error',
      comment: 'Core imports no store or front end; a store never imports another store or a front end.',
      from: { path: '^packages/(core|dynamodb|cache|postgres)/src/' },
      to: { path: '^packages/(dynamodb|cache|postgres|middy|http)/', pathNot: '^packages/$1/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(node_modules|dist)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.typecheck.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'] },
  },
};
