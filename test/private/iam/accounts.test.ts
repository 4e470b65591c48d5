import {
  AccountKind,
  admittedParties,
  IamTemplate,
  narrowsToOrganization,
  ownershipOf,
  readStatements,
} from '../../../lib/private/iam';

/** The one statement of a policy with this statement. */
const statement = (s: object) => readStatements({ Statement: [s] })[0];
const star = (condition: object) =>
  statement({ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sts:AssumeRole', Condition: condition });

describe('who is admitted', () => {
  test('account roots, bare ids and role ARNs are parties of their accounts', () => {
    // GIVEN three spellings of principals
    const s = statement({
      Effect: 'Allow',
      Principal: { AWS: ['arn:aws:iam::999999999999:root', '888888888888', 'arn:aws:iam::777777777777:role/ci'] },
      Action: 'sts:AssumeRole',
    });
    // WHEN read THEN each names its account, only the role is concrete
    expect(admittedParties(s).map((p) => [p.account.id, p.concrete, p.via])).toEqual([
      ['999999999999', false, 'Principal'],
      ['888888888888', false, 'Principal'],
      ['777777777777', true, 'Principal'],
    ]);
  });

  test('"*" narrowed by aws:PrincipalAccount admits exactly those accounts, like their roots', () => {
    const parties = admittedParties(
      star({ StringEquals: { 'aws:PrincipalAccount': ['999999999999', '888888888888'] } }),
    );
    expect(parties.map((p) => [p.account.kind, p.account.id, p.concrete, p.via])).toEqual([
      [AccountKind.CONCRETE, '999999999999', false, 'aws:PrincipalAccount'],
      [AccountKind.CONCRETE, '888888888888', false, 'aws:PrincipalAccount'],
    ]);
  });

  test('"*" narrowed by aws:PrincipalAccount = ${aws:ResourceAccount} admits the role\'s own account only', () => {
    // GIVEN the policy variable of the role's account as the required caller account
    const parties = admittedParties(star({ StringEquals: { 'aws:PrincipalAccount': '${aws:ResourceAccount}' } }));
    // WHEN classified THEN it is the stack's own account
    expect(parties.map((p) => [p.account.kind, p.via])).toEqual([[AccountKind.STACK, 'aws:PrincipalAccount']]);
    expect(ownershipOf(parties[0].account, undefined, [])).toBe('own');
  });

  test("aws:PrincipalOrgID = ${aws:ResourceOrgID} narrows to the role's own organization; ${aws:PrincipalOrgID} is a tautology", () => {
    // GIVEN the same-organization spelling, and the key compared with its own variable
    const same = star({ StringEquals: { 'aws:PrincipalOrgID': '${aws:ResourceOrgID}' } });
    const tautology = star({ StringEquals: { 'aws:PrincipalOrgID': '${aws:PrincipalOrgID}' } });
    // WHEN read THEN only the first narrows, with or without an organizationId
    expect(narrowsToOrganization(same)).toBe(true);
    expect(narrowsToOrganization(same, 'o-a1b2c3d4e5')).toBe(true);
    expect(narrowsToOrganization(tautology)).toBe(false);
    expect(narrowsToOrganization(tautology, 'o-a1b2c3d4e5')).toBe(false);
  });

  test('"*" narrowed by aws:PrincipalArn admits the ARNs: a role is concrete, an account-wide pattern is not', () => {
    const parties = admittedParties(
      star({ ArnLike: { 'aws:PrincipalArn': ['arn:aws:iam::999999999999:role/ci', 'arn:aws:iam::888888888888:*'] } }),
    );
    expect(parties.map((p) => [p.account.id, p.concrete])).toEqual([
      ['999999999999', true],
      ['888888888888', false],
    ]);
  });

  test('aws:PrincipalArn bounds an account root principal too', () => {
    const s = statement({
      Effect: 'Allow',
      Principal: { AWS: '999999999999' },
      Action: 'sts:AssumeRole',
      Condition: { ArnEquals: { 'aws:PrincipalArn': 'arn:aws:iam::999999999999:role/ci' } },
    });
    expect(admittedParties(s).map((p) => [p.account.id, p.concrete])).toEqual([['999999999999', true]]);
  });

  test('an un-narrowed "*", or one narrowed with IfExists, admits any account', () => {
    expect(admittedParties(star({}))[0].account.kind).toBe(AccountKind.ANY);
    expect(
      admittedParties(star({ StringEqualsIfExists: { 'aws:PrincipalAccount': '999999999999' } }))[0].account.kind,
    ).toBe(AccountKind.ANY);
  });

  test("a role of the same template, by ARN or unique id, is one identity of the stack's own account", () => {
    const template = IamTemplate.fromJson({ Resources: { Ci: { Type: 'AWS::IAM::Role', Properties: {} } } });
    const s = statement({
      Effect: 'Allow',
      Principal: { AWS: ['{{GetAtt.Ci.Arn}}', '{{GetAtt.Ci.RoleId}}'] },
      Action: 'sts:AssumeRole',
    });
    expect(admittedParties(s, template).map((p) => [p.account.kind, p.concrete])).toEqual([
      [AccountKind.STACK, true],
      [AccountKind.STACK, true],
    ]);
  });

  test.each([
    [{ kind: AccountKind.STACK }, 'own'],
    [{ kind: AccountKind.CONCRETE, id: '444444444444' }, 'own'],
    [{ kind: AccountKind.CONCRETE, id: '111111111111' }, 'own'],
    [{ kind: AccountKind.CONCRETE, id: '999999999999' }, 'foreign'],
    [{ kind: AccountKind.UNKNOWN }, 'unknown'],
    [{ kind: AccountKind.ANY }, 'any'],
  ])('ownership of %j is %s (stack 444444444444, own 111111111111)', (account, expected) => {
    expect(ownershipOf(account, '444444444444', ['111111111111'])).toBe(expected);
  });

  test('an organization narrows only when it is the one given', () => {
    const s = star({ StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } });
    expect(narrowsToOrganization(s, 'o-a1b2c3d4e5')).toBe(true);
    expect(narrowsToOrganization(s, 'o-zzzzzzzzzz')).toBe(false);
    expect(
      narrowsToOrganization(
        star({ 'ForAnyValue:StringLike': { 'aws:PrincipalOrgPaths': 'o-a1b2c3d4e5/r-ab12/*' } }),
        'o-a1b2c3d4e5',
      ),
    ).toBe(true);
  });
});

describe('who is admitted, through values unknown before deployment', () => {
  test('a parameter or a GetAtt under aws:PrincipalArn names one identity', () => {
    // GIVEN "*" narrowed by aws:PrincipalArn to a parameter, and to a role of the template
    const template = IamTemplate.fromJson({ Resources: { Scanner: { Type: 'AWS::IAM::Role', Properties: {} } } });
    const byParameter = admittedParties(star({ ArnLike: { 'aws:PrincipalArn': '{{Ref.ScannerRoleArn}}' } }), template);
    const byGetAtt = admittedParties(star({ ArnLike: { 'aws:PrincipalArn': '{{GetAtt.Scanner.Arn}}' } }), template);
    // THEN both are concrete, the second of the template's own account
    expect(byParameter.map((p) => [p.account.kind, p.concrete])).toEqual([[AccountKind.UNKNOWN, true]]);
    expect(byGetAtt.map((p) => [p.account.kind, p.concrete])).toEqual([[AccountKind.STACK, true]]);
  });
});
