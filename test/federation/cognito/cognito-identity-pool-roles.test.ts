import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { IdentityPool, IdentityPoolProviderUrl } from 'aws-cdk-lib/aws-cognito-identitypool';
import * as iam from 'aws-cdk-lib/aws-iam';
import {
  CognitoIdentityPoolRole,
  CognitoIdentityType,
} from '../../../lib/federation/cognito/cognito-identity-pool-role';
import { CognitoIdentityPoolRoles } from '../../../lib/federation/cognito/cognito-identity-pool-roles';
import {
  AmbiguousRoleResolution,
  ClaimMatchType,
  CognitoLoginProvider,
  CognitoRoleMapping,
  CognitoRoleMappingRule,
} from '../../../lib/federation/cognito/cognito-role-mapping';
import {
  AssumeRequest,
  TrustCase,
  TrustCaseOutcome,
  TrustDecision,
  TrustEvaluator,
  TrustTable,
} from '../../../lib/testing';

const POOL = 'eu-west-1:11111111-2222-3333-4444-555555555555';

function stack(): Stack {
  return new Stack(new App(), 'Dev', { env: { account: '222222222222', region: 'eu-west-1' } });
}

function existing(s: Stack) {
  return IdentityPool.fromIdentityPoolId(s, 'Pool', POOL);
}

