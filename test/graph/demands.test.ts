import { demandsOf, mergeDemands } from '../../lib/graph/demands';
import { readStatements } from '../../lib/private/iam/policy';

const texts = (Condition: unknown, Action: unknown = 'sts:AssumeRole', omitKeys?: string[]) =>
  demandsOf(readStatements({ Statement: [{ Effect: 'Allow', Action, Principal: '*', Condition }] })[0], {
    omitKeys,
  }).map((d) => d.text);

describe('demandsOf', () => {
  test('MFA with its maximum age, as people say it', () => {
    expect(texts({ Bool: { 'aws:MultiFactorAuthPresent': 'true' } })).toEqual(['MFA']);
    expect(
      texts({ Bool: { 'aws:MultiFactorAuthPresent': 'true' }, NumericLessThan: { 'aws:MultiFactorAuthAge': '3600' } }),
    ).toEqual(['MFA ≤ 1 h']);
    expect(texts({ NumericLessThanEquals: { 'aws:MultiFactorAuthAge': '5400' } })).toEqual(['MFA ≤ 90 min']);
    expect(texts({ BoolIfExists: { 'aws:MultiFactorAuthPresent': 'true' } })).toEqual(['MFA true (if present)']);
  });

  test('ExternalId without its value; an IfExists is said', () => {
    expect(texts({ StringEquals: { 'sts:ExternalId': 'secret-ish' } })).toEqual(['ExternalId']);
    expect(texts({ StringEqualsIfExists: { 'sts:ExternalId': 'x' } })).toEqual(['ExternalId (if present)']);
  });

  test('claims, organization, source, and keys it has no word for', () => {
    expect(
      texts({
        StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:a/b:*' },
        StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' },
      }),
    ).toEqual(['sub ~ repo:a/b:*', 'aud sts.amazonaws.com']);
    expect(
      texts({ StringEquals: { 'aws:PrincipalOrgID': 'o-abc1234567', 'aws:SourceAccount': '111111111111' } }),
    ).toEqual(['org o-abc1234567', 'sourceaccount 111111111111']);
    expect(texts({ IpAddress: { 'aws:SourceIp': ['10.0.0.0/8', '192.168.0.0/16', '172.16.0.0/12'] } })).toEqual([
      'aws:SourceIp 10.0.0.0/8 | 192.168.0.0/16 | … (+1)',
    ]);
  });

  test('omits the keys a party node stands for; says what the extra STS actions allow', () => {
    expect(
      texts({ StringEquals: { 'x.example.com:sub': 'a', 'x.example.com:aud': 'b' } }, 'sts:AssumeRoleWithWebIdentity', [
        'x.example.com:sub',
      ]),
    ).toEqual(['aud b']);
    expect(texts(undefined, ['sts:AssumeRole', 'sts:SetSourceIdentity', 'sts:TagSession'])).toEqual([
      'may set source identity',
      'may tag session',
    ]);
  });
});

describe('mergeDemands', () => {
  test('keeps the strictest MFA of both sides and every other demand once', () => {
    expect(
      mergeDemands(
        [
          { key: 'mfa', text: 'MFA' },
          { key: 'external-id', text: 'ExternalId' },
        ],
        [
          { key: 'mfa', text: 'MFA ≤ 1 h' },
          { key: 'external-id', text: 'ExternalId' },
        ],
      ),
    ).toEqual([
      { key: 'mfa', text: 'MFA ≤ 1 h' },
      { key: 'external-id', text: 'ExternalId' },
    ]);
  });
});
