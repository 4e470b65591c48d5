import { App, CfnOutput, CfnResource, Duration, Stack } from 'aws-cdk-lib';
import { IdentityPool } from 'aws-cdk-lib/aws-cognito-identitypool';
import * as iam from 'aws-cdk-lib/aws-iam';
import { CognitoIdentityPoolRoles } from '../../lib';
import { AssumeRequest, TrustDecision, TrustEvaluator } from '../../lib/testing';

// Evaluations load the evaluator's data on first use and synthesize stacks: generous on a shared CI machine.
jest.setTimeout(30_000);

const HUB = '111111111111';
const DEV = '222222222222';
const VENDOR = '999999999999';
const ALICE = `arn:aws:iam::${HUB}:user/alice`;
const GITHUB = `arn:aws:iam::${DEV}:oidc-provider/token.actions.githubusercontent.com`;

function devStack(): Stack {
  return new Stack(new App(), 'Dev', { env: { account: DEV, region: 'eu-west-1' } });
}

describe('TrustEvaluator: account root trust with MFA', () => {
  // GIVEN a role trusting the hub account when MFA is present and at most an hour old
  const stack = devStack();
  new iam.Role(stack, 'Admin', {
    roleName: 'Admin',
    assumedBy: new iam.AccountPrincipal(HUB).withConditions({
      Bool: { 'aws:MultiFactorAuthPresent': 'true' },
      NumericLessThan: { 'aws:MultiFactorAuthAge': '3600' },
    }),
  });
  const evaluator = TrustEvaluator.fromStack(stack);

  test('a hub user with fresh MFA is allowed, by the trust policy alone', async () => {
    // WHEN
    const result = await evaluator.assume(
      'Admin',
      AssumeRequest.fromPrincipal(ALICE, { mfa: true, mfaAge: Duration.seconds(60) }),
    );
    // THEN
    expect(result.decision).toBe(TrustDecision.ALLOWED);
    expect(result.trustOnly).toBe(true);
    expect(result.ignoredContextKeys).toEqual([]);
    expect(result.roleArn).toBe(`arn:aws:iam::${DEV}:role/Admin`);
    expect(result.matchedStatements).toEqual([
      { action: 'sts:AssumeRole', policy: 'trust policy', effect: 'Allow', statement: 'statement 1' },
    ]);
    expect(result.reasons.join('\n')).toMatch(/identity policies were not supplied/);
  });

  test('a hub user without MFA is denied (the MFA keys are absent for long-term credentials)', async () => {
    const result = await evaluator.assume('Admin', AssumeRequest.fromPrincipal(ALICE));
    expect(result.decision).toBe(TrustDecision.DENIED);
    expect(result.actions[0].evaluatorResult).toBe('ImplicitlyDenied');
    expect(result.explanation).toMatch(/no statement of the trust policy allows arn:aws:iam::111111111111:user\/alice/);
  });

  test('a role session without MFA is denied (the key is present and false for temporary credentials)', async () => {
    const request = AssumeRequest.fromPrincipal(`arn:aws:sts::${HUB}:assumed-role/Ops/alice`);
    expect(request.context).toContainEqual({ key: 'aws:MultiFactorAuthPresent', values: ['false'] });
    expect((await evaluator.assume('Admin', request)).decision).toBe(TrustDecision.DENIED);
  });

  test('the evaluator understands aws:MultiFactorAuthAge: 3599 seconds passes, 3600 is denied', async () => {
    // The key is known for sts:AssumeRole, so the age decides, and nothing is ignored.
    const fresh = await evaluator.assume(
      'Admin',
      AssumeRequest.fromPrincipal(ALICE, { mfa: true, mfaAge: Duration.seconds(3599) }),
    );
    const stale = await evaluator.assume(
      'Admin',
      AssumeRequest.fromPrincipal(ALICE, { mfa: true, mfaAge: Duration.seconds(3600) }),
    );
    expect(fresh.decision).toBe(TrustDecision.ALLOWED);
    expect(stale.decision).toBe(TrustDecision.DENIED);
    expect(stale.ignoredContextKeys).toEqual([]);
  });

  test('a user of another account is denied even with MFA', async () => {
    const result = await evaluator.assume(
      'Admin',
      AssumeRequest.fromPrincipal(`arn:aws:iam::${VENDOR}:user/mallory`, { mfa: true }),
    );
    expect(result.decision).toBe(TrustDecision.DENIED);
  });

  test('the role is found by RoleName, logical id and construct path', async () => {
    const logicalId = evaluator.roles()[0];
    expect(logicalId).toMatch(/^Admin[0-9A-F]{8}$/);
    for (const name of ['Admin', logicalId, 'Admin/Resource']) {
      expect(evaluator.roleArn(name)).toBe(`arn:aws:iam::${DEV}:role/Admin`);
    }
  });

  test('an unknown role is an error listing the roles', async () => {
    await expect(evaluator.assume('Nope', AssumeRequest.fromPrincipal(ALICE))).rejects.toThrow(
      /invalid role: received 'Nope'; expected the logical id, RoleName or construct path of an AWS::IAM::Role of the template \(found: Admin[0-9A-F]{8} \(Admin\)\)/,
    );
  });
});

