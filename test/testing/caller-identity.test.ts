import { App, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { AssumeRequest, CallerIdentity, TrustDecision, TrustEvaluator } from '../../lib/testing';

// Evaluations load the evaluator's data on first use and synthesize stacks: generous on a shared CI machine.
jest.setTimeout(30_000);

const HUB = '111111111111';
const DEV = '222222222222';
const ADMIN_ARN = `arn:aws:iam::${DEV}:role/Admin`;

/** The hub account: users and groups whose policies let some of them assume the dev Admin role. */
function hubStack(): Stack {
  const stack = new Stack(new App(), 'Hub', { env: { account: HUB, region: 'eu-west-1' } });
  const assumeAdmin = new iam.PolicyStatement({ actions: ['sts:AssumeRole'], resources: [ADMIN_ARN] });

  const admins = new iam.Group(stack, 'Admins', { groupName: 'Admins' });
  admins.addToPolicy(assumeAdmin);
  const alice = new iam.User(stack, 'Alice', { userName: 'alice' });
  alice.addToGroup(admins);

  new iam.User(stack, 'Bob', { userName: 'bob' });

  const carol = new iam.User(stack, 'Carol', { userName: 'carol' });
  carol.addToPolicy(assumeAdmin);
  carol.addManagedPolicy(iam.ManagedPolicy.fromAwsManagedPolicyName('ReadOnlyAccess'));

  const dave = new iam.User(stack, 'Dave', {
    userName: 'dave',
    permissionsBoundary: new iam.ManagedPolicy(stack, 'NoSts', {
      statements: [new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: ['*'] })],
    }),
  });
  dave.addToPolicy(assumeAdmin);

  const erin = new iam.User(stack, 'Erin', { userName: 'erin' });
  erin.addManagedPolicy(new iam.ManagedPolicy(stack, 'AssumeAdmin', { statements: [assumeAdmin] }));
  erin.addToPolicy(
    new iam.PolicyStatement({
      sid: 'NotAdmin',
      effect: iam.Effect.DENY,
      actions: ['sts:AssumeRole'],
      resources: [ADMIN_ARN],
    }),
  );

  const ops = new iam.Role(stack, 'Ops', { roleName: 'Ops', assumedBy: new iam.AccountRootPrincipal() });
  ops.addToPolicy(assumeAdmin);
  return stack;
}

/** The dev account: an Admin role trusting the hub account with MFA, and one without a name. */
function devStack(): Stack {
  const stack = new Stack(new App(), 'Dev', { env: { account: DEV, region: 'eu-west-1' } });
  const trust = () => new iam.AccountPrincipal(HUB).withConditions({ Bool: { 'aws:MultiFactorAuthPresent': 'true' } });
  new iam.Role(stack, 'Admin', { roleName: 'Admin', assumedBy: trust() });
  new iam.Role(stack, 'Unnamed', { assumedBy: trust() });
  return stack;
}

const hub = hubStack();
const dev = TrustEvaluator.fromStack(devStack());