describe('CognitoIdentityPoolRoles on an existing pool id', () => {
  test('guest access is off by default: one authenticated role, no unauthenticated role at all', () => {
    // GIVEN
    const s = stack();
    // WHEN
    const roles = new CognitoIdentityPoolRoles(s, 'PoolRoles', { identityPool: existing(s) });
    // THEN
    const t = Template.fromStack(s);
    t.resourceCountIs('AWS::IAM::Role', 1);
    t.hasResourceProperties('AWS::Cognito::IdentityPoolRoleAttachment', {
      IdentityPoolId: POOL,
      Roles: { authenticated: { 'Fn::GetAtt': [Match.stringLikeRegexp('^PoolRolesAuthenticatedRole'), 'Arn'] } },
    });
    expect(
      t.findResources('AWS::Cognito::IdentityPoolRoleAttachment')[
        Object.keys(t.findResources('AWS::Cognito::IdentityPoolRoleAttachment'))[0]
      ].Properties.Roles.unauthenticated,
    ).toBeUndefined();
    expect(roles.unauthenticatedRole).toBeUndefined();
    expect(roles.allowGuestAccess).toBe(false);
    expect(roles.attachment.node.id).toBe('Resource');
    expect(roles.authenticatedRole.identityPoolId).toBe(POOL);
  });

  test('guest access on adds the unauthenticated role to the attachment', () => {
    // GIVEN
    const s = stack();
    // WHEN
    const roles = new CognitoIdentityPoolRoles(s, 'PoolRoles', { identityPool: existing(s), allowGuestAccess: true });
    // THEN
    Template.fromStack(s).hasResourceProperties('AWS::Cognito::IdentityPoolRoleAttachment', {
      Roles: {
        authenticated: { 'Fn::GetAtt': [Match.stringLikeRegexp('^PoolRolesAuthenticatedRole'), 'Arn'] },
        unauthenticated: { 'Fn::GetAtt': [Match.stringLikeRegexp('^PoolRolesUnauthenticatedRole'), 'Arn'] },
      },
    });
    expect(roles.unauthenticatedRole!.identityType).toBe(CognitoIdentityType.UNAUTHENTICATED);
  });

  test('guest role options without guest access are refused', () => {
    // GIVEN
    const s = stack();
    // WHEN / THEN
    expect(
      () =>
        new CognitoIdentityPoolRoles(s, 'PoolRoles', { identityPool: existing(s), guestRole: { roleName: 'Guests' } }),
    ).toThrow(
      "Dev/PoolRoles: invalid guestRole: received 'options for a guest role'; expected allowGuestAccess: true as well (guest access is off by default, and then no guest role exists).",
    );
  });

  test('role options reach the roles', () => {
    // GIVEN
    const s = stack();
    // WHEN
    new CognitoIdentityPoolRoles(s, 'PoolRoles', {
      identityPool: existing(s),
      allowGuestAccess: true,
      authenticatedRole: { roleName: 'AppUsers', allowSessionTags: true },
      guestRole: { roleName: 'AppGuests' },
    });
    // THEN
    const t = Template.fromStack(s);
    t.hasResourceProperties('AWS::IAM::Role', {
      RoleName: 'AppUsers',
      AssumeRolePolicyDocument: { Statement: [{ Action: ['sts:AssumeRoleWithWebIdentity', 'sts:TagSession'] }] },
    });
    t.hasResourceProperties('AWS::IAM::Role', {
      RoleName: 'AppGuests',
      AssumeRolePolicyDocument: { Statement: [{ Action: 'sts:AssumeRoleWithWebIdentity' }] },
    });
  });

  test('rules mappings render per provider with Deny by default, roles by ARN', () => {
    // GIVEN
    const s = stack();
    const roles = new CognitoIdentityPoolRoles(s, 'PoolRoles', { identityPool: existing(s) });
    const admins = roles.addRole('Admins', { roleName: 'AppAdmins' });
    const readers = roles.addRole('Readers');
    // WHEN
    roles.addRoleMapping(
      CognitoRoleMapping.fromRules(
        CognitoLoginProvider.custom('cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbCdEf123:client1'),
        [
          { claim: 'cognito:groups', matchType: ClaimMatchType.CONTAINS, value: 'admins', role: admins },
          { claim: 'custom:team', value: 'readers', role: readers },
        ],
      ),
    );
    roles.addRoleMapping(
      CognitoRoleMapping.fromToken(CognitoLoginProvider.openIdConnect('login.example.com'), {
        ambiguousRoleResolution: AmbiguousRoleResolution.AUTHENTICATED_ROLE,
      }),
    );
    // THEN
    Template.fromStack(s).hasResourceProperties('AWS::Cognito::IdentityPoolRoleAttachment', {
      RoleMappings: {
        Provider1: {
          IdentityProvider: 'cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbCdEf123:client1',
          Type: 'Rules',
          AmbiguousRoleResolution: 'Deny',
          RulesConfiguration: {
            Rules: [
              {
                Claim: 'cognito:groups',
                MatchType: 'Contains',
                Value: 'admins',
                RoleARN: { 'Fn::GetAtt': [Match.stringLikeRegexp('^PoolRolesAdmins'), 'Arn'] },
              },
              {
                Claim: 'custom:team',
                MatchType: 'Equals',
                Value: 'readers',
                RoleARN: { 'Fn::GetAtt': [Match.stringLikeRegexp('^PoolRolesReaders'), 'Arn'] },
              },
            ],
          },
        },
        Provider2: {
          IdentityProvider: 'login.example.com',
          Type: 'Token',
          AmbiguousRoleResolution: 'AuthenticatedRole',
          RulesConfiguration: Match.absent(),
        },
      },
    });
    expect(admins.identityType).toBe(CognitoIdentityType.AUTHENTICATED);
    expect(roles.roleMappings).toHaveLength(2);
  });

  test('without mappings, RoleMappings is absent', () => {
    const s = stack();
    new CognitoIdentityPoolRoles(s, 'PoolRoles', { identityPool: existing(s) });
    Template.fromStack(s).hasResourceProperties('AWS::Cognito::IdentityPoolRoleAttachment', {
      RoleMappings: Match.absent(),
    });
  });

  describe('limits', () => {
    function rules(n: number, role: iam.IRole): CognitoRoleMappingRule[] {
      return Array.from({ length: n }, (_, i) => ({ claim: 'custom:team', value: `team${i}`, role }));
    }

    test.each([
      [25, true],
      [26, false],
      [1, true],
      [0, false],
    ])('%d rules in one mapping: accepted=%s', (n, ok) => {
      // GIVEN
      const s = stack();
      const roles = new CognitoIdentityPoolRoles(s, 'PoolRoles', { identityPool: existing(s) });
      // WHEN
      const add = () =>
        roles.addRoleMapping(
          CognitoRoleMapping.fromRules(
            CognitoLoginProvider.custom('login.example.com'),
            rules(n, roles.authenticatedRole),
          ),
        );
      // THEN
      if (ok) expect(add).not.toThrow();
      else
        expect(add).toThrow(
          `Dev/PoolRoles: invalid number of rules of the role mapping for login.example.com: received ${n}; expected 1 to 25.`,
        );
    });

    test('10 mappings pass, the 11th throws', () => {
      // GIVEN
      const s = stack();
      const roles = new CognitoIdentityPoolRoles(s, 'PoolRoles', { identityPool: existing(s) });
      // WHEN
      for (let i = 0; i < 10; i++)
        roles.addRoleMapping(CognitoRoleMapping.fromToken(CognitoLoginProvider.custom(`idp${i}.example.com`)));
      // THEN
      expect(() =>
        roles.addRoleMapping(CognitoRoleMapping.fromToken(CognitoLoginProvider.custom('idp10.example.com'))),
      ).toThrow(
        'Dev/PoolRoles: invalid number of role mappings: received 11; expected at most 10 (one per identity provider).',
      );
    });

    test('one mapping per provider', () => {
      const s = stack();
      const roles = new CognitoIdentityPoolRoles(s, 'PoolRoles', { identityPool: existing(s) });
      roles.addRoleMapping(CognitoRoleMapping.fromToken(CognitoLoginProvider.custom('login.example.com')));
      expect(() =>
        roles.addRoleMapping(CognitoRoleMapping.fromToken(CognitoLoginProvider.custom('login.example.com'))),
      ).toThrow(
        "Dev/PoolRoles: invalid role mapping provider: received 'login.example.com'; expected one role mapping per provider.",
      );
    });

    test.each([
      ['c'.repeat(64), 'v', true],
      ['c'.repeat(65), 'v', false],
      ['has space', 'v', false],
      ['', 'v', false],
      ['custom:team', 'v'.repeat(128), true],
      ['custom:team', 'v'.repeat(129), false],
      ['custom:team', '', false],
    ])('claim %p value %p: accepted=%s', (claim, value, ok) => {
      // GIVEN
      const s = stack();
      const roles = new CognitoIdentityPoolRoles(s, 'PoolRoles', { identityPool: existing(s) });
      // WHEN
      const add = () =>
        roles.addRoleMapping(
          CognitoRoleMapping.fromRules(CognitoLoginProvider.custom('x.example.com'), [
            { claim, value, role: roles.authenticatedRole },
          ]),
        );
      // THEN
      if (ok) expect(add).not.toThrow();
      else
        expect(add).toThrow(
          /^Dev\/PoolRoles: invalid (role mapping claim|value of role mapping claim .*): received .*; expected (1 to 64 characters without spaces, like 'cognito:groups'|1 to 128 characters)\.$/,
        );
    });
  });

  test('a mapped role for guests, or for another pool, is refused', () => {
    // GIVEN
    const s = stack();
    const roles = new CognitoIdentityPoolRoles(s, 'PoolRoles', { identityPool: existing(s) });
    const guestRole = new CognitoIdentityPoolRole(s, 'Guest', {
      identityPoolId: POOL,
      identityType: CognitoIdentityType.UNAUTHENTICATED,
    });
    const otherPool = new CognitoIdentityPoolRole(s, 'Other', {
      identityPoolId: 'eu-west-1:99999999-2222-3333-4444-555555555555',
      identityType: CognitoIdentityType.AUTHENTICATED,
    });
    const provider = CognitoLoginProvider.custom('login.example.com');
    // WHEN / THEN
    expect(() =>
      roles.addRoleMapping(CognitoRoleMapping.fromRules(provider, [{ claim: 'c', value: 'v', role: guestRole }])),
    ).toThrow(
      "Dev/PoolRoles: invalid role of role mapping claim c: received 'Dev/Guest'; expected a role for authenticated identities: role mappings apply to signed-in users.",
    );
    expect(() =>
      roles.addRoleMapping(CognitoRoleMapping.fromRules(provider, [{ claim: 'c', value: 'v', role: otherPool }])),
    ).toThrow(
      `Dev/PoolRoles: invalid role of role mapping claim c: received 'Dev/Other'; expected a role that trusts this pool (${POOL}); it trusts eu-west-1:99999999-2222-3333-4444-555555555555.`,
    );
  });
});

