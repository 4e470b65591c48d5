import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { lazify } from '../../scripts/lazify';

describe('lazify', () => {
  function fixture(): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lazify-'));
    fs.writeFileSync(
      path.join(dir, 'index.ts'),
      "// re-exports only\nexport * from './a';\n\nexport * from './sub';\n",
    );
    fs.writeFileSync(
      path.join(dir, 'a.js'),
      'globalThis.__loaded = [...(globalThis.__loaded ?? []), "a"]; exports.A = 1; exports.Shared = "from a";',
    );
    fs.mkdirSync(path.join(dir, 'sub'));
    fs.writeFileSync(
      path.join(dir, 'sub', 'index.js'),
      'globalThis.__loaded = [...(globalThis.__loaded ?? []), "sub"]; exports.B = 2; exports.Shared = "from sub";',
    );
    fs.writeFileSync(path.join(dir, 'index.js'), '// eager, to be replaced');
    return dir;
  }

  test('every re-exported name becomes a getter that loads its module on first use', () => {
    // GIVEN
    const dir = fixture();
    // WHEN
    const result = lazify(path.join(dir, 'index.ts'), path.join(dir, 'index.js'));
    // THEN (in a fresh module registry: lazify itself loaded the modules once, to read their names)
    expect(result).toEqual({ modules: 2, names: 3 });
    jest.isolateModules(() => {
      (globalThis as any).__loaded = [];
      const index = require(path.join(dir, 'index.js'));
      expect((globalThis as any).__loaded).toEqual([]);
      expect(index.B).toBe(2);
      expect((globalThis as any).__loaded).toEqual(['sub']);
      expect(index.A).toBe(1);
      expect(Object.keys(index).sort()).toEqual(['A', 'B', 'Shared']);
      expect(index.Shared).toBe('from a'); // an ambiguous name stays with its first module
    });
  });

  test('a source index with anything but export-all lines is refused, naming the line', () => {
    // GIVEN
    const dir = fixture();
    fs.writeFileSync(path.join(dir, 'index.ts'), "export * from './a';\nexport const x = 1;\n");
    // WHEN / THEN
    expect(() => lazify(path.join(dir, 'index.ts'), path.join(dir, 'index.js'))).toThrow(
      /index.ts:2: lazify handles only "export \* from '.\/module'" lines; received: export const x = 1;/,
    );
  });

  test('the package entry point (lib/index.ts) holds only export-all lines', () => {
    const lines = fs
      .readFileSync(path.join(__dirname, '..', '..', 'lib', 'index.ts'), 'utf8')
      .split('\n')
      .map((l) => l.trim());
    expect(lines.filter((l) => l !== '' && !l.startsWith('//') && !/^export \* from '\.[^']+';$/.test(l))).toEqual([]);
  });
});
