import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { builtPackageDir, ROOT } from '../../scripts/package-build';

// jsii-pacmak generates the source code of every language target named in package.json. Building wheels, jars and
// NuGet packages needs PyPI, Maven Central and NuGet, which this machine cannot reach: code generation is what runs.
describe('jsii-pacmak --code-only', () => {
  let out: string;
  let run: ReturnType<typeof spawnSync>;

  beforeAll(() => {
    const pkg = builtPackageDir();
    out = fs.mkdtempSync(path.join(os.tmpdir(), 'sts-kit-pacmak-'));
    run = spawnSync(
      process.execPath,
      [
        path.join(ROOT, 'node_modules', 'jsii-pacmak', 'bin', 'jsii-pacmak'),
        pkg,
        '--code-only',
        '--outdir',
        out,
        '--no-npmignore',
        '--no-fingerprint',
        '--targets',
        'python',
        'java',
        'dotnet',
        'go',
      ],
      {
        encoding: 'utf8',
        env: {
          ...process.env,
          JSII_SILENCE_WARNING_DEPRECATED_NODE_VERSION: '1',
          // pacmak runs `npm pack` on the package: the package is built already, so no prepack (npm run build)
          npm_config_ignore_scripts: 'true',
        },
      },
    );
  }, 900_000);

  afterAll(() => fs.rmSync(out, { recursive: true, force: true }));

  const read = (...p: string[]) => fs.readFileSync(path.join(out, ...p), 'utf8');

  test('generates every target without an error', () => {
    // GIVEN the built package  WHEN pacmak generates code  THEN it succeeds, one directory per target
    expect({ status: run.status, stderr: run.status === 0 ? '' : run.stderr }).toEqual({ status: 0, stderr: '' });
    expect(fs.readdirSync(out).sort()).toEqual(['dotnet', 'go', 'java', 'python']);
  });

  test('Python: the cdk-sts-kit distribution with the cdk_sts_kit module', () => {
    // THEN the distribution is named as in package.json and classes and structs are there in Python's spelling
    expect(read('python', 'setup.py')).toContain('"name": "cdk-sts-kit"');
    const init = read('python', 'src', 'cdk_sts_kit', '__init__.py');
    expect(init).toContain('class CrossAccountRole(');
    expect(init).toContain('"namespace_name": "namespaceName"');
    expect(init).toContain('"condition_operator": "conditionOperator"');
  });

  test('Java: io.github.cdk-sts-kit:cdk-sts-kit, package io.github.cdkstskit', () => {
    // THEN the Maven coordinates and the Java package are those of package.json
    const pom = read('java', 'pom.xml');
    expect(pom).toContain('<groupId>io.github.cdk-sts-kit</groupId>');
    expect(pom).toContain('<artifactId>cdk-sts-kit</artifactId>');
    expect(read('java', 'src', 'main', 'java', 'io', 'github', 'cdkstskit', 'CrossAccountRole.java')).toContain(
      'package io.github.cdkstskit;',
    );
  });

  test('.NET: the CdkStsKit package and namespace', () => {
    // THEN the NuGet package id and the namespace are those of package.json
    expect(read('dotnet', 'CdkStsKit', 'CdkStsKit.csproj')).toContain('<PackageId>CdkStsKit</PackageId>');
    expect(read('dotnet', 'CdkStsKit', 'CdkStsKit', 'CrossAccountRole.cs')).toContain('namespace CdkStsKit');
  });

  test('Go: the github.com/cdk-sts-kit/cdk-sts-kit-go module', () => {
    // THEN the module path is the one of package.json
    expect(read('go', 'cdkstskit', 'go.mod')).toMatch(/^module github\.com\/cdk-sts-kit\/cdk-sts-kit-go\/cdkstskit$/m);
    expect(read('go', 'cdkstskit', 'CrossAccountRole.go')).toContain('package cdkstskit');
  });
});