describe('TrustEvaluator: ExternalId', () => {
  const stack = devStack();
  new iam.Role(stack, 'Vendor', {
    roleName: 'VendorAccess',
    assumedBy: new iam.AccountPrincipal(VENDOR).withConditions({
      StringEquals: { 'sts:ExternalId': 'vendor-ext-id-0001' },
    }),
  });
  const evaluator = TrustEvaluator.fromStack(stack);
  const vendorRole = `arn:aws:iam::${VENDOR}:role/Integration`;

  test('the right external id is allowed', async () => {
    const result = await evaluator.assume(
      'VendorAccess',
      AssumeRequest.fromPrincipal(vendorRole, { externalId: 'vendor-ext-id-0001' }),
    );
    expect(result.decision).toBe(TrustDecision.ALLOWED);
    expect(result.principal).toBe(`arn:aws:sts::${VENDOR}:assumed-role/Integration/cdk-sts-kit-test`);
  });

  test.each([
    ['a wrong external id', { externalId: 'vendor-ext-id-0002' }],
    ['no external id', {}],
  ])('%s is denied', async (_name, options) => {
    const result = await evaluator.assume('VendorAccess', AssumeRequest.fromPrincipal(vendorRole, options));
    expect(result.decision).toBe(TrustDecision.DENIED);
    expect(result.ignoredContextKeys).toEqual([]);
  });
});

describe('TrustEvaluator: organization scoping', () => {
  const stack = devStack();
  new iam.Role(stack, 'OrgRead', {
    roleName: 'OrgRead',
    assumedBy: new iam.AnyPrincipal().withConditions({ StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } }),
  });
  new iam.Role(stack, 'OuRead', {
    roleName: 'OuRead',
    assumedBy: new iam.AnyPrincipal().withConditions({
      'ForAnyValue:StringLike': { 'aws:PrincipalOrgPaths': 'o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/*' },
    }),
  });
  const evaluator = TrustEvaluator.fromStack(stack);

  test.each([
    ['a member of the organization', { organizationId: 'o-a1b2c3d4e5' }, TrustDecision.ALLOWED],
    ['a member of another organization', { organizationId: 'o-zzzzzzzzzz' }, TrustDecision.DENIED],
    ['an account outside any organization', {}, TrustDecision.DENIED],
  ])('aws:PrincipalOrgID: %s', async (_name, options, expected) => {
    const result = await evaluator.assume('OrgRead', AssumeRequest.fromPrincipal(ALICE, options));
    expect(result.decision).toBe(expected);
  });

  test.each([
    ['an account under the OU', ['o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/ou-ab12-22222222/'], TrustDecision.ALLOWED],
    ['an account under a sibling OU', ['o-a1b2c3d4e5/r-ab12/ou-ab12-33333333/'], TrustDecision.DENIED],
  ])('aws:PrincipalOrgPaths: %s', async (_name, organizationPaths, expected) => {
    const result = await evaluator.assume('OuRead', AssumeRequest.fromPrincipal(ALICE, { organizationPaths }));
    expect(result.decision).toBe(expected);
  });
});