describe('CognitoIdentityPoolRoles on an aws-cdk-lib IdentityPool', () => {
  test("takes over the pool's attachment and removes its default roles, the unauthenticated one included", () => {
    // GIVEN
    const s = stack();
    const pool = new IdentityPool(s, 'Pool');
    // WHEN
    const roles = new CognitoIdentityPoolRoles(s, 'PoolRoles', { identityPool: pool });
    // THEN
    const t = Template.fromStack(s);
    t.resourceCountIs('AWS::IAM::Role', 1);
    t.resourceCountIs('AWS::Cognito::IdentityPoolRoleAttachment', 1);
    t.hasResourceProperties('AWS::Cognito::IdentityPool', { AllowUnauthenticatedIdentities: false });
    t.hasResourceProperties('AWS::Cognito::IdentityPoolRoleAttachment', {
      IdentityPoolId: { Ref: Match.stringLikeRegexp('^Pool') },
      Roles: { authenticated: { 'Fn::GetAtt': [Match.stringLikeRegexp('^PoolRolesAuthenticatedRole'), 'Arn'] } },
    });
    expect(roles.attachment).toBe(pool.roleAttachment);
    expect(pool.authenticatedRole).toBe(roles.authenticatedRole);
    expect(() => pool.unauthenticatedRole).toThrow(
      'Dev/Pool: this identity pool has no unauthenticated role: guest access is off (Dev/PoolRoles).',
    );
  });

  test("with guest access on both sides, the pool's roles are this construct's", () => {
    // GIVEN
    const s = stack();
    const pool = new IdentityPool(s, 'Pool', { allowUnauthenticatedIdentities: true });
    // WHEN
    const roles = new CognitoIdentityPoolRoles(s, 'PoolRoles', { identityPool: pool, allowGuestAccess: true });
    // THEN
    Template.fromStack(s).resourceCountIs('AWS::IAM::Role', 2);
    expect(pool.unauthenticatedRole).toBe(roles.unauthenticatedRole);
  });

  test('guest access must agree with the pool', () => {
    const s = stack();
    const pool = new IdentityPool(s, 'Pool', { allowUnauthenticatedIdentities: true });
    expect(() => new CognitoIdentityPoolRoles(s, 'PoolRoles', { identityPool: pool })).toThrow(
      "Dev/PoolRoles: invalid allowGuestAccess: received false; expected the same as the IdentityPool's allowUnauthenticatedIdentities (true).",
    );
  });

  test('permissions already granted to a default role are not silently dropped', () => {
    // GIVEN
    const s = stack();
    const pool = new IdentityPool(s, 'Pool');
    pool.authenticatedRole.addToPrincipalPolicy(
      new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: ['arn:aws:s3:::b/k'] }),
    );
    // WHEN / THEN
    expect(() => new CognitoIdentityPoolRoles(s, 'PoolRoles', { identityPool: pool })).toThrow(
      "Dev/PoolRoles: the IdentityPool's default authenticatedRole already holds DefaultPolicy; create CognitoIdentityPoolRoles right after the pool and grant permissions to its roles instead.",
    );
  });

  test('role mappings given to the IdentityPool are refused (one attachment per pool)', () => {
    // GIVEN
    const s = stack();
    const up = cognito.UserPool.fromUserPoolId(s, 'Up', 'eu-west-1_AbCdEf123');
    const client = cognito.UserPoolClient.fromUserPoolClientId(s, 'Client', 'client1');
    const pool = new IdentityPool(s, 'Pool', {
      roleMappings: [{ providerUrl: IdentityPoolProviderUrl.userPool(up, client), mappingKey: 'up', useToken: true }],
    });
    // WHEN / THEN
    expect(() => new CognitoIdentityPoolRoles(s, 'PoolRoles', { identityPool: pool })).toThrow(
      "Dev/PoolRoles: invalid IdentityPool roleMappings: received 'role mappings given to the IdentityPool'; expected role mappings given to CognitoIdentityPoolRoles (it writes the pool's only role attachment).",
    );
  });
});

