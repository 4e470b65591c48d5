import { jsiiCheck } from '../scripts/jsii-check';

// CONTRIBUTING.md (conventions): the public API keeps jsii's rules so it can be published to other languages.
// (Each of these once failed here: an optional parameter before a required one, a positional parameter
// named like a field of the struct after it, internal types reachable from exported APIs, and names that are
// reserved words in C#: `namespace`, `operator`.)
describe('jsii', () => {
  test('the public API compiles to a jsii assembly with no error and no warning', () => {
    // GIVEN lib/ and the jsii section of package.json  WHEN jsii builds the package (as npm run build does)
    const result = jsiiCheck();
    // THEN there is an assembly, and nothing another language could not use
    expect(result.errors).toEqual([]);
    expect(result.warnings).toEqual([]);
    expect(result.assembly).toBe(true);
  }, 600_000);
});