describe('CallerIdentity across accounts: trust policy AND identity policies', () => {
  test('a user whose group allows sts:AssumeRole on the role is allowed with MFA', async () => {
    // GIVEN
    const alice = CallerIdentity.fromStack(hub, 'alice');
    // WHEN
    const result = await dev.assume('Admin', AssumeRequest.fromCaller(alice, { mfa: true }));
    // THEN
    expect(alice.principalArn).toBe(`arn:aws:iam::${HUB}:user/alice`);
    expect(alice.policies.map((p) => p.name)).toEqual([expect.stringMatching(/^AdminsDefaultPolicy/)]);
    expect(result.decision).toBe(TrustDecision.ALLOWED);
    expect(result.trustOnly).toBe(false);
    expect(result.matchedStatements).toContainEqual({
      action: 'sts:AssumeRole',
      policy: alice.policies[0].name,
      effect: 'Allow',
      statement: 'statement 1',
    });
  });

  test('the same user without MFA is denied by the trust policy', async () => {
    const result = await dev.assume('Admin', AssumeRequest.fromCaller(CallerIdentity.fromStack(hub, 'alice')));
    expect(result.decision).toBe(TrustDecision.DENIED);
    expect(result.explanation).toMatch(/no statement of the trust policy allows/);
  });

  test('a user without any identity policy is denied although the trust policy allows the account', async () => {
    const bob = CallerIdentity.fromStack(hub, 'Bob');
    expect(bob.policies).toEqual([]);
    const result = await dev.assume('Admin', AssumeRequest.fromCaller(bob, { mfa: true }));
    expect(result.decision).toBe(TrustDecision.DENIED);
    expect(result.explanation).toMatch(
      /the trust policy allows it, but no identity policy of the caller allows sts:AssumeRole on arn:aws:iam::222222222222:role\/Admin/,
    );
    // while the trust policy alone would allow it
    const trustOnly = await dev.assume('Admin', AssumeRequest.fromPrincipal(bob.principalArn, { mfa: true }));
    expect(trustOnly.decision).toBe(TrustDecision.ALLOWED);
    expect(trustOnly.trustOnly).toBe(true);
  });

  test('an AWS managed policy outside the template makes an otherwise allowed request UNDETERMINED', async () => {
    const carol = CallerIdentity.fromStack(hub, 'carol');
    const carolId = hub.resolve((hub.node.findChild('Carol').node.defaultChild as iam.CfnUser).logicalId);
    const missing = `managed policy arn:aws:iam::aws:policy/ReadOnlyAccess (${carolId}.ManagedPolicyArns[0]) is not in the template nor in knownManagedPolicies`;
    expect(carol.unresolvedPolicies).toEqual([missing]);
    const result = await dev.assume('Admin', AssumeRequest.fromCaller(carol, { mfa: true }));
    expect(result.decision).toBe(TrustDecision.UNDETERMINED);
    expect(result.reasons).toContain(`The caller's ${missing}.`);
    expect(result.reasons).toContain(
      'The trust policy alone does not deny the request, so the decision depends on caller policies that could not be read.',
    );
  });

  test('... but a request the trust policy denies stays DENIED', async () => {
    const result = await dev.assume('Admin', AssumeRequest.fromCaller(CallerIdentity.fromStack(hub, 'carol')));
    expect(result.decision).toBe(TrustDecision.DENIED);
    expect(result.reasons).toContain("The trust policy denies the request whatever the caller's policies say.");
  });

  test('... and supplying the managed policy document decides it', async () => {
    const carol = CallerIdentity.fromStack(hub, 'carol', {
      knownManagedPolicies: [
        {
          name: 'arn:aws:iam::aws:policy/ReadOnlyAccess',
          document: {
            Version: '2012-10-17',
            Statement: [{ Effect: 'Allow', Action: ['iam:Get*', 'iam:List*'], Resource: '*' }],
          },
        },
      ],
    });
    expect(carol.unresolvedPolicies).toEqual([]);
    expect((await dev.assume('Admin', AssumeRequest.fromCaller(carol, { mfa: true }))).decision).toBe(
      TrustDecision.ALLOWED,
    );
  });

  test('a permissions boundary without sts:AssumeRole denies', async () => {
    const dave = CallerIdentity.fromStack(hub, 'dave');
    expect(dave.permissionsBoundary?.name).toMatch(/^NoSts/);
    const result = await dev.assume('Admin', AssumeRequest.fromCaller(dave, { mfa: true }));
    expect(result.decision).toBe(TrustDecision.DENIED);
    expect(result.explanation).toMatch(/the caller's permissions boundary does not/);
  });

  test("an explicit deny in the caller's policies wins over its managed policy allow", async () => {
    const erin = CallerIdentity.fromStack(hub, 'erin');
    expect(erin.policies.map((p) => p.name)).toEqual([
      expect.stringMatching(/^AssumeAdmin/),
      expect.stringMatching(/^ErinDefaultPolicy/),
    ]);
    const result = await dev.assume('Admin', AssumeRequest.fromCaller(erin, { mfa: true }));
    expect(result.decision).toBe(TrustDecision.DENIED);
    expect(result.actions[0].evaluatorResult).toBe('ExplicitlyDenied');
    expect(result.explanation).toMatch(/explicitly denied by the caller's identity policies/);
    expect(result.matchedStatements).toContainEqual({
      action: 'sts:AssumeRole',
      policy: erin.policies[1].name,
      effect: 'Deny',
      statement: 'NotAdmin',
    });
  });

  test('a role caller assumes through a session of the role', async () => {
    const ops = CallerIdentity.fromStack(hub, 'Ops');
    const request = AssumeRequest.fromCaller(ops, { mfa: true, roleSessionName: 'alice' });
    expect(request.principal).toBe(`arn:aws:sts::${HUB}:assumed-role/Ops/alice`);
    expect(request.context).toContainEqual({ key: 'aws:PrincipalArn', values: [`arn:aws:iam::${HUB}:role/Ops`] });
    expect((await dev.assume('Admin', request)).decision).toBe(TrustDecision.ALLOWED);
  });

  test('caller policies cannot be matched against a role whose name is generated at deployment', async () => {
    const result = await dev.assume(
      'Unnamed',
      AssumeRequest.fromCaller(CallerIdentity.fromStack(hub, 'alice'), { mfa: true }),
    );
    expect(result.decision).toBe(TrustDecision.UNDETERMINED);
    expect(result.reasons.join('\n')).toMatch(
      /has no RoleName: its name is generated at deployment, so the caller's policies cannot be matched against its ARN/,
    );
  });

  test('CallerIdentity.of takes a caller and its documents directly', async () => {
    const caller = CallerIdentity.of(`arn:aws:iam::${HUB}:user/zed`, [
      {
        name: 'inline',
        document: {
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: `arn:aws:iam::${DEV}:role/*` }],
        },
      },
    ]);
    expect((await dev.assume('Admin', AssumeRequest.fromCaller(caller, { mfa: true }))).decision).toBe(
      TrustDecision.ALLOWED,
    );
  });
});