describe('TrustEvaluator: principal ARNs', () => {
  const stack = devStack();
  new iam.Role(stack, 'FromOps', {
    roleName: 'FromOps',
    assumedBy: new iam.ArnPrincipal(`arn:aws:iam::${HUB}:role/Ops`),
  });
  new iam.Role(stack, 'FromOpsTeams', {
    roleName: 'FromOpsTeams',
    assumedBy: new iam.AccountPrincipal(HUB).withConditions({
      ArnLike: { 'aws:PrincipalArn': `arn:aws:iam::${HUB}:role/ops-*` },
    }),
  });
  const evaluator = TrustEvaluator.fromStack(stack);

  test('a session of the named role is allowed; another role and a user are denied', async () => {
    expect(
      (await evaluator.assume('FromOps', AssumeRequest.fromPrincipal(`arn:aws:sts::${HUB}:assumed-role/Ops/alice`)))
        .decision,
    ).toBe(TrustDecision.ALLOWED);
    expect(
      (await evaluator.assume('FromOps', AssumeRequest.fromPrincipal(`arn:aws:iam::${HUB}:role/Dev`))).decision,
    ).toBe(TrustDecision.DENIED);
    expect((await evaluator.assume('FromOps', AssumeRequest.fromPrincipal(ALICE))).decision).toBe(TrustDecision.DENIED);
  });

  test('aws:PrincipalArn is filled in from the caller (the role ARN for a session)', async () => {
    expect(
      (
        await evaluator.assume(
          'FromOpsTeams',
          AssumeRequest.fromPrincipal(`arn:aws:sts::${HUB}:assumed-role/ops-oncall/bob`),
        )
      ).decision,
    ).toBe(TrustDecision.ALLOWED);
    expect(
      (
        await evaluator.assume(
          'FromOpsTeams',
          AssumeRequest.fromPrincipal(`arn:aws:sts::${HUB}:assumed-role/dev-team/bob`),
        )
      ).decision,
    ).toBe(TrustDecision.DENIED);
  });
});

describe('TrustEvaluator: explicit deny', () => {
  const stack = devStack();
  const role = new iam.Role(stack, 'Shared', { roleName: 'Shared', assumedBy: new iam.AccountPrincipal(HUB) });
  role.assumeRolePolicy!.addStatements(
    new iam.PolicyStatement({
      sid: 'NeverBob',
      effect: iam.Effect.DENY,
      principals: [new iam.ArnPrincipal(`arn:aws:iam::${HUB}:user/bob`)],
      actions: ['sts:AssumeRole'],
    }),
  );
  const evaluator = TrustEvaluator.fromStack(stack);

  test('the denied user is explicitly denied by the statement, others are allowed', async () => {
    const bob = await evaluator.assume('Shared', AssumeRequest.fromPrincipal(`arn:aws:iam::${HUB}:user/bob`));
    expect(bob.decision).toBe(TrustDecision.DENIED);
    expect(bob.actions[0].evaluatorResult).toBe('ExplicitlyDenied');
    expect(bob.matchedStatements).toContainEqual({
      action: 'sts:AssumeRole',
      policy: 'trust policy',
      effect: 'Deny',
      statement: 'NeverBob',
    });
    expect(bob.explanation).toMatch(/explicitly denied by the trust policy/);
    expect((await evaluator.assume('Shared', AssumeRequest.fromPrincipal(ALICE))).decision).toBe(TrustDecision.ALLOWED);
  });
});

