import { describeAssumptions, IamTemplate, MAX_VARIANTS, NO_VALUE, textOf } from '../../../lib/private/iam';

/** The reachable values of `value` in a template with these sections, with their assumptions in words. */
function variants(value: unknown, sections: object = {}): Array<[unknown, string | undefined]> {
  const template = IamTemplate.fromJson({ Resources: {}, ...sections });
  return template.values.variants(value).map((v) => [v.value, describeAssumptions(v.assumptions)]);
}

describe('the variants evaluator', () => {
  test('a value without intrinsics is its only variant, with no assumption', () => {
    // GIVEN a plain document  WHEN evaluated  THEN it is returned as is
    const doc = { Statement: [{ Effect: 'Allow', Principal: '*' }] };
    expect(variants(doc)).toEqual([[doc, undefined]]);
  });

  test('a parameter yields its Default and each AllowedValue, each saying so', () => {
    // GIVEN a parameter with a default and allowed values
    const Parameters = { Repo: { Type: 'String', Default: '*', AllowedValues: ['*', 'acme/app'] } };
    // WHEN a Ref of it is evaluated THEN both values are reachable, the default once
    expect(variants({ Ref: 'Repo' }, { Parameters })).toEqual([
      ['*', "when parameter Repo keeps its default '*'"],
      ['acme/app', "when parameter Repo is set to 'acme/app'"],
    ]);
  });

  test('a parameter without Default or AllowedValues is an unknown placeholder, whatever its AllowedPattern', () => {
    // GIVEN a parameter constrained only by a pattern  WHEN evaluated  THEN it is one unknown value
    expect(variants({ Ref: 'Acct' }, { Parameters: { Acct: { Type: 'String', AllowedPattern: '\\d{12}' } } })).toEqual([
      ['{{Ref.Acct}}', undefined],
    ]);
  });

  test('a CommaDelimitedList parameter default is a list', () => {
    expect(
      variants(
        { Ref: 'Accts' },
        { Parameters: { Accts: { Type: 'CommaDelimitedList', Default: '111111111111,222222222222' } } },
      ),
    ).toEqual([
      [['111111111111', '222222222222'], "when parameter Accts keeps its default '111111111111,222222222222'"],
      ['{{Ref.Accts}}', 'when parameter Accts is set to another value'],
    ]);
  });

  test('pseudo parameters, resources and imports are placeholders without colons', () => {
    // GIVEN an ARN joined from pseudo parameters, a GetAtt and an import
    const value = {
      'Fn::Join': [
        '',
        [
          'arn:',
          { Ref: 'AWS::Partition' },
          ':iam::',
          { Ref: 'AWS::AccountId' },
          ':root|',
          { 'Fn::GetAtt': ['Role', 'Arn'] },
          '|',
          { 'Fn::ImportValue': 'a:b' },
        ],
      ],
    };
    // WHEN evaluated THEN each unknown is a placeholder
    expect(variants(value)).toEqual([
      ['arn:{{AWS.Partition}}:iam::{{AWS.AccountId}}:root|{{GetAtt.Role.Arn}}|{{Import.a_b}}', undefined],
    ]);
  });

  test('Fn::Sub substitutes variables, parameters, pseudo parameters and attributes, and keeps ${!Literal}', () => {
    const value = { 'Fn::Sub': ['repo:${Owner}/${Repo}:${AWS::Region}:${Role.Arn}:${!Literal}', { Owner: 'acme' }] };
    expect(variants(value, { Parameters: { Repo: { Type: 'String', Default: 'app' } } })).toEqual([
      ['repo:acme/app:{{AWS.Region}}:{{GetAtt.Role.Arn}}:${Literal}', "when parameter Repo keeps its default 'app'"],
      [
        'repo:acme/{{Ref.Repo}}:{{AWS.Region}}:{{GetAtt.Role.Arn}}:${Literal}',
        'when parameter Repo is set to another value',
      ],
    ]);
  });

  test('Fn::Select and Fn::Split are evaluated', () => {
    expect(variants({ 'Fn::Select': [1, { 'Fn::Split': [',', 'a,b,c'] }] })).toEqual([['b', undefined]]);
    expect(variants({ 'Fn::Select': [5, ['a']] })).toEqual([['{{?}}', undefined]]);
  });

  test('Fn::If yields both branches when its condition cannot be decided', () => {
    // GIVEN a condition on an unknown value
    const Conditions = { IsProd: { 'Fn::Equals': [{ Ref: 'AWS::Region' }, 'eu-west-1'] } };
    // WHEN an Fn::If on it is evaluated THEN both branches are reachable, each naming the condition
    expect(variants({ 'Fn::If': ['IsProd', 'a', 'b'] }, { Conditions })).toEqual([
      ['a', 'when condition IsProd is true'],
      ['b', 'when condition IsProd is false'],
    ]);
  });

  test('Fn::If follows the parameter value the condition depends on, consistently across the value', () => {
    // GIVEN a condition on a parameter, and a value reading both the condition and the parameter
    const sections = {
      Parameters: { Env: { Type: 'String', Default: 'dev', AllowedValues: ['dev', 'prod'] } },
      Conditions: { IsProd: { 'Fn::Equals': [{ Ref: 'Env' }, 'prod'] } },
    };
    // WHEN evaluated THEN each variant pairs the branch with the parameter value that selects it
    expect(variants([{ 'Fn::If': ['IsProd', 'strict', 'open'] }, { Ref: 'Env' }], sections)).toEqual([
      [['open', 'dev'], "when parameter Env keeps its default 'dev'"],
      [['strict', 'prod'], "when parameter Env is set to 'prod'"],
    ]);
  });

  test('Fn::FindInMap with an unknown key yields each entry of the mapping', () => {
    // GIVEN a mapping read at the region
    const Mappings = { Accounts: { 'eu-west-1': { Id: '111111111111' }, 'us-east-1': { Id: '*' } } };
    // WHEN evaluated THEN each entry is reachable, saying which key
    expect(variants({ 'Fn::FindInMap': ['Accounts', { Ref: 'AWS::Region' }, 'Id'] }, { Mappings })).toEqual([
      ['111111111111', "when mapping Accounts is read at key 'eu-west-1'"],
      ['*', "when mapping Accounts is read at key 'us-east-1'"],
    ]);
    // AND a known key reads one entry
    expect(variants({ 'Fn::FindInMap': ['Accounts', 'us-east-1', 'Id'] }, { Mappings })).toEqual([['*', undefined]]);
  });

  test('AWS::NoValue removes list items and properties', () => {
    expect(variants([{ Ref: 'AWS::NoValue' }, 'a'])).toEqual([[['a'], undefined]]);
    expect(variants({ A: { Ref: 'AWS::NoValue' }, B: 1 })).toEqual([[{ B: 1 }, undefined]]);
    expect(variants({ Ref: 'AWS::NoValue' })).toEqual([[NO_VALUE, undefined]]);
  });

  test('the Value of a CDK CfnJson is the JSON it computes', () => {
    // GIVEN a Custom::AWSCDKCfnJson whose Value is a JSON string built with Fn::Join
    const template = IamTemplate.fromJson({
      Resources: {
        Json: {
          Type: 'Custom::AWSCDKCfnJson',
          Properties: { Value: { 'Fn::Join': ['', ['{"', { Ref: 'AWS::Region' }, ':aud":"sts.amazonaws.com"}']] } },
        },
      },
    });
    // WHEN its Value attribute is evaluated THEN it is the object
    expect(template.values.variants({ 'Fn::GetAtt': ['Json', 'Value'] })[0].value).toEqual({
      '{{AWS.Region}}:aud': 'sts.amazonaws.com',
    });
  });

  test(`the variants of one value are bounded (${MAX_VARIANTS})`, () => {
    // GIVEN ten independent parameters of two values each (1,024 combinations)
    const Parameters = Object.fromEntries(
      Array.from({ length: 10 }, (_, i) => [`P${i}`, { Type: 'String', Default: 'a', AllowedValues: ['a', 'b'] }]),
    );
    // WHEN a list of all of them is evaluated THEN at most the bound is kept
    const values = variants(
      Array.from({ length: 10 }, (_, i) => ({ Ref: `P${i}` })),
      { Parameters },
    );
    expect(values.length).toBe(MAX_VARIANTS);
  });

  test('never throws on values it does not understand', () => {
    // GIVEN malformed intrinsics  WHEN evaluated  THEN each yields an unknown
    for (const bad of [
      { 'Fn::Join': 'x' },
      { 'Fn::If': ['Missing'] },
      { 'Fn::Sub': 3 },
      { 'Fn::FindInMap': ['Nope', 'a', 'b'] },
      { 'Fn::Base64': 'x' },
      { Ref: 5 },
    ]) {
      expect(() => variants(bad)).not.toThrow();
      expect(textOf(variants(bad)[0][0])).toBe('{{?}}');
    }
  });
});

