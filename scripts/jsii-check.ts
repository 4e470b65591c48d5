/**
 * `npm run check:jsii`: compile lib/ with jsii, exactly as `npm run build` does (the `jsii` section of package.json,
 * tsconfig.json as the compiler configuration), to prove the public API keeps jsii's rules (CONTRIBUTING.md) and can be
 * published to other languages. The build runs in a scratch directory (scripts/package-build.ts), never in the
 * working tree.
 */
import { buildPackage } from './package-build';

export interface JsiiCheckResult {
  /** `error JSII...`/`error TS...` lines: each is an API that other languages could not use. */
  readonly errors: string[];
  /** `warning JSII...` lines (reserved words in some languages, ...): `npm run build` fails on them. */
  readonly warnings: string[];
  /** Whether jsii wrote an assembly. */
  readonly assembly: boolean;
}

export function jsiiCheck(): JsiiCheckResult {
  const built = buildPackage();
  return { errors: built.errors, warnings: built.warnings, assembly: built.ok };
}

if (require.main === module) {
  const result = jsiiCheck();
  for (const w of result.warnings) console.log(w);
  for (const e of result.errors) console.error(e);
  console.log(
    result.assembly && result.errors.length === 0
      ? `jsii: the public API compiles to a jsii assembly (${result.warnings.length} warnings).`
      : `jsii: ${result.errors.length} errors; no assembly.`,
  );
  process.exit(result.errors.length === 0 && result.warnings.length === 0 && result.assembly ? 0 : 1);
}
