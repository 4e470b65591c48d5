import { listOption, parseArgs, singleOption, UsageError } from '../../lib/cli/args';

describe('parseArgs', () => {
  test('separates positionals, valued options (both spellings) and flags', () => {
    // WHEN
    const parsed = parseArgs(
      ['a.json', '--own-accounts', '111111111111,222222222222', '--own-accounts=333333333333', '--json', 'b.yaml'],
      ['own-accounts'],
      ['json'],
    );
    // THEN
    expect(parsed.positionals).toEqual(['a.json', 'b.yaml']);
    expect(listOption(parsed, 'own-accounts')).toEqual(['111111111111', '222222222222', '333333333333']);
    expect(parsed.flags.has('json')).toBe(true);
  });

  test('treats everything after -- as positionals', () => {
    // WHEN
    const parsed = parseArgs(['--', '--json'], [], ['json']);
    // THEN
    expect(parsed.positionals).toEqual(['--json']);
    expect(parsed.flags.size).toBe(0);
  });

  test('keeps the last value of a repeated single option', () => {
    // WHEN
    const parsed = parseArgs(['--partition', 'aws', '--partition', 'aws-cn'], ['partition'], []);
    // THEN
    expect(singleOption(parsed, 'partition')).toBe('aws-cn');
    expect(singleOption(parsed, 'other')).toBeUndefined();
  });

  test('rejects an unknown option, naming it and the known ones', () => {
    // WHEN / THEN
    expect(() => parseArgs(['--own-account', '1'], ['own-accounts'], ['json'])).toThrow(UsageError);
    expect(() => parseArgs(['--own-account', '1'], ['own-accounts'], ['json'])).toThrow(
      "--own-account: invalid option: received '--own-account'; expected one of --own-accounts, --json",
    );
  });

  test('rejects a valued option without its value and a flag with one', () => {
    // WHEN / THEN
    expect(() => parseArgs(['--partition'], ['partition'], [])).toThrow(
      '--partition: invalid option: received nothing; expected a value',
    );
    expect(() => parseArgs(['--json=yes'], [], ['json'])).toThrow('--json=yes: invalid option: --json takes no value');
  });
});