describe('the variants evaluator, optional parameters', () => {
  test('a parameter with an empty default is reachable set, and the conditions testing it follow', () => {
    // GIVEN an optional parameter and a condition that turns a feature on when it is set
    const sections = {
      Parameters: { Trusted: { Type: 'CommaDelimitedList', Default: '' } },
      Conditions: { HasTrusted: { 'Fn::Not': [{ 'Fn::Equals': ['', { 'Fn::Join': ['', { Ref: 'Trusted' }] }] }] } },
    };
    // WHEN a value guarded by the condition is evaluated THEN it is absent by default and present when set
    expect(
      variants({ 'Fn::If': ['HasTrusted', { AWS: { Ref: 'Trusted' } }, { Ref: 'AWS::NoValue' }] }, sections),
    ).toEqual([
      [NO_VALUE, "when parameter Trusted keeps its default ''"],
      [{ AWS: '{{Ref.Trusted}}' }, 'when parameter Trusted is set (to a value of your choice)'],
    ]);
  });
});

describe('the variants evaluator, parameters the deployer can set freely (red-team M1)', () => {
  const Env = { Type: 'String', Default: 'prod' };

  test('a parameter with a Default and no AllowedValues is also reachable set to another value, an unknown placeholder', () => {
    // GIVEN a parameter with a default and no allowed values
    const Parameters = { Env };
    // WHEN a Ref of it is evaluated
    const values = variants({ Ref: 'Env' }, { Parameters });
    // THEN the default and an unknown value of the deployer's choice are reachable, the unknown never a wildcard
    expect(values).toEqual([
      ['prod', "when parameter Env keeps its default 'prod'"],
      ['{{Ref.Env}}', 'when parameter Env is set to another value'],
    ]);
  });

  test('a parameter with AllowedValues is not reachable at another value', () => {
    // GIVEN a parameter whose values are listed  WHEN evaluated  THEN only the default and the listed values
    const Parameters = { Env: { ...Env, AllowedValues: ['prod', 'dev'] } };
    expect(variants({ Ref: 'Env' }, { Parameters }).map((v) => v[0])).toEqual(['prod', 'dev']);
  });

  test('Fn::If on a condition over a free parameter reaches both branches', () => {
    // GIVEN IsDev compares the free parameter with a literal
    const sections = { Parameters: { Env }, Conditions: { IsDev: { 'Fn::Equals': [{ Ref: 'Env' }, 'dev'] } } };
    // WHEN an Fn::If on it is evaluated
    const values = variants({ 'Fn::If': ['IsDev', '*', 'arn:aws:iam::111111111111:root'] }, sections);
    // THEN the default takes the false branch, and another value takes either
    expect(values).toEqual([
      ['arn:aws:iam::111111111111:root', "when parameter Env keeps its default 'prod'"],
      ['*', 'when parameter Env is set to another value and condition IsDev is true'],
      ['arn:aws:iam::111111111111:root', 'when parameter Env is set to another value and condition IsDev is false'],
    ]);
  });

  test('a resource Condition over a free parameter both holds and does not', () => {
    // GIVEN a condition over a free parameter
    const template = IamTemplate.fromJson({
      Parameters: { Env },
      Conditions: { IsDev: { 'Fn::Equals': ['dev', { Ref: 'Env' }] } },
      Resources: {},
    });
    // WHEN its truth values are read  THEN true is reachable (the debug role exists) and so is false
    expect(
      template.values
        .condition('IsDev')
        .map((c) => c.value)
        .sort(),
    ).toEqual([false, false, true]);
  });

  test('a parameter set to another value never equals its default, nor a literal its AllowedPattern rejects', () => {
    // GIVEN one condition comparing the free parameter with its own default, one with a value its pattern rejects
    const template = IamTemplate.fromJson({
      Parameters: { Env, Acct: { Type: 'String', Default: '111111111111', AllowedPattern: '\\d{12}' } },
      Conditions: {
        IsProd: { 'Fn::Equals': [{ Ref: 'Env' }, 'prod'] },
        IsNone: { 'Fn::Equals': [{ Ref: 'Acct' }, 'none'] },
      },
      Resources: {},
    });
    // WHEN their truth values are read
    // THEN IsProd is true only with the default, and IsNone is never true
    expect(template.values.condition('IsProd').map((c) => [c.value, describeAssumptions(c.assumptions)])).toEqual([
      [true, "when parameter Env keeps its default 'prod'"],
      [false, 'when parameter Env is set to another value'],
    ]);
    expect(template.values.condition('IsNone').map((c) => c.value)).toEqual([false, false]);
  });

  test('Fn::FindInMap keyed by a free parameter reaches every entry of the mapping', () => {
    // GIVEN a mapping keyed by the environment name
    const sections = { Parameters: { Env }, Mappings: { M: { prod: { p: '111111111111' }, dev: { p: '*' } } } };
    // WHEN read at the parameter  THEN the default's entry and, set to another value, every entry
    expect(variants({ 'Fn::FindInMap': ['M', { Ref: 'Env' }, 'p'] }, sections).map((v) => v[0])).toEqual([
      '111111111111',
      '111111111111',
      '*',
    ]);
  });

  test('Fn::Select indexed by a free parameter reaches every element, saying which', () => {
    // GIVEN a Number parameter used as an index
    const sections = { Parameters: { I: { Type: 'Number', Default: 0 } } };
    // WHEN a list is indexed by it
    const values = variants({ 'Fn::Select': [{ Ref: 'I' }, ['arn:aws:iam::111111111111:root', '*']] }, sections);
    // THEN the default's element and each element by index are reachable
    expect(values).toEqual([
      ['arn:aws:iam::111111111111:root', "when parameter I keeps its default '0'"],
      ['arn:aws:iam::111111111111:root', 'when parameter I is set to another value and the index is 0'],
      ['*', 'when parameter I is set to another value and the index is 1'],
    ]);
  });
});

