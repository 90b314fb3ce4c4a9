import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { newestMtime, publishablePackages, repoRoot, run, type Scenario, sampleText, scenarios } from './scratchProject.js';

// Packs every publishable package as `pnpm publish` would, installs the tarballs with npm into
// projects outside the workspace (core plus one other package each), then type-checks and runs
// the seed's samples there as ESM and as CommonJS. Slow: one pack per package, one install per
// scenario, all in beforeAll.

const formats = ['esm', 'cjs'] as const;
type Format = (typeof formats)[number];

const allScenarios = scenarios();
const tsc = join(repoRoot, 'node_modules/.bin/tsc');
const workspaceTypeVersion = (name: string): string =>
  JSON.parse(readFileSync(join(repoRoot, 'node_modules/@types', name, 'package.json'), 'utf8')).version;

let scratchRoot: string;
const tarballs = new Map<string, string>();

/**
 * A program importing every export subpath of the scenario's packages, checked at run time. A
 * subpath that reaches an optional peer (`@idem/http/middy` needs `@middy/core`) is left out:
 * its users install that peer, and the package root must load without it.
 */
function importEverySubpath(scenario: Scenario): string {
  const paths = scenario.packages
    .flatMap((pkg) => pkg.importPaths)
    .filter((importPath) => importPath.optionalPeers.length === 0 || importPath.path.split('/').length === 2)
    .map((importPath) => importPath.path);
  const lines = paths.map((path, index) => `import * as module${index} from '${path}';`);
  lines.push(
    `const modules = { ${paths.map((path, index) => `'${path}': module${index}`).join(', ')} };`,
    `for (const [path, module] of Object.entries(modules)) {`,
    `  if (typeof module !== 'object' || module === null) throw new Error(path + ' did not load');`,
    `}`,
    `console.log('loaded', Object.keys(modules).join(' '));`
  );
  return `${lines.join('\n')}\n`;
}

function writeScratchProject(scenario: Scenario): string {
  const dir = join(scratchRoot, scenario.name);
  const dependencies: Record<string, string> = {
    '@types/aws-lambda': workspaceTypeVersion('aws-lambda'),
    '@types/node': workspaceTypeVersion('node'),
  };
  for (const pkg of scenario.packages) dependencies[pkg.name] = `file:${tarballs.get(pkg.name)}`;
  for (const spec of scenario.samples.flatMap((sample) => sample.installs)) {
    const at = spec.lastIndexOf('@');
    dependencies[spec.slice(0, at)] = spec.slice(at + 1);
  }
  // Adapters depend on @idem/core by version: point that at the tarball too, never the registry.
  const overrides = Object.fromEntries(scenario.packages.map((pkg) => [pkg.name, `$${pkg.name}`]));
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, 'package.json'),
    JSON.stringify({ name: `idem-scratch-${scenario.name}`, private: true, dependencies, overrides }, null, 2)
  );
  for (const format of formats) {
    const formatDir = join(dir, format);
    mkdirSync(formatDir);
    writeFileSync(join(formatDir, 'package.json'), JSON.stringify({ type: format === 'esm' ? 'module' : 'commonjs' }));
    writeFileSync(
      join(formatDir, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          target: 'ES2022',
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          strict: true,
          esModuleInterop: true,
          // The published .d.ts files are checked too, as a user without skipLibCheck would.
          skipLibCheck: false,
          types: ['node'],
          rootDir: '.',
          outDir: 'out',
        },
        include: ['*.ts'],
      })
    );
    writeFileSync(join(formatDir, 'import-every-subpath.ts'), importEverySubpath(scenario));
    for (const sample of scenario.samples) writeFileSync(join(formatDir, sample.file), sampleText(sample));
  }
  return dir;
}

beforeAll(async () => {
  for (const pkg of publishablePackages()) {
    const built = join(pkg.dir, 'dist');
    if (newestMtime(join(pkg.dir, 'src')) > newestMtime(built)) {
      throw new Error(`${pkg.name}: dist/ is older than src/; run pnpm build first`);
    }
  }
  scratchRoot = mkdtempSync(join(tmpdir(), 'idem-packaging-'));
  const tarballDir = join(scratchRoot, 'tarballs');
  mkdirSync(tarballDir);
  for (const pkg of publishablePackages()) {
    const before = new Set(readdirSync(tarballDir));
    await run('pnpm', ['pack', '--pack-destination', tarballDir], pkg.dir, 120_000);
    const packed = readdirSync(tarballDir).filter((file) => !before.has(file));
    if (packed.length !== 1) throw new Error(`pnpm pack of ${pkg.name} made ${packed.length} tarballs`);
    tarballs.set(pkg.name, join(tarballDir, packed[0] as string));
  }
  await Promise.all(
    allScenarios.map(async (scenario) => {
      const dir = writeScratchProject(scenario);
      await run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error'], dir, 480_000);
    })
  );
}, 600_000);

afterAll(() => {
  if (scratchRoot && !process.env.IDEM_KEEP_SCRATCH) rmSync(scratchRoot, { recursive: true, force: true });
});

describe.each(allScenarios)('a project that installs $name', (scenario) => {
  const dir = () => join(scratchRoot, scenario.name);

  it('gets @idem/core, that package and its @idem dependencies from the packed tarballs, and no other @idem package', () => {
    const installed = readdirSync(join(dir(), 'node_modules/@idem')).map((folder) => `@idem/${folder}`);
    expect(installed.sort()).toEqual(scenario.packages.map((pkg) => pkg.name).sort());
    const lock = JSON.parse(readFileSync(join(dir(), 'package-lock.json'), 'utf8'));
    for (const pkg of scenario.packages) {
      expect(lock.packages[`node_modules/${pkg.name}`].resolved).toMatch(/^file:.*\.tgz$/);
    }
  });

  it('installs none of the optional peers its packages declare (frameworks, clients) unless a sample asks for it', () => {
    const asked = new Set(
      scenario.samples.flatMap((sample) => sample.installs.map((spec) => spec.slice(0, spec.lastIndexOf('@'))))
    );
    const optionalPeers = scenario.packages
      .flatMap((pkg) => Object.entries(pkg.peerDependenciesMeta))
      .filter(([name, meta]) => meta.optional === true && !asked.has(name))
      .map(([name]) => name);
    const lock = JSON.parse(readFileSync(join(dir(), 'package-lock.json'), 'utf8'));
    for (const peer of optionalPeers) expect(lock.packages[`node_modules/${peer}`]).toBeUndefined();
  });

  it.each(formats)(
    'type-checks and runs every sample as %s',
    async (format: Format) => {
      const formatDir = join(dir(), format);
      await run(tsc, ['-p', formatDir], formatDir, 120_000);
      const programs = ['import-every-subpath.ts', ...scenario.samples.map((sample) => sample.file)];
      for (const program of programs) {
        const compiled = join(formatDir, 'out', program.replace(/\.ts$/, '.js'));
        await expect(run(process.execPath, [compiled], formatDir, 60_000)).resolves.toBeDefined();
      }
    },
    240_000
  );
});
