import * as path from 'node:path';
import { demoOptions } from '../../scripts/example/options';

describe('npm run demo options', () => {
  const repo = '/repo';

  test('defaults: no port (the emulator chooses), the assembly in cdk.out.local at the repository root', () => {
    expect(demoOptions([], repo, {})).toEqual({ port: undefined, outdir: path.join(repo, 'cdk.out.local') });
  });

  test('--port and --output (or -o, or STS_KIT_DEMO_OUTDIR) choose the port and the output folder', () => {
    expect(demoOptions(['--port', '4600', '--output', 'out/demo'], repo, {})).toEqual({
      port: 4600,
      outdir: path.join(repo, 'out/demo'),
    });
    expect(demoOptions(['--port=4601', '-o', '/tmp/x'], repo, {})).toEqual({ port: 4601, outdir: '/tmp/x' });
    expect(demoOptions([], repo, { STS_KIT_DEMO_OUTDIR: 'elsewhere' }).outdir).toBe(path.join(repo, 'elsewhere'));
    expect(demoOptions(['--output', 'flag-wins'], repo, { STS_KIT_DEMO_OUTDIR: 'elsewhere' }).outdir).toBe(
      path.join(repo, 'flag-wins'),
    );
  });

  test('a bad port, a missing value or an unknown option is refused with the usage', () => {
    expect(() => demoOptions(['--port', '70000'], repo, {})).toThrow('--port must be an integer 1-65535, got "70000"');
    expect(() => demoOptions(['--output'], repo, {})).toThrow(
      /--output needs a value\nusage: npm run demo -- \[--port N\] \[--output DIR\]/,
    );
    expect(() => demoOptions(['--prot', '1'], repo, {})).toThrow(/unknown option "--prot"\nusage:/);
  });
});