describe('CallerIdentity.fromTemplate: collecting policies', () => {
  const template = {
    Resources: {
      U: {
        Type: 'AWS::IAM::User',
        Properties: {
          UserName: 'u',
          Path: '/people/',
          Groups: ['literal-group'],
          Policies: [
            {
              PolicyName: 'inline',
              PolicyDocument: {
                Version: '2012-10-17',
                Statement: [{ Effect: 'Allow', Action: 's3:ListBucket', Resource: '*' }],
              },
            },
          ],
        },
      },
      G: { Type: 'AWS::IAM::Group', Properties: { GroupName: 'literal-group' } },
      G2: { Type: 'AWS::IAM::Group' },
      Add: { Type: 'AWS::IAM::UserToGroupAddition', Properties: { GroupName: { Ref: 'G2' }, Users: [{ Ref: 'U' }] } },
      GPolicy: {
        Type: 'AWS::IAM::Policy',
        Properties: {
          PolicyName: 'gp',
          Groups: [{ Ref: 'G' }],
          PolicyDocument: {
            Version: '2012-10-17',
            Statement: [
              {
                Effect: 'Allow',
                Action: 'sts:AssumeRole',
                Resource: { 'Fn::Sub': 'arn:${AWS::Partition}:iam::222222222222:role/x' },
              },
            ],
          },
        },
      },
      G2Managed: {
        Type: 'AWS::IAM::ManagedPolicy',
        Properties: {
          Groups: [{ Ref: 'G2' }],
          PolicyDocument: {
            Version: '2012-10-17',
            Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: '*' }],
          },
        },
      },
      Other: { Type: 'AWS::IAM::User', Properties: { Groups: ['elsewhere'] } },
    },
  };

  test('inline policies, groups by name and by UserToGroupAddition, and their policies are collected', () => {
    const u = CallerIdentity.fromTemplate(template, 'u', { account: HUB });
    expect(u.principalArn).toBe(`arn:aws:iam::${HUB}:user/people/u`);
    expect(u.policies).toEqual([
      { name: 'U/inline', document: template.Resources.U.Properties.Policies[0].PolicyDocument },
      {
        name: 'GPolicy',
        document: {
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: 'arn:aws:iam::222222222222:role/x' }],
        },
      },
      { name: 'G2Managed', document: template.Resources.G2Managed.Properties.PolicyDocument },
    ]);
    expect(u.unresolvedPolicies).toEqual([]);
  });

  test('a user without a UserName cannot be a caller', () => {
    expect(() => CallerIdentity.fromTemplate(template, 'Other', { account: HUB })).toThrow(
      "CallerIdentity.fromTemplate('Other'): Other has no resolvable UserName, so its ARN is only known after deployment",
    );
  });

  test('an unknown caller is an error listing the users and roles', () => {
    expect(() => CallerIdentity.fromTemplate(template, 'nobody', { account: HUB })).toThrow(
      "CallerIdentity.fromTemplate('nobody'): invalid user or role: received 'nobody'; expected the logical id, UserName, RoleName or construct path of an AWS::IAM::User or AWS::IAM::Role of the template (found: U (u), Other).",
    );
  });

  test('AWS::IAM::UserPolicy, GroupPolicy and RolePolicy are collected like AWS::IAM::Policy', () => {
    // GIVEN a user with a UserPolicy, in a group with a GroupPolicy, and a role with a RolePolicy
    const statement = (action: string) => ({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: action, Resource: '*' }],
    });
    const t = {
      Resources: {
        U: { Type: 'AWS::IAM::User', Properties: { UserName: 'u', Groups: [{ Ref: 'G' }] } },
        G: { Type: 'AWS::IAM::Group', Properties: { GroupName: 'g' } },
        R: {
          Type: 'AWS::IAM::Role',
          Properties: { RoleName: 'r', AssumeRolePolicyDocument: statement('sts:AssumeRole') },
        },
        UP: {
          Type: 'AWS::IAM::UserPolicy',
          Properties: { UserName: { Ref: 'U' }, PolicyName: 'up', PolicyDocument: statement('s3:GetObject') },
        },
        GP: {
          Type: 'AWS::IAM::GroupPolicy',
          Properties: { GroupName: 'g', PolicyName: 'gp', PolicyDocument: statement('sts:AssumeRole') },
        },
        RP: {
          Type: 'AWS::IAM::RolePolicy',
          Properties: { RoleName: { Ref: 'R' }, PolicyName: 'rp', PolicyDocument: statement('sqs:SendMessage') },
        },
      },
    };
    // WHEN the user and the role are read
    const u = CallerIdentity.fromTemplate(t, 'u', { account: HUB });
    const r = CallerIdentity.fromTemplate(t, 'r', { account: HUB });
    // THEN each has its policy resources, the user also its group's
    expect(u.policies.map((p) => p.name)).toEqual(['UP', 'GP']);
    expect(r.policies).toEqual([{ name: 'RP', document: statement('sqs:SendMessage') }]);
    expect(u.unresolvedPolicies).toEqual([]);
  });

  test('a group outside the template is reported', () => {
    const t = { Resources: { V: { Type: 'AWS::IAM::User', Properties: { UserName: 'v', Groups: ['elsewhere'] } } } };
    expect(CallerIdentity.fromTemplate(t, 'v', { account: HUB }).unresolvedPolicies).toEqual([
      'group "elsewhere" (V.Groups[0]) is not in the template',
    ]);
  });
});