describe('the variants evaluator, AllowedPattern (red-team M5)', () => {
  test('a Default with an AllowedPattern that admits "*" also reaches "*"', () => {
    // GIVEN an account parameter whose pattern also admits a lone wildcard
    const Parameters = { P: { Type: 'String', Default: '111111111111', AllowedPattern: '(\\d{12}|\\*)' } };
    // WHEN evaluated  THEN "*" is reachable, saying why
    expect(variants({ Ref: 'P' }, { Parameters })).toContainEqual([
      '*',
      "when parameter P is set to '*' (its AllowedPattern admits it)",
    ]);
  });

  test('a pattern without a Default that admits "*" reaches "*" too', () => {
    const Parameters = { P: { Type: 'String', AllowedPattern: '[\\w*]+' } };
    expect(variants({ Ref: 'P' }, { Parameters }).map((v) => v[0])).toEqual(['{{Ref.P}}', '*']);
  });

  test('a pattern that rejects "*", or admits any text at all, adds no wildcard', () => {
    // GIVEN a 12-digit pattern, and ".+" which says no more than no pattern (the value stays an unknown)
    for (const AllowedPattern of ['^\\d{12}$', '.+', '(']) {
      const Parameters = { P: { Type: 'String', Default: '111111111111', AllowedPattern } };
      // WHEN evaluated  THEN no "*" variant
      expect(variants({ Ref: 'P' }, { Parameters }).map((v) => v[0])).not.toContain('*');
    }
  });
});