/*
 * Request tables, evaluated against the synthesized trust policies with lib/testing's TrustEvaluator
 * (@cloud-copilot/iam-simulate), validated mode first, then with the provider's claims evaluated as given.
 * Rows the evaluator cannot judge are asserted UNDETERMINED with the keys it ignored, never counted as passes:
 *  - the `amr` Cognito really sends for a signed-in user holds several values (`authenticated` and the
 *    provider), and the evaluator treats `cognito-identity.amazonaws.com:amr` as single-valued;
 *  - `accounts.google.com:amr` and Cognito keys for `sts:TagSession` are unknown to its data.
 * The `ForAnyValue:StringLike` amr block that makes the multi-valued case work is asserted exactly above.
 */
describe('CognitoIdentityPoolRoles request tables', () => {
  const POOL_ID = 'us-east-1:11111111-2222-3333-4444-555555555555';
  const OTHER_POOL = 'us-east-1:99999999-2222-3333-4444-555555555555';
  const COGNITO = 'cognito-identity.amazonaws.com';
  const { ALLOWED, DENIED } = TrustDecision;
  const request = (
    audience: string | undefined,
    amr: string[] | undefined,
    sessionTags?: { key: string; value: string }[],
  ) => AssumeRequest.webIdentity(COGNITO, { audience, claims: amr ? [{ name: 'amr', values: amr }] : [], sessionTags });
  const REAL_AMR = [
    'authenticated',
    'cognito-idp.us-east-1.amazonaws.com/us-east-1_AbCdEf123',
    'cognito-idp.us-east-1.amazonaws.com/us-east-1_AbCdEf123:CognitoSignIn:0a1b2c3d',
  ];

  function tableStack(): Stack {
    const s = new Stack(new App(), 'Dev', { env: { account: '222222222222', region: 'us-east-1' } });
    new CognitoIdentityPoolRoles(s, 'PoolRoles', {
      identityPool: IdentityPool.fromIdentityPoolId(s, 'Pool', POOL_ID),
      allowGuestAccess: true,
      authenticatedRole: { roleName: 'AppUsers' },
      guestRole: { roleName: 'AppGuests' },
    });
    return s;
  }

  const userCases: TrustCase[] = [
    { name: 'signed-in user of the pool', request: request(POOL_ID, ['authenticated']), expected: ALLOWED },
    {
      name: 'signed-in user, amr as Cognito sends it (several values)',
      request: request(POOL_ID, REAL_AMR),
      expected: ALLOWED,
    },
    { name: 'guest of the pool', request: request(POOL_ID, ['unauthenticated']), expected: DENIED },
    { name: 'signed-in user of another pool', request: request(OTHER_POOL, ['authenticated']), expected: DENIED },
    { name: 'missing audience', request: request(undefined, ['authenticated']), expected: DENIED },
    { name: 'missing amr', request: request(POOL_ID, undefined), expected: DENIED },
    {
      name: 'token of another provider (Google) with the pool id as audience',
      request: AssumeRequest.webIdentity('accounts.google.com', {
        audience: POOL_ID,
        claims: [{ name: 'amr', values: ['authenticated'] }],
      }),
      expected: DENIED,
    },
    {
      name: 'session tags not allowed',
      request: request(POOL_ID, ['authenticated'], [{ key: 'team', value: 'a' }]),
      expected: DENIED,
    },
  ];
  const guestCases: TrustCase[] = [
    { name: 'guest of the pool', request: request(POOL_ID, ['unauthenticated']), expected: ALLOWED },
    { name: 'signed-in user of the pool', request: request(POOL_ID, ['authenticated']), expected: DENIED },
    { name: 'guest of another pool', request: request(OTHER_POOL, ['unauthenticated']), expected: DENIED },
    { name: 'missing audience', request: request(undefined, ['unauthenticated']), expected: DENIED },
    { name: 'missing amr', request: request(POOL_ID, undefined), expected: DENIED },
  ];

  test.each([
    [
      'AppUsers',
      userCases,
      {
        'signed-in user, amr as Cognito sends it (several values)': ['cognito-identity.amazonaws.com:amr'],
        'token of another provider (Google) with the pool id as audience': ['accounts.google.com:amr'],
        'session tags not allowed': ['cognito-identity.amazonaws.com:amr', 'cognito-identity.amazonaws.com:aud'],
      },
      { 'signed-in user, amr as Cognito sends it (several values)': ['cognito-identity.amazonaws.com:amr'] },
    ],
    ['AppGuests', guestCases, {}, {}],
  ])(
    '%s: every row the evaluator can judge is as expected; the rest is reported UNDETERMINED',
    async (role, cases, strictGaps, claimGaps) => {
      // GIVEN
      const s = tableStack();
      // WHEN
      const strict = await TrustTable.evaluate(TrustEvaluator.fromStack(s), role as string, cases as TrustCase[]);
      const claims = await TrustTable.evaluate(
        TrustEvaluator.fromStack(s, { evaluateFederatedClaims: true }),
        role as string,
        cases as TrustCase[],
      );
      // THEN
      const gaps = (report: typeof strict) =>
        Object.fromEntries(
          report.results
            .filter((r) => r.outcome === TrustCaseOutcome.UNDETERMINED)
            .map((r) => [r.name, [...r.result.ignoredContextKeys].sort()]),
        );
      for (const [report, expectedGaps] of [
        [strict, strictGaps],
        [claims, claimGaps],
      ] as const) {
        expect(report.failed).toBe(0);
        expect(gaps(report)).toEqual(expectedGaps);
        expect(report.passed).toBe((cases as TrustCase[]).length - Object.keys(expectedGaps).length);
      }
    },
    60_000,
  );
});
