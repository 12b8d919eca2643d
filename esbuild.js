// Builds dist/cli.js and dist/extension.js, copies the shipped assets, and (with --tests) compiles
// the TypeScript sources and tests file by file into out/ for node:test.
const esbuild = require('esbuild');
const fs = require('node:fs');
const path = require('node:path');

const args = new Set(process.argv.slice(2));
const production = args.has('--production');
const watch = args.has('--watch');
const tests = args.has('--tests');
const root = __dirname;

/** Files shipped beside the bundles, as [source, destination under assets/]. */
function assetList() {
  const treeSitter = path.dirname(require.resolve('@vscode/tree-sitter-wasm'));
  const list = [
    [path.join(treeSitter, 'tree-sitter.wasm'), 'tree-sitter/tree-sitter.wasm'],
    [path.join(treeSitter, 'tree-sitter-python.wasm'), 'tree-sitter/tree-sitter-python.wasm'],
    [path.join(treeSitter, 'tree-sitter-powershell.wasm'), 'tree-sitter/tree-sitter-powershell.wasm'],
  ];
  for (const dir of ['policies', 'data', 'src/core/rules']) {
    const abs = path.join(root, dir);
    if (!fs.existsSync(abs)) continue;
    for (const name of fs.readdirSync(abs)) {
      const file = path.join(abs, name);
      if (fs.statSync(file).isFile()) if (!name.endsWith('.ts')) list.push([file, `${dir === 'src/core/rules' ? 'rules' : dir}/${name}`]);
    }
  }
  return list;
}

function copyAssets(outDir) {
  for (const [from, to] of assetList()) {
    const dest = path.join(outDir, 'assets', to);
    fs.mkdirSync(path.dirname(dest), { recursive: true });
    fs.copyFileSync(from, dest);
  }
  // Kusto.Language is large: it stays a separate file, loaded with require() only when KQL is checked.
  const kusto = path.dirname(require.resolve('@kusto/language-service-next/package.json'));
  const kustoOut = path.join(outDir, 'node_modules', '@kusto', 'language-service-next');
  fs.mkdirSync(kustoOut, { recursive: true });
  fs.copyFileSync(path.join(kusto, 'Kusto.Language.Bridge.min.js'), path.join(kustoOut, 'Kusto.Language.Bridge.min.js'));
  fs.copyFileSync(path.join(kusto, 'bridge.min.js'), path.join(kustoOut, 'bridge.min.js'));
  fs.writeFileSync(
    path.join(kustoOut, 'package.json'),
    JSON.stringify({ name: '@kusto/language-service-next', main: './Kusto.Language.Bridge.min.js', license: 'MIT' }, null, 2),
  );
  // The tree-sitter runtime stays external too: its Emscripten loader declares a local `require`
  // that esbuild's import()-to-require() rewrite would shadow.
  const treeSitter = path.dirname(require.resolve('@vscode/tree-sitter-wasm'));
  const treeSitterOut = path.join(outDir, 'node_modules', '@vscode', 'tree-sitter-wasm');
  fs.mkdirSync(path.join(treeSitterOut, 'wasm'), { recursive: true });
  fs.copyFileSync(path.join(treeSitter, 'tree-sitter.js'), path.join(treeSitterOut, 'wasm', 'tree-sitter.js'));
  fs.writeFileSync(
    path.join(treeSitterOut, 'package.json'),
    JSON.stringify({ name: '@vscode/tree-sitter-wasm', main: './wasm/tree-sitter.js', license: 'MIT' }, null, 2),
  );
}

function listTs(dir) {
  const out = [];
  if (!fs.existsSync(dir)) return out;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (['node_modules', 'fixtures', 'e2e-workspace'].includes(entry.name)) continue;
      out.push(...listTs(full));
    } else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) out.push(full);
  }
  return out;
}

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  // Loaded at run time from dist/node_modules (copied by copyAssets); import() becomes require() so
  // the lazily loaded Kusto.Language costs no ESM-loader start-up.
  external: ['@kusto/language-service-next', '@vscode/tree-sitter-wasm'],
  supported: { 'dynamic-import': false },
};

async function main() {
  if (tests) {
    const entryPoints = [...listTs(path.join(root, 'src')), ...listTs(path.join(root, 'test')), ...listTs(path.join(root, 'bench'))]
      .filter((f) => !f.includes(`${path.sep}e2e${path.sep}`) || f.includes(`${path.sep}suite${path.sep}`));
    // Dynamic import() becomes require() so lazily loaded modules resolve without file extensions.
    await esbuild.build({ entryPoints, outdir: path.join(root, 'out'), outbase: root, platform: 'node', target: 'node20', format: 'cjs', sourcemap: 'inline', logLevel: 'warning', supported: { 'dynamic-import': false } });
    copyAssets(path.join(root, 'out'));
    console.log(`compiled ${entryPoints.length} files to out/`);
    return;
  }
  const builds = [
    { ...common, entryPoints: [path.join(root, 'src/cli/main.ts')], outfile: path.join(root, 'dist/cli.js'), banner: { js: '#!/usr/bin/env node' } },
    { ...common, entryPoints: [path.join(root, 'src/extension/extension.ts')], outfile: path.join(root, 'dist/extension.js'), external: [...common.external, 'vscode'] },
  ];
  if (watch) {
    for (const options of builds) await (await esbuild.context(options)).watch();
    copyAssets(path.join(root, 'dist'));
    console.log('watching…');
    return;
  }
  await Promise.all(builds.map((options) => esbuild.build(options)));
  fs.chmodSync(path.join(root, 'dist/cli.js'), 0o755);
  copyAssets(path.join(root, 'dist'));
  for (const file of ['dist/cli.js', 'dist/extension.js']) {
    console.log(`${file}  ${(fs.statSync(path.join(root, file)).size / 1024).toFixed(1)} KB`);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