describe(`the variants evaluator past its bound of ${MAX_VARIANTS} (red-team M2)`, () => {
  const harmless = (n: number) => Array.from({ length: n }, (_, i) => `arn:aws:iam::${String(100000000000 + i)}:root`);

  test.each([63, 64, 65, 200])('"*" after %i harmless AllowedValues is still reachable', (n) => {
    // GIVEN a parameter whose allowed values are n harmless accounts, then "*"
    const Parameters = { Who: { Type: 'String', Default: harmless(1)[0], AllowedValues: [...harmless(n), '*'] } };
    // WHEN a Ref of it is evaluated
    const values = variants({ Ref: 'Who' }, { Parameters });
    // THEN the bound holds, and the default and "*" are both kept
    expect(values.length).toBeLessThanOrEqual(MAX_VARIANTS);
    expect(values).toContainEqual(['*', "when parameter Who is set to '*'"]);
    expect(values[0]).toEqual([harmless(1)[0], `when parameter Who keeps its default '${harmless(1)[0]}'`]);
  });

  test('every value of every parameter appears in at least one variant when the cross product is cut', () => {
    // GIVEN ten independent parameters of two values each (1,024 combinations)
    const Parameters = Object.fromEntries(
      Array.from({ length: 10 }, (_, i) => [`P${i}`, { Type: 'String', Default: 'a', AllowedValues: ['a', 'b'] }]),
    );
    // WHEN a list of all of them is evaluated
    const values = variants(
      Array.from({ length: 10 }, (_, i) => ({ Ref: `P${i}` })),
      { Parameters },
    ).map((v) => v[0] as string[]);
    // THEN each position is seen with 'a' and with 'b'
    for (let i = 0; i < 10; i++) expect(new Set(values.map((v) => v[i]))).toEqual(new Set(['a', 'b']));
  });

  test('a wildcard that needs several non-default conditions is kept next to many unrelated conditions', () => {
    // GIVEN 12 unrelated Fn::If in one statement, and a second statement that is "*" with no condition left only when
    // C0..C7 all hold (8 of 20 conditions away from their defaults; 2^20 combinations)
    const Parameters = Object.fromEntries(
      Array.from({ length: 20 }, (_, i) => [`P${i}`, { Type: 'String', Default: 'b', AllowedValues: ['a', 'b'] }]),
    );
    const Conditions = Object.fromEntries(
      Array.from({ length: 20 }, (_, i) => [`C${i}`, { 'Fn::Equals': [{ Ref: `P${i}` }, 'a'] }]),
    );
    const unrelated = {
      Principal: {
        AWS: Array.from({ length: 12 }, (_, i) => ({
          'Fn::If': [`C${i + 8}`, `arn:aws:iam::3000000000${10 + i}:role/r`, `arn:aws:iam::4000000000${10 + i}:role/r`],
        })),
      },
    };
    const drop = (c: number, value: string) => ({ 'Fn::If': [`C${c}`, { Ref: 'AWS::NoValue' }, value] });
    const open = {
      Principal: { AWS: { 'Fn::If': ['C0', '*', 'arn:aws:iam::111111111111:root'] } },
      Condition: {
        StringEquals: {
          'aws:PrincipalOrgID': drop(1, 'o-abcdef1234'),
          'aws:PrincipalArn': drop(3, 'arn:aws:iam::1:role/x'),
          'aws:SourceIp': drop(5, 'x'),
          'aws:RequestTag/y': drop(7, 'y'),
        },
        StringLike: {
          'aws:PrincipalAccount': drop(2, '111111111111'),
          'aws:PrincipalOrgPaths': drop(4, 'o-abcdef1234/*'),
          'aws:PrincipalTag/x': drop(6, 'x'),
        },
      },
    };
    // WHEN the document is evaluated
    const values = variants({ Statement: [unrelated, open] }, { Parameters, Conditions }).map((v) => v[0] as any);
    // THEN the bound holds and the variant where the second statement is "*" with no condition left is among them
    expect(values.length).toBeLessThanOrEqual(MAX_VARIANTS);
    expect(
      values.some(
        (v) =>
          v.Statement[1].Principal.AWS === '*' &&
          Object.values(v.Statement[1].Condition).every((c) => Object.keys(c as object).length === 0),
      ),
    ).toBe(true);
  });
});