describe('TrustEvaluator: GitHub OIDC', () => {
  const stack = devStack();
  const provider = new iam.OidcProviderNative(stack, 'GitHub', {
    url: 'https://token.actions.githubusercontent.com',
    clientIds: ['sts.amazonaws.com'],
    thumbprints: ['6938fd4d98bab03faadb97b34396831e3780aea1'],
  });
  new iam.Role(stack, 'Deploy', {
    roleName: 'Deploy',
    assumedBy: new iam.OpenIdConnectPrincipal(provider, {
      StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' },
      StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:my-org/app:ref:refs/heads/main' },
    }),
  });
  new iam.Role(stack, 'ByRepository', {
    roleName: 'ByRepository',
    assumedBy: new iam.OpenIdConnectPrincipal(provider, {
      StringEquals: { 'token.actions.githubusercontent.com:repository': 'my-org/app' },
    }),
  });
  const main = AssumeRequest.webIdentity(GITHUB, {
    audience: 'sts.amazonaws.com',
    subject: 'repo:my-org/app:ref:refs/heads/main',
  });
  const otherRepo = AssumeRequest.webIdentity(GITHUB, {
    audience: 'sts.amazonaws.com',
    subject: 'repo:evil-org/app:ref:refs/heads/main',
  });

  test('by default, :aud and :sub are unknown to the evaluator, so both the right and a wrong repo are UNDETERMINED', async () => {
    const evaluator = TrustEvaluator.fromStack(stack);
    for (const request of [main, otherRepo]) {
      const result = await evaluator.assume('Deploy', request);
      expect(result.decision).toBe(TrustDecision.UNDETERMINED);
      expect(result.ignoredContextKeys).toEqual([
        'token.actions.githubusercontent.com:aud',
        'token.actions.githubusercontent.com:sub',
      ]);
      expect(result.trustOnly).toBe(true);
      expect(result.explanation).toMatch(
        /does not know token.actions.githubusercontent.com:aud, token.actions.githubusercontent.com:sub/,
      );
    }
  });

  test('the OIDC provider Ref resolves to its ARN built from its Url', () => {
    const evaluator = TrustEvaluator.fromStack(stack);
    expect(evaluator.trustPolicy('Deploy').Statement[0].Principal).toEqual({ Federated: GITHUB });
  });

  test('with evaluateFederatedClaims, the right repo is allowed and another repo or a missing audience is denied', async () => {
    const evaluator = TrustEvaluator.fromStack(stack, { evaluateFederatedClaims: true });
    const allowed = await evaluator.assume('Deploy', main);
    expect(allowed.decision).toBe(TrustDecision.ALLOWED);
    expect(allowed.unvalidatedContextKeys).toEqual([
      'token.actions.githubusercontent.com:aud',
      'token.actions.githubusercontent.com:sub',
    ]);
    expect(allowed.ignoredContextKeys).toEqual([]);
    expect((await evaluator.assume('Deploy', otherRepo)).decision).toBe(TrustDecision.DENIED);
    expect(
      (await evaluator.assume('Deploy', main.withoutContext('token.actions.githubusercontent.com:aud'))).decision,
    ).toBe(TrustDecision.DENIED);
  });

  test('evaluateFederatedClaims does not rescue keys that are not claims of the provider', async () => {
    const evaluator = TrustEvaluator.fromStack(stack, { evaluateFederatedClaims: true });
    const result = await evaluator.assume('Deploy', main.withContext('sts:ExternalId', ['x']));
    expect(result.decision).toBe(TrustDecision.UNDETERMINED);
    expect(result.ignoredContextKeys).toContain('sts:ExternalId');
  });

  test('the :repository claim is known to the evaluator and decides without any option', async () => {
    const evaluator = TrustEvaluator.fromStack(stack);
    const request = (repository: string) =>
      AssumeRequest.webIdentity(GITHUB, { claims: [{ name: 'repository', values: [repository] }] });
    expect((await evaluator.assume('ByRepository', request('my-org/app'))).decision).toBe(TrustDecision.ALLOWED);
    expect((await evaluator.assume('ByRepository', request('evil-org/app'))).decision).toBe(TrustDecision.DENIED);
  });

  test('a token from another provider is denied', async () => {
    const evaluator = TrustEvaluator.fromStack(stack, { evaluateFederatedClaims: true });
    const gitlab = AssumeRequest.webIdentity(`arn:aws:iam::${DEV}:oidc-provider/gitlab.com`, {
      audience: 'sts.amazonaws.com',
    });
    expect((await evaluator.assume('Deploy', gitlab)).decision).toBe(TrustDecision.DENIED);
  });
});

describe('TrustEvaluator: EKS OIDC through the custom-resource provider', () => {
  const stack = devStack();
  const issuer = 'oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE';
  const provider = new iam.OpenIdConnectProvider(stack, 'Eks', {
    url: `https://${issuer}`,
    clientIds: ['sts.amazonaws.com'],
  });
  new iam.Role(stack, 'Pod', {
    roleName: 'Pod',
    assumedBy: new iam.OpenIdConnectPrincipal(provider, {
      StringEquals: { [`${issuer}:aud`]: 'sts.amazonaws.com', [`${issuer}:sub`]: 'system:serviceaccount:app:web' },
    }),
  });
  const evaluator = TrustEvaluator.fromStack(stack, { evaluateFederatedClaims: true });
  const providerArn = `arn:aws:iam::${DEV}:oidc-provider/${issuer}`;

  test('the service account is allowed, another one is denied', async () => {
    const web = await evaluator.assume(
      'Pod',
      AssumeRequest.webIdentity(providerArn, {
        audience: 'sts.amazonaws.com',
        subject: 'system:serviceaccount:app:web',
      }),
    );
    expect(web.decision).toBe(TrustDecision.ALLOWED);
    expect(web.unvalidatedContextKeys).toEqual([`${issuer}:aud`, `${issuer}:sub`]);
    const other = await evaluator.assume(
      'Pod',
      AssumeRequest.webIdentity(providerArn, {
        audience: 'sts.amazonaws.com',
        subject: 'system:serviceaccount:app:admin',
      }),
    );
    expect(other.decision).toBe(TrustDecision.DENIED);
  });
});

