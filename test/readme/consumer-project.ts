/**
 * A scratch project that uses the package as its users do (`import ... from 'cdk-sts-kit'`), without installing
 * anything: every package of the repository's node_modules is linked into the project's node_modules, and
 * `cdk-sts-kit` points at the package built by jsii (scripts/package-build.ts).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ROOT } from '../../scripts/package-build';

/** Creates the project directory, with `cdk-sts-kit` linked to `packageDir` (or left out when undefined). */
export function linkedProject(prefix: string, packageDir: string | undefined): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  const modules = path.join(dir, 'node_modules');
  fs.mkdirSync(modules);
  for (const name of fs.readdirSync(path.join(ROOT, 'node_modules'))) {
    if (name.startsWith('.') || name === 'cdk-sts-kit') continue;
    fs.symlinkSync(path.join(ROOT, 'node_modules', name), path.join(modules, name), 'dir');
  }
  if (packageDir) fs.symlinkSync(packageDir, path.join(modules, 'cdk-sts-kit'), 'dir');
  return dir;
}
