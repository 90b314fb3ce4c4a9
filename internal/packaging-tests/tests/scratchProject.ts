import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { publishedPackages, repoRoot } from '../../../scripts/workspacePackages.cjs';

const execFileAsync = promisify(execFile);

export { repoRoot };

const samplesDir = join(__dirname, '../samples');

/** One import path of a package and the optional peers its built files import. */
export interface ImportPath {
  /** `'@idem/core'`, `'@idem/core/types'`, ... */
  path: string;
  /** Optional peer dependencies the entry reaches (`@middy/core` for `@idem/http/middy`). */
  optionalPeers: string[];
}

/** A package users install: a workspace package whose package.json is not private. */
export interface PublishablePackage {
  name: string;
  dir: string;
  version: string;
  /** Its `dependencies`, name to range. */
  dependencies: Record<string, string>;
  /** Its `peerDependenciesMeta`. */
  peerDependenciesMeta: Record<string, { optional?: boolean }>;
  /** Subpaths of its exports map that code imports. */
  importPaths: ImportPath[];
}

type ExportTarget = string | { [condition: string]: ExportTarget };

/** Every file an export target names, across conditions (import/require, types/default). */
function targetFiles(target: ExportTarget): string[] {
  return typeof target === 'string' ? [target] : Object.values(target).flatMap(targetFiles);
}

/**
 * The bare module specifiers that a built file and the files it imports relatively reach, as
 * package names (`@middy/core`, `node:crypto`).
 */
export function bareImports(file: string, seen = new Set<string>()): Set<string> {
  const found = new Set<string>();
  if (seen.has(file) || !existsSync(file)) return found;
  seen.add(file);
  const text = readFileSync(file, 'utf8');
  for (const match of text.matchAll(/(?:from\s*|import\s*\(?\s*|require\s*\(\s*)["']([^"']+)["']/g)) {
    const specifier = match[1] ?? '';
    if (specifier.startsWith('.')) {
      for (const reached of bareImports(join(dirname(file), specifier), seen)) found.add(reached);
    } else {
      const parts = specifier.split('/');
      found.add(specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? specifier));
    }
  }
  return found;
}

/** A sample program and the packages besides @idem/core it imports. */
export interface Sample {
  file: string;
  needs: string[];
  /** Registry packages (`name@range`) the sample's user installs beside it. */
  installs: string[];
}

/** What one scratch project installs and runs: @idem/core plus at most one other package. */
export interface Scenario {
  name: string;
  packages: PublishablePackage[];
  samples: Sample[];
}

export function publishablePackages(): PublishablePackage[] {
  return publishedPackages().map(({ dir, manifest }) => ({
    name: manifest.name as string,
    dir,
    version: manifest.version as string,
    dependencies: (manifest.dependencies ?? {}) as Record<string, string>,
    peerDependenciesMeta: (manifest.peerDependenciesMeta ?? {}) as Record<string, { optional?: boolean }>,
    importPaths: Object.entries((manifest.exports ?? { '.': './dist/index.js' }) as Record<string, ExportTarget>)
      .filter(([subpath]) => subpath !== './package.json')
      .map(([subpath, target]) => {
        const optional = Object.entries((manifest.peerDependenciesMeta ?? {}) as Record<string, { optional?: boolean }>)
          .filter(([, meta]) => meta.optional)
          .map(([peer]) => peer);
        const reached = new Set(targetFiles(target).flatMap((file) => [...bareImports(join(dir, file))]));
        return {
          path: subpath === '.' ? manifest.name : `${manifest.name}/${subpath.slice(2)}`,
          optionalPeers: optional.filter((peer) => reached.has(peer)),
        };
      }),
  }));
}

/**
 * Samples in samples/. A first line `// needs: @idem/x` names the @idem package it imports
 * besides core; a line `// installs: name@range` a registry package its user installs beside it
 * (a framework that is an optional peer).
 */
export function allSamples(): Sample[] {
  return readdirSync(samplesDir)
    .filter((file) => file.endsWith('.ts'))
    .sort()
    .map((file) => {
      const text = readFileSync(join(samplesDir, file), 'utf8');
      const firstLine = text.split('\n', 1)[0] ?? '';
      const needs = /^\/\/ needs: (.+)$/.exec(firstLine)?.[1]?.trim().split(/\s+/) ?? [];
      const installs = /^\/\/ installs: (.+)$/m.exec(text)?.[1]?.trim().split(/\s+/) ?? [];
      return { file, needs, installs };
    });
}

export function sampleText(sample: Sample): string {
  return readFileSync(join(samplesDir, sample.file), 'utf8');
}

/**
 * One scenario for @idem/core alone, and one for core plus each other package (with the @idem
 * packages it depends on), which runs the samples that need exactly that package. Samples of
 * packages not in the workspace yet are left out, so the test grows as packages land.
 */
export function scenarios(): Scenario[] {
  const packages = publishablePackages();
  const core = packages.find((pkg) => pkg.name === '@idem/core');
  if (!core) throw new Error('@idem/core is not among the publishable packages');
  const samples = allSamples();
  return [
    { name: 'core', packages: [core], samples: samples.filter((sample) => sample.needs.length === 0) },
    ...packages
      .filter((pkg) => pkg !== core)
      .map((pkg) => ({
        name: pkg.name.replace('@idem/', ''),
        packages: [core, ...idemDependencies(pkg, packages).filter((dependency) => dependency !== core), pkg],
        samples: samples.filter((sample) => sample.needs.length === 1 && sample.needs[0] === pkg.name),
      })),
  ];
}

/** The @idem packages `pkg` depends on at run time, transitively. */
function idemDependencies(
  pkg: PublishablePackage,
  packages: PublishablePackage[],
  seen = new Set<string>()
): PublishablePackage[] {
  const names = Object.keys(pkg.dependencies).filter((name) => name.startsWith('@idem/') && !seen.has(name));
  return names.flatMap((name) => {
    seen.add(name);
    const dependency = packages.find((candidate) => candidate.name === name);
    if (!dependency) throw new Error(`${pkg.name} depends on ${name}, which is not a publishable package`);
    return [...idemDependencies(dependency, packages, seen), dependency];
  });
}

/** Newest modification time of the files under a folder, in ms. */
export function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/**
 * The environment for child tools: without the `npm_*` variables that `pnpm test` sets, which
 * would otherwise steer npm inside the scratch projects (workspace settings, user agent).
 */
function childEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (!/^npm_/i.test(name)) env[name] = value;
  }
  return env;
}

/** Runs a command; on failure the error carries its output, so a failing test shows why. */
export async function run(
  command: string,
  args: string[],
  cwd: string,
  timeoutMs: number
): Promise<{ stdout: string; stderr: string }> {
  try {
    return await execFileAsync(command, args, {
      cwd,
      env: childEnv(),
      timeout: timeoutMs,
      maxBuffer: 64 * 1024 * 1024,
      encoding: 'utf8',
    });
  } catch (error) {
    const failure = error as Error & { stdout?: string; stderr?: string };
    throw new Error(
      `${command} ${args.join(' ')} failed in ${cwd}: ${failure.message}\n${failure.stdout ?? ''}\n${failure.stderr ?? ''}`
    );
  }
}
