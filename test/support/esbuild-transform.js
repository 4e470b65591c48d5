// Jest transformer: esbuild strips TypeScript types (fast on 2 cores; no type-check here, `npm run typecheck`
// does that). esbuild is used instead of swc because swc's optional per-platform packages break `npm ci`
// against registries that serve only some platforms.
const { transformSync } = require('esbuild');

module.exports = {
  process(source, filename) {
    const { code, map } = transformSync(source, {
      loader: filename.endsWith('.ts') ? 'ts' : 'js',
      format: 'cjs',
      target: 'es2022',
      sourcemap: 'external',
      sourcefile: filename,
    });
    return { code, map };
  },
};
