import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { isReusable, ROOT, sourceHash } from '../../scripts/package-build';

// The package build is cached in $TMPDIR and shared by the package tests. A cached build links the node_modules of
// the checkout it was built from; CI clones the repository afresh each time, so a build from a deleted clone must
// never be reused (jsii-docgen then cannot find aws-cdk-lib's assembly and API.md cannot be rendered).
describe('the package build cache', () => {
  let tmp: string;
  beforeEach(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sts-kit-build-cache-'));
  });
  afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

  function fakeBuild(name: string, modules: string): string {
    const dir = path.join(tmp, name);
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, '.build-result.json'), JSON.stringify({ ok: true, errors: [], warnings: [] }));
    fs.symlinkSync(modules, path.join(dir, 'node_modules'), 'dir');
    return dir;
  }

  test('a finished build whose checkout still exists is reused', () => {
    // GIVEN a build linking a node_modules that exists  THEN it is reusable
    const modules = path.join(tmp, 'checkout', 'node_modules');
    fs.mkdirSync(modules, { recursive: true });
    expect(isReusable(fakeBuild('live', modules))).toBe(true);
  });

  test('a build whose checkout was deleted (its node_modules link dangles) is not reused', () => {
    // GIVEN a build made from a clone that is gone  THEN it is built again
    expect(isReusable(fakeBuild('orphan', path.join(tmp, 'deleted-clone', 'node_modules')))).toBe(false);
  });

  test('an unfinished build (no result written) is not reused', () => {
    const dir = fakeBuild('unfinished', path.join(ROOT, 'node_modules'));
    fs.rmSync(path.join(dir, '.build-result.json'));
    expect(isReusable(dir)).toBe(false);
  });

  test('the cache key names the checkout: the same sources in another clone get their own build', () => {
    // GIVEN a second checkout with the same lib/ and inputs but its own node_modules
    const other = path.join(tmp, 'clone');
    fs.cpSync(path.join(ROOT, 'lib'), path.join(other, 'lib'), { recursive: true });
    fs.mkdirSync(path.join(other, 'scripts'));
    for (const f of ['package.json', 'package-lock.json', 'tsconfig.json', 'LICENSE', 'scripts/lazify.ts']) {
      fs.copyFileSync(path.join(ROOT, f), path.join(other, f));
    }
    fs.mkdirSync(path.join(other, 'node_modules'));
    // WHEN both keys are computed  THEN they differ; with the first checkout's node_modules linked, they agree
    expect(sourceHash(other)).not.toBe(sourceHash(ROOT));
    fs.rmSync(path.join(other, 'node_modules'), { recursive: true });
    fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(other, 'node_modules'), 'dir');
    expect(sourceHash(other)).toBe(sourceHash(ROOT));
  });
});
