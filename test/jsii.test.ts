import { jsiiCheck } from '../scripts/jsii-check';

// DESIGN.md: the public API keeps jsii's rules so it can be published to other languages.
// (Each of these once failed here: an optional parameter before a required one, a positional parameter
// named like a field of the struct after it, internal types reachable from exported APIs.)
describe('jsii', () => {
  test('the public API compiles to a jsii assembly with no error', () => {
    const result = jsiiCheck();
    expect(result.errors).toEqual([]);
    expect(result.assembly).toBe(true);
  }, 180_000);
});
