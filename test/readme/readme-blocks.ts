/**
 * The TypeScript blocks of README.md, each placed in a fixture (as aws-cdk's rosetta does) so that it compiles and,
 * for construct code, synthesizes.
 *
 * In README.md, a block takes the fixture named by the nearest marker line above it (blank lines may sit between):
 *
 *     <!-- fixture: cognito -->
 *     ```ts
 *
 * Without a marker a block uses `test/readme/fixtures/stack.ts-fixture`: the block is the body of a Stack's
 * constructor (`this` is the stack). `<!-- readme: not compiled (reason) -->` leaves a block out, with the reason.
 * A fixture is a TypeScript file with the line `/// here` where the block goes; the block's `import` statements are
 * moved to the fixture's `/// imports` line. A fixture whose first line is `// mode: synth` exports `synth()`, which the
 * test calls with AwsSolutions and StsChecks registered; `// mode: typecheck` fixtures are only type-checked.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

export const FIXTURES = path.join(__dirname, 'fixtures');

export interface ReadmeBlock {
  /** 1-based position among the README's `ts` blocks. */
  readonly index: number;
  /** The nearest heading above the block. */
  readonly heading: string;
  /** README line of the block's first code line (after the fence). */
  readonly line: number;
  readonly code: string;
  /** Fixture name, or undefined when the block is not compiled. */
  readonly fixture?: string;
  /** Why the block is not compiled. */
  readonly skipReason?: string;
}

export interface PlacedBlock {
  readonly block: ReadmeBlock;
  /** The whole source: fixture with the block in it. */
  readonly source: string;
  /** Whether the fixture synthesizes (`// mode: synth`). */
  readonly synth: boolean;
  /** Maps a 0-based line of `source` to a README line, or undefined for fixture lines. */
  readmeLine(sourceLine: number): number | undefined;
}

/** Every ```ts block of the markdown text. */
export function readmeBlocks(markdown: string): ReadmeBlock[] {
  const lines = markdown.split('\n');
  const blocks: ReadmeBlock[] = [];
  let heading = '(top)';
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const fence = /^(\s*)```(\S*)/.exec(line);
    if (!fence) {
      if (/^#{1,6} /.test(line)) heading = line.replace(/^#+ /, '');
      continue;
    }
    const indent = fence[1];
    const end = lines.findIndex((l, j) => j > i && l.startsWith(`${indent}\`\`\``) && l.trim() === '```');
    if (end < 0) throw new Error(`README.md:${i + 1}: a code block that never closes`);
    if (fence[2] === 'ts' || fence[2] === 'typescript') {
      const marker = markerAbove(lines, i);
      const skip = marker && /^readme: not compiled(.*)$/.exec(marker);
      const fixture = marker && /^fixture:\s*([\w-]+)$/.exec(marker);
      blocks.push({
        index: blocks.length + 1,
        heading,
        line: i + 2,
        code: lines
          .slice(i + 1, end)
          .map((l) => l.slice(indent.length))
          .join('\n'),
        fixture: skip ? undefined : fixture ? fixture[1] : 'stack',
        skipReason: skip ? skip[1].trim().replace(/^\((.*)\)$/, '$1') || 'no reason given' : undefined,
      });
    }
    i = end;
  }
  return blocks;
}

function markerAbove(lines: string[], fenceLine: number): string | undefined {
  for (let j = fenceLine - 1; j >= 0; j--) {
    const l = lines[j].trim();
    if (l === '') continue;
    const m = /^<!--\s*(.*?)\s*-->$/.exec(l);
    return m ? m[1] : undefined;
  }
  return undefined;
}

/** The block inside its fixture. */
export function placeBlock(block: ReadmeBlock): PlacedBlock {
  if (!block.fixture) throw new Error(`block ${block.index} is not compiled`);
  const file = path.join(FIXTURES, `${block.fixture}.ts-fixture`);
  if (!fs.existsSync(file)) {
    throw new Error(
      `README.md:${block.line} (${block.heading}): no fixture '${block.fixture}' (${path.relative(process.cwd(), file)})`,
    );
  }
  const fixture = fs.readFileSync(file, 'utf8').split('\n');
  const synth = /^\/\/ mode: synth\b/.test(fixture[0]);
  if (!fixture.some((f) => /^\s*\/\/\/ imports\s*$/.test(f)) || !fixture.some((f) => /^\s*\/\/\/ here\s*$/.test(f))) {
    throw new Error(`${file}: a fixture needs a '/// imports' line and a '/// here' line`);
  }
  const { imports, body } = splitImports(block.code.split('\n'));
  const out: string[] = [];
  const map = new Map<number, number>();
  const emit = (lines: { text: string; offset: number }[], indent: string) => {
    for (const l of lines) {
      map.set(out.length, block.line + l.offset);
      out.push(l.text === '' ? '' : indent + l.text);
    }
  };
  for (const f of fixture) {
    const here = /^(\s*)\/\/\/ here\s*$/.exec(f);
    if (here) emit(body, here[1]);
    else if (/^\s*\/\/\/ imports\s*$/.test(f)) emit(imports, '');
    else out.push(f);
  }
  out.push('export {};');
  return { block, source: out.join('\n'), synth, readmeLine: (n) => map.get(n) };
}

function splitImports(lines: string[]): {
  imports: { text: string; offset: number }[];
  body: { text: string; offset: number }[];
} {
  const imports: { text: string; offset: number }[] = [];
  const body: { text: string; offset: number }[] = [];
  let inImport = false;
  lines.forEach((text, offset) => {
    if (!inImport && /^import\s/.test(text)) inImport = true;
    if (inImport) {
      imports.push({ text, offset });
      if (/from\s+['"][^'"]+['"];?\s*(\/\/.*)?$/.test(text) || /^import\s+['"][^'"]+['"];?$/.test(text))
        inImport = false;
    } else {
      body.push({ text, offset });
    }
  });
  return { imports, body };
}