describe('TrustEvaluator: SAML', () => {
  const stack = devStack();
  const provider = new iam.SamlProvider(stack, 'Okta', {
    name: 'Okta',
    metadataDocument: iam.SamlMetadataDocument.fromXml(`<EntityDescriptor>${'x'.repeat(1000)}</EntityDescriptor>`),
  });
  new iam.Role(stack, 'Console', { roleName: 'Console', assumedBy: new iam.SamlConsolePrincipal(provider) });
  const evaluator = TrustEvaluator.fromStack(stack);
  const okta = `arn:aws:iam::${DEV}:saml-provider/Okta`;

  test.each([
    ['the console audience', okta, 'https://signin.aws.amazon.com/saml', TrustDecision.ALLOWED],
    ['another audience', okta, 'https://example.com/saml', TrustDecision.DENIED],
    [
      'another provider',
      `arn:aws:iam::${DEV}:saml-provider/Other`,
      'https://signin.aws.amazon.com/saml',
      TrustDecision.DENIED,
    ],
  ])('%s', async (_name, providerArn, audience, expected) => {
    const result = await evaluator.assume('Console', AssumeRequest.saml(providerArn, { audience }));
    expect(result.decision).toBe(expected);
    expect(result.actions.map((a) => a.action)).toEqual(['sts:AssumeRoleWithSAML']);
    expect(result.ignoredContextKeys).toEqual([]);
  });
});

describe('TrustEvaluator: Cognito identity pool', () => {
  const stack = devStack();
  new iam.Role(stack, 'Authenticated', {
    roleName: 'Authenticated',
    assumedBy: new iam.FederatedPrincipal(
      'cognito-identity.amazonaws.com',
      {
        StringEquals: { 'cognito-identity.amazonaws.com:aud': 'eu-west-1:11111111-2222-3333-4444-555555555555' },
        'ForAnyValue:StringLike': { 'cognito-identity.amazonaws.com:amr': 'authenticated' },
      },
      'sts:AssumeRoleWithWebIdentity',
    ),
  });
  const evaluator = TrustEvaluator.fromStack(stack);
  const request = (amr: string[]) =>
    AssumeRequest.webIdentity('cognito-identity.amazonaws.com', {
      audience: 'eu-west-1:11111111-2222-3333-4444-555555555555',
      claims: [{ name: 'amr', values: amr }],
    });

  test('an authenticated identity is allowed, an unauthenticated one denied', async () => {
    expect((await evaluator.assume('Authenticated', request(['authenticated']))).decision).toBe(TrustDecision.ALLOWED);
    expect((await evaluator.assume('Authenticated', request(['unauthenticated']))).decision).toBe(TrustDecision.DENIED);
  });

  test('several amr values are UNDETERMINED: the evaluator types the key as single-valued and would keep only the first', async () => {
    const result = await evaluator.assume(
      'Authenticated',
      request(['authenticated', 'cognito-identity.amazonaws.com:eu-west-1:pool:CognitoSignIn:abc']),
    );
    expect(result.decision).toBe(TrustDecision.UNDETERMINED);
    expect(result.ignoredContextKeys).toEqual(['cognito-identity.amazonaws.com:amr']);
    expect(result.explanation).toMatch(/single-valued for the evaluator/);
  });
});