describe('the variants evaluator, variant texts (red-team R2)', () => {
  test('a long parameter value is shortened in the variant text, not in the value', () => {
    // GIVEN a CommaDelimitedList default of 200 role ARNs
    const arns = Array.from({ length: 200 }, (_, i) => `arn:aws:iam::${String(100000000000 + i)}:role/r`);
    const Parameters = {
      Roles: { Type: 'CommaDelimitedList', Default: arns.join(','), AllowedValues: [arns.join(',')] },
    };
    // WHEN evaluated
    const [[value, text]] = variants({ Ref: 'Roles' }, { Parameters });
    // THEN the value is the whole list and the text names its first 60 characters
    expect(value).toEqual(arns);
    expect(text).toBe(`when parameter Roles keeps its default '${arns.join(',').slice(0, 60)}…'`);
  });
});

describe('the variants evaluator, SSM parameter types', () => {
  test('a parameter of an AWS::SSM::Parameter::Value type is an unknown: its Default names an SSM parameter, not the value', () => {
    // GIVEN a trusted account read from SSM at deploy time
    const Parameters = { Trusted: { Type: 'AWS::SSM::Parameter::Value<String>', Default: '/org/trusted-account' } };
    // WHEN evaluated  THEN one unknown value, never the SSM parameter's name
    expect(variants({ Ref: 'Trusted' }, { Parameters })).toEqual([['{{Ref.Trusted}}', undefined]]);
  });
});
