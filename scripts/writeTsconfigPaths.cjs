#!/usr/bin/env node
// Writes tsconfig.paths.json: every import path of the workspace mapped to its source, so the
// type-check reads sources, never stale builds. Derived from the package manifests
// (scripts/workspacePackages.cjs); run by `pnpm install` and before every type-check.
const { writeFileSync } = require('node:fs');
const { join, relative } = require('node:path');
const { repoRoot, workspacePackages } = require('./workspacePackages.cjs');

const paths = Object.fromEntries(
  workspacePackages()
    .flatMap((pkg) => pkg.importPaths)
    .map(({ importPath, source }) => [importPath, [`./${relative(repoRoot, source)}`]])
);
const text = `${JSON.stringify({ compilerOptions: { paths } }, null, 2)}\n`;
writeFileSync(join(repoRoot, 'tsconfig.paths.json'), text);