describe('TrustEvaluator: an identity pool created in the same stack (its id is known only once deployed)', () => {
  const POOL_ID = 'eu-west-1:11111111-2222-3333-4444-555555555555';
  const stack = devStack();
  const pool = new IdentityPool(stack, 'Pool');
  const roles = new CognitoIdentityPoolRoles(stack, 'Roles', { identityPool: pool });
  const role = stack.resolve((roles.authenticatedRole.node.defaultChild as CfnResource).logicalId) as string;
  const request = (audience: string, amr: string) =>
    AssumeRequest.webIdentity('cognito-identity.amazonaws.com', { audience, claims: [{ name: 'amr', values: [amr] }] });

  test("without the pool's id the trust cannot be evaluated, and the error names the `refs` option", async () => {
    // GIVEN the roles' trust names the pool by Ref  WHEN evaluated without its id  THEN a clear error
    await expect(TrustEvaluator.fromStack(stack).assume(role, request(POOL_ID, 'authenticated'))).rejects.toThrow(
      /Ref of a AWS::Cognito::IdentityPool is not known before deployment; pass its value in the 'refs' option/,
    );
  });

  test.each([
    ['by construct path', 'Pool'],
    ['by logical id', stack.resolve((pool.node.defaultChild as CfnResource).logicalId) as string],
  ])(
    "with the pool's id given %s: its signed-in users are allowed, its guests and other pools are not",
    async (_how, resource) => {
      // GIVEN the id the pool will have
      const evaluator = TrustEvaluator.fromStack(stack, { refs: [{ resource, value: POOL_ID }] });
      // WHEN / THEN
      const decide = async (audience: string, amr: string) =>
        (await evaluator.assume(role, request(audience, amr))).decision;
      expect(await decide(POOL_ID, 'authenticated')).toBe(TrustDecision.ALLOWED);
      expect(await decide(POOL_ID, 'unauthenticated')).toBe(TrustDecision.DENIED);
      expect(await decide('eu-west-1:99999999-2222-3333-4444-555555555555', 'authenticated')).toBe(
        TrustDecision.DENIED,
      );
    },
  );

  test('a `refs` entry that names no resource of the template is refused, naming it', () => {
    expect(() => TrustEvaluator.fromStack(stack, { refs: [{ resource: 'Pol', value: POOL_ID }] })).toThrow(
      "TrustEvaluator.fromStack(Dev): invalid refs: received 'Pol'; expected resources of the template, by logical id or (for a stack) construct path.",
    );
  });
});

