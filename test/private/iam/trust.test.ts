import { IamTemplate, requiresMfa, trustVariants } from '../../../lib/private/iam';

const VENDOR = { AWS: 'arn:aws:iam::999999999999:root' };
const allow = (principal: unknown, condition?: object) => ({
  Effect: 'Allow',
  Principal: principal,
  Action: 'sts:AssumeRole',
  ...(condition ? { Condition: condition } : {}),
});
const deny = (condition?: object, principal: unknown = { AWS: '*' }, action: unknown = 'sts:AssumeRole') => ({
  Effect: 'Deny',
  Principal: principal,
  Action: action,
  ...(condition ? { Condition: condition } : {}),
});

/** The effective trust (first variant) of a role with these statements, or of this raw document. */
function trustOf(document: unknown, sections: object = {}) {
  const template = IamTemplate.fromJson({
    ...sections,
    Resources: { R: { Type: 'AWS::IAM::Role', Properties: { AssumeRolePolicyDocument: document } } },
  });
  return trustVariants(template, template.resource('R')!);
}
const doc = (...statements: object[]) => ({ Version: '2012-10-17', Statement: statements });

describe('effective trust (Allow minus Deny)', () => {
  test('a Deny StringNotEquals on sts:ExternalId is an Allow-side StringEquals', () => {
    // GIVEN a vendor root and a Deny of any other ExternalId
    const [variant] = trustOf(doc(allow(VENDOR), deny({ StringNotEquals: { 'sts:ExternalId': 'x-7f3a9c2e' } })));
    // WHEN read THEN the Allow carries the guard, marked as coming from the Deny
    expect(variant.allow[0].conditions).toEqual([
      expect.objectContaining({
        base: 'stringequals',
        negated: false,
        ifExists: false,
        keyLower: 'sts:externalid',
        values: ['x-7f3a9c2e'],
        fromDeny: 'Deny StringNotEquals sts:ExternalId',
      }),
    ]);
    // AND the statement as written is unchanged
    expect(variant.writtenAllow[0].conditions).toEqual([]);
  });

  test('a Deny BoolIfExists aws:MultiFactorAuthPresent false requires MFA; without IfExists it does not', () => {
    // GIVEN the two spellings of the MFA Deny
    const [ifExists] = trustOf(doc(allow(VENDOR), deny({ BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } })));
    const [plain] = trustOf(doc(allow(VENDOR), deny({ Bool: { 'aws:MultiFactorAuthPresent': 'false' } })));
    // WHEN read THEN only the IfExists one is a guard, and the other says why not
    expect(requiresMfa(ifExists.allow[0])).toBe(true);
    expect(requiresMfa(plain.allow[0])).toBe(false);
    expect(plain.denies[0].why).toMatch(/false when the key is absent/);
  });

  test('a Deny Null true makes the key required', () => {
    const [variant] = trustOf(doc(allow(VENDOR), deny({ Null: { 'aws:PrincipalOrgID': 'true' } })));
    expect(variant.allow[0].conditions).toEqual([
      expect.objectContaining({ base: 'null', keyLower: 'aws:principalorgid', values: ['false'] }),
    ]);
  });

  test('a Deny NumericGreaterThanIfExists on aws:MultiFactorAuthAge bounds the MFA age', () => {
    const [variant] = trustOf(
      doc(allow(VENDOR), deny({ NumericGreaterThanIfExists: { 'aws:MultiFactorAuthAge': '3600' } })),
    );
    expect(requiresMfa(variant.allow[0])).toBe(true);
  });

  test.each([
    [
      'it names another principal',
      deny({ StringNotEquals: { 'sts:ExternalId': 'x-7f3a9c2e' } }, { AWS: 'arn:aws:iam::888888888888:root' }),
    ],
    [
      'it denies another action',
      deny({ StringNotEquals: { 'sts:ExternalId': 'x-7f3a9c2e' } }, { AWS: '*' }, 'sts:TagSession'),
    ],
    [
      'it has two condition clauses (it requires one key or the other)',
      deny({ StringNotEquals: { 'sts:ExternalId': 'x', 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } }),
    ],
    ['it excludes one value instead of requiring one', deny({ StringEquals: { 'sts:ExternalId': 'x' } })],
    ['it uses a set operator', deny({ 'ForAnyValue:StringNotEquals': { 'aws:PrincipalOrgPaths': 'o-a1b2c3d4e5/*' } })],
  ])('a Deny that fails to restrict is no guard: %s', (_name, statement) => {
    // GIVEN an Allow and a Deny that does not make a key required for it
    const [variant] = trustOf(doc(allow(VENDOR), statement));
    // WHEN read THEN the Allow is unchanged
    expect(variant.allow[0].conditions).toEqual([]);
  });

  test('a Deny with NotPrincipal covers every principal it does not list', () => {
    const [variant] = trustOf(
      doc(allow(VENDOR), {
        Effect: 'Deny',
        NotPrincipal: { AWS: 'arn:aws:iam::111111111111:root' },
        Action: 'sts:*',
        Condition: { StringNotEquals: { 'sts:ExternalId': 'x-1' } },
      }),
    );
    expect(variant.allow[0].conditions.map((c) => c.keyLower)).toEqual(['sts:externalid']);
  });

  test('a Deny without condition that covers an Allow removes it', () => {
    const [variant] = trustOf(doc(allow(VENDOR), deny(undefined, VENDOR, '*')));
    expect(variant.allow).toEqual([]);
    expect(variant.writtenAllow).toHaveLength(1);
  });

  test('a trust written as a JSON string built by Fn::Sub is read after substitution', () => {
    // GIVEN a JSON-string trust policy naming a parameter's account
    const document = {
      'Fn::Sub':
        '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:${AWS::Partition}:iam::${Vendor}:root"},"Action":"sts:AssumeRole"}]}',
    };
    const [variant] = trustOf(document, { Parameters: { Vendor: { Type: 'String', Default: '999999999999' } } });
    // WHEN read THEN the statement is there, and the variant says which value it used
    expect(variant.allow[0].principals).toEqual([
      { type: 'AWS', text: 'arn:{{AWS.Partition}}:iam::999999999999:root' },
    ]);
    expect(variant.description).toBe("when parameter Vendor keeps its default '999999999999'");
  });

  test('an Fn::If around a statement yields a variant per branch', () => {
    // GIVEN a statement present only when a condition holds
    const variants = trustOf(
      doc({ 'Fn::If': ['Open', allow('*'), { Ref: 'AWS::NoValue' }] }, allow({ Service: 'lambda.amazonaws.com' })),
      { Conditions: { Open: { 'Fn::Equals': [{ Ref: 'AWS::Region' }, 'x'] } } },
    );
    // WHEN read THEN one variant has both statements, the other only the service
    expect(variants.map((v) => [v.description, v.allow.length])).toEqual([
      ['when condition Open is true', 2],
      ['when condition Open is false', 1],
    ]);
  });
});