describe('TrustEvaluator: service principals, session tags and source identity', () => {
  const stack = devStack();
  new iam.Role(stack, 'Fn', { roleName: 'Fn', assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
  new iam.Role(stack, 'Tagged', { roleName: 'Tagged', assumedBy: new iam.AccountPrincipal(HUB).withSessionTags() });
  new iam.Role(stack, 'Untagged', { roleName: 'Untagged', assumedBy: new iam.AccountPrincipal(HUB) });
  new iam.Role(stack, 'VendorTagged', {
    roleName: 'VendorTagged',
    assumedBy: new iam.AccountPrincipal(VENDOR)
      .withConditions({ StringEquals: { 'sts:ExternalId': 'vendor-ext-id-0001' } })
      .withSessionTags(),
  });
  const evaluator = TrustEvaluator.fromStack(stack);
  const tags = [{ key: 'team', value: 'payments' }];

  test('the trusted service is allowed, another is denied', async () => {
    const lambda = await evaluator.assume('Fn', AssumeRequest.fromService('lambda.amazonaws.com'));
    expect(lambda.decision).toBe(TrustDecision.ALLOWED);
    expect(lambda.trustOnly).toBe(true);
    expect((await evaluator.assume('Fn', AssumeRequest.fromService('ec2.amazonaws.com'))).decision).toBe(
      TrustDecision.DENIED,
    );
  });

  test('session tags need sts:TagSession in the trust policy', async () => {
    const tagged = await evaluator.assume('Tagged', AssumeRequest.fromPrincipal(ALICE, { sessionTags: tags }));
    expect(tagged.decision).toBe(TrustDecision.ALLOWED);
    expect(tagged.actions.map((a) => [a.action, a.decision])).toEqual([
      ['sts:AssumeRole', 'ALLOWED'],
      ['sts:TagSession', 'ALLOWED'],
    ]);
    const untagged = await evaluator.assume('Untagged', AssumeRequest.fromPrincipal(ALICE, { sessionTags: tags }));
    expect(untagged.decision).toBe(TrustDecision.DENIED);
    expect(untagged.actions.map((a) => [a.action, a.decision])).toEqual([
      ['sts:AssumeRole', 'ALLOWED'],
      ['sts:TagSession', 'DENIED'],
    ]);
  });

  test('source identity needs sts:SetSourceIdentity', async () => {
    const result = await evaluator.assume('Untagged', AssumeRequest.fromPrincipal(ALICE, { sourceIdentity: 'alice' }));
    expect(result.decision).toBe(TrustDecision.DENIED);
    expect(result.actions.map((a) => a.action)).toEqual(['sts:AssumeRole', 'sts:SetSourceIdentity']);
  });

  test('an external id with session tags is UNDETERMINED: the evaluator does not know sts:ExternalId for sts:TagSession', async () => {
    const result = await evaluator.assume(
      'VendorTagged',
      AssumeRequest.fromPrincipal(`arn:aws:iam::${VENDOR}:user/v`, {
        externalId: 'vendor-ext-id-0001',
        sessionTags: tags,
      }),
    );
    expect(result.decision).toBe(TrustDecision.UNDETERMINED);
    expect(result.actions.find((a) => a.action === 'sts:TagSession')!.ignoredContextKeys).toEqual(['sts:ExternalId']);
    expect(result.actions.find((a) => a.action === 'sts:AssumeRole')!.decision).toBe(TrustDecision.ALLOWED);
  });

  test('an action the evaluator does not know is an error', async () => {
    await expect(
      evaluator.assume('Untagged', AssumeRequest.fromPrincipal(ALICE, { additionalActions: ['sts:AssumeEverything'] })),
    ).rejects.toThrow(
      /the IAM policy evaluator rejected sts:AssumeEverything on arn:aws:iam::222222222222:role\/Untagged: invalid.action/,
    );
  });
});

describe('TrustEvaluator: reading templates', () => {
  test('a trust policy written as a JSON string by Fn::Sub is read after substitution', () => {
    // GIVEN a template whose trust policy is a JSON string with a pseudo parameter
    const template = {
      Resources: {
        R: {
          Type: 'AWS::IAM::Role',
          Properties: {
            RoleName: 'R',
            AssumeRolePolicyDocument: {
              'Fn::Sub':
                '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:${AWS::Partition}:iam::${AWS::AccountId}:root"},"Action":"sts:AssumeRole"}]}',
            },
          },
        },
      },
    };
    // WHEN read THEN the policy is the document, with the intrinsics resolved
    expect(TrustEvaluator.fromTemplate(template, { account: DEV }).trustPolicy('R').Statement[0].Principal).toEqual({
      AWS: `arn:aws:iam::${DEV}:root`,
    });
  });

  test('intrinsics of the trust policy are resolved in the given partition', () => {
    // GIVEN an environment-agnostic stack read as an aws-cn template
    const stack = new Stack(new App(), 'Agnostic');
    new iam.Role(stack, 'R', { roleName: 'R', assumedBy: new iam.AccountRootPrincipal() });
    // WHEN
    const evaluator = TrustEvaluator.fromStack(stack, { account: DEV, partition: 'aws-cn' });
    // THEN
    expect(evaluator.trustPolicy('R').Statement[0].Principal).toEqual({ AWS: `arn:aws-cn:iam::${DEV}:root` });
    expect(evaluator.roleArn('R')).toBe(`arn:aws-cn:iam::${DEV}:role/R`);
  });

  test('an unresolvable intrinsic is a clear error naming its path', async () => {
    const stack = devStack();
    new iam.CfnRole(stack, 'Imported', {
      roleName: 'Imported',
      assumeRolePolicyDocument: {
        Version: '2012-10-17',
        Statement: [
          { Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { AWS: { 'Fn::ImportValue': 'HubAccountRoot' } } },
        ],
      },
    });
    const evaluator = TrustEvaluator.fromStack(stack);
    await expect(evaluator.assume('Imported', AssumeRequest.fromPrincipal(ALICE))).rejects.toThrow(
      'TrustEvaluator: cannot resolve the trust policy of role Imported from the template:\n' +
        '  - Imported.AssumeRolePolicyDocument.Statement[0].Principal.AWS: {"Fn::ImportValue":"HubAccountRoot"}: ' +
        'a value exported by another stack cannot be read from this template',
    );
  });

  test('a stack without a concrete account needs the account option', () => {
    const stack = new Stack(new App(), 'Agnostic');
    new CfnOutput(stack, 'O', { value: 'x' });
    expect(() => TrustEvaluator.fromStack(stack)).toThrow(
      /TrustEvaluator.fromStack\(Agnostic\): invalid account: received nothing; expected the 12-digit account the template is deployed to/,
    );
  });

  test.each([
    [
      'an 11-digit account',
      { account: '22222222222' },
      /invalid account: received '22222222222'; expected a 12-digit AWS account id/,
    ],
    ['an unknown partition', { account: DEV, partition: 'aws-mars' }, /invalid partition: received 'aws-mars'/],
  ])('%s is refused', (_name, options, message) => {
    expect(() => TrustEvaluator.fromTemplate({ Resources: {} }, options)).toThrow(message);
  });

  test('something that is not a template is refused', () => {
    expect(() => TrustEvaluator.fromTemplate('nope', { account: DEV })).toThrow(
      'TrustEvaluator.fromTemplate: expected a synthesized CloudFormation template (an object with Resources); received string.',
    );
  });

  test('a template read from JSON works like a stack', async () => {
    const template = {
      Resources: {
        R: {
          Type: 'AWS::IAM::Role',
          Properties: {
            RoleName: 'FromJson',
            AssumeRolePolicyDocument: {
              Version: '2012-10-17',
              Statement: [
                {
                  Effect: 'Allow',
                  Action: 'sts:AssumeRole',
                  Principal: { AWS: { 'Fn::Sub': 'arn:${AWS::Partition}:iam::${HubAccount}:root' } },
                },
              ],
            },
          },
        },
      },
      Parameters: { HubAccount: { Type: 'String', Default: HUB } },
    };
    const evaluator = TrustEvaluator.fromTemplate(template, { account: DEV });
    expect((await evaluator.assume('FromJson', AssumeRequest.fromPrincipal(ALICE))).decision).toBe(
      TrustDecision.ALLOWED,
    );
    const elsewhere = TrustEvaluator.fromTemplate(template, {
      account: DEV,
      parameters: [{ name: 'HubAccount', value: VENDOR }],
    });
    expect((await elsewhere.assume('FromJson', AssumeRequest.fromPrincipal(ALICE))).decision).toBe(
      TrustDecision.DENIED,
    );
  });
});

describe('TrustEvaluator: Google web identity', () => {
  const stack = devStack();
  new iam.Role(stack, 'Google', {
    roleName: 'Google',
    assumedBy: new iam.WebIdentityPrincipal('accounts.google.com', {
      StringEquals: { 'accounts.google.com:aud': '1234567890-abc.apps.googleusercontent.com' },
    }),
  });
  const evaluator = TrustEvaluator.fromStack(stack);

  test('the client id is allowed, another is denied (the trust policy is the whole decision)', async () => {
    const request = (aud: string) => AssumeRequest.webIdentity('accounts.google.com', { audience: aud });
    const allowed = await evaluator.assume('Google', request('1234567890-abc.apps.googleusercontent.com'));
    expect(allowed.decision).toBe(TrustDecision.ALLOWED);
    expect(allowed.reasons[0]).toBe(
      'A web identity federated caller has no identity policies in AWS: the trust policy is the whole decision.',
    );
    expect((await evaluator.assume('Google', request('other.apps.googleusercontent.com'))).decision).toBe(
      TrustDecision.DENIED,
    );
  });
});

describe('TrustEvaluator: policies AWS would reject', () => {
  test('an unknown condition operator in the trust policy is an error, not a silent non-match', async () => {
    // GIVEN a Deny whose operator is misspelt: the evaluator would skip it and allow bob
    const stack = devStack();
    const role = new iam.Role(stack, 'Typo', { roleName: 'Typo', assumedBy: new iam.AccountPrincipal(HUB) });
    role.assumeRolePolicy!.addStatements(
      new iam.PolicyStatement({
        effect: iam.Effect.DENY,
        principals: [new iam.AnyPrincipal()],
        actions: ['sts:AssumeRole'],
        conditions: { StringEqualz: { 'aws:PrincipalArn': `arn:aws:iam::${HUB}:user/bob` } },
      }),
    );
    // WHEN / THEN
    await expect(
      TrustEvaluator.fromStack(stack).assume('Typo', AssumeRequest.fromPrincipal(`arn:aws:iam::${HUB}:user/bob`)),
    ).rejects.toThrow(
      'TrustEvaluator: the trust policy of role Typo uses condition operators AWS does not know: Statement[1].Condition.StringEqualz. ' +
        'AWS rejects such a policy, and the evaluator would silently treat the condition as not matching.',
    );
  });

  test('so is one in a caller policy', async () => {
    const stack = devStack();
    new iam.Role(stack, 'R', { roleName: 'R', assumedBy: new iam.AccountPrincipal(HUB) });
    const request = AssumeRequest.fromPrincipal(ALICE, {
      identityPolicies: [
        {
          name: 'typo',
          document: {
            Version: '2012-10-17',
            Statement: [
              {
                Effect: 'Allow',
                Action: '*',
                Resource: '*',
                Condition: { Boolean: { 'aws:SecureTransport': 'true' } },
              },
            ],
          },
        },
      ],
    });
    await expect(TrustEvaluator.fromStack(stack).assume('R', request)).rejects.toThrow(
      "TrustEvaluator: the caller's policy typo uses condition operators AWS does not know: Statement[0].Condition.Boolean.",
    );
  });
});
