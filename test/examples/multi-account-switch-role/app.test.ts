import { Stack, Validations } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { readConfig } from '../../../examples/multi-account-switch-role/config';
import { projectApp } from '../../util';
import { addSwitchRoleExample, SWITCH_ROLE_STACK_NAMES } from '../../../examples/multi-account-switch-role/app';

function build(context: Record<string, string> = {}) {
  const app = projectApp(context);
  const example = addSwitchRoleExample(app, readConfig(app.node, {}));
  return { app, ...example };
}

// With cdk.json's flags and a concrete region, ARNs are written with the partition as a literal.
const roleArn = (account: string, name: string) => `arn:aws:iam::${account}:role/${name}`;
const root = (account: string) => `arn:aws:iam::${account}:root`;

/** The role ARNs a group's managed policy allows `sts:AssumeRole` on. */
function assumableBy(identity: Stack, groupName: string): unknown[] {
  const t = Template.fromStack(identity);
  const [groupId] = Object.keys(t.findResources('AWS::IAM::Group', { Properties: { GroupName: groupName } }));
  const policies = Object.values(t.findResources('AWS::IAM::ManagedPolicy')) as any[];
  const policy = policies.find((p) => JSON.stringify(p.Properties.Groups) === JSON.stringify([{ Ref: groupId }]));
  // cdk.json's minimizePolicies flag may merge statements that differ only in their resources.
  return policy.Properties.PolicyDocument.Statement.flatMap((s: any) => {
    expect(s).toEqual({
      Action: 'sts:AssumeRole',
      Effect: 'Allow',
      Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } },
      Resource: expect.anything(),
    });
    return s.Resource;
  }).sort();
}

describe('multi-account switch-role example', () => {
  const { app, identity, workloads } = build();
  const [dev, stg, prd] = workloads;

  test('stacks land in the fixed accounts of the design', () => {
    expect([identity, dev, stg, prd].map((s) => [s.stackName, s.account])).toEqual([
      [SWITCH_ROLE_STACK_NAMES.identity, '111111111111'],
      [SWITCH_ROLE_STACK_NAMES.dev, '222222222222'],
      [SWITCH_ROLE_STACK_NAMES.stg, '333333333333'],
      [SWITCH_ROLE_STACK_NAMES.prd, '444444444444'],
    ]);
  });

  test.each([
    ['dev', 0],
    ['stg', 1],
    ['prd', 2],
  ])('%s: Admin and ReadOnly trust only the identity account, with MFA', (_stage, i) => {
    const t = Template.fromStack(workloads[i as number]);
    for (const name of ['Admin', 'ReadOnly']) {
      t.hasResourceProperties('AWS::IAM::Role', {
        RoleName: name,
        AssumeRolePolicyDocument: {
          Statement: [
            {
              Action: 'sts:AssumeRole',
              Effect: 'Allow',
              Principal: { AWS: root('111111111111') },
              Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } },
            },
          ],
        },
      });
    }
  });

  test('dev alone has Ec2Operator; prd alone has VendorAudit, trusting the vendor with its ExternalId and no MFA', () => {
    const roleNames = (s: Stack) =>
      Object.values(Template.fromStack(s).findResources('AWS::IAM::Role'))
        .map((r: any) => r.Properties.RoleName)
        .sort();
    expect(roleNames(dev)).toEqual(['Admin', 'Ec2Operator', 'ReadOnly']);
    expect(roleNames(stg)).toEqual(['Admin', 'ReadOnly']);
    expect(roleNames(prd)).toEqual(['Admin', 'ReadOnly', 'VendorAudit']);
    Template.fromStack(prd).hasResourceProperties('AWS::IAM::Role', {
      RoleName: 'VendorAudit',
      AssumeRolePolicyDocument: {
        Statement: [
          {
            Action: 'sts:AssumeRole',
            Effect: 'Allow',
            Principal: { AWS: root('999999999999') },
            Condition: { StringEquals: { 'sts:ExternalId': 'cdk-sts-kit-demo-vendor-7f3a9c' } },
          },
        ],
      },
      ManagedPolicyArns: [{ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::aws:policy/SecurityAudit']] }],
    });
  });

  test('Ec2Operator holds a customer-managed EC2 operator policy, never AmazonEC2FullAccess, and cannot pass roles', () => {
    // GIVEN the dev stack
    const t = Template.fromStack(dev);
    // THEN no stack of the app attaches AmazonEC2FullAccess
    for (const s of [identity, dev, stg, prd])
      expect(JSON.stringify(Template.fromStack(s).toJSON())).not.toContain('AmazonEC2FullAccess');
    // AND the role's only policy is the stack's own, scoped to instances of the account
    t.hasResourceProperties('AWS::IAM::Role', {
      RoleName: 'Ec2Operator',
      ManagedPolicyArns: [{ Ref: Match.stringLikeRegexp('^Ec2OperatorPolicy') }],
    });
    const statements = (Object.values(t.findResources('AWS::IAM::ManagedPolicy'))[0] as any).Properties.PolicyDocument
      .Statement;
    const actions = statements.flatMap((st: any) => [st.Action].flat());
    expect(actions.sort()).toEqual([
      'ec2:CreateTags',
      'ec2:Describe*',
      'ec2:RebootInstances',
      'ec2:RunInstances',
      'ec2:StartInstances',
      'ec2:StopInstances',
      'ec2:TerminateInstances',
    ]);
    expect(JSON.stringify(statements)).not.toMatch(/iam:PassRole|ec2:\*"/);
  });

  test('Admins may assume Admin and ReadOnly everywhere, with MFA', () => {
    expect(assumableBy(identity, 'Admins')).toEqual(
      [
        roleArn('222222222222', 'Admin'),
        roleArn('333333333333', 'Admin'),
        roleArn('444444444444', 'Admin'),
        roleArn('222222222222', 'ReadOnly'),
        roleArn('333333333333', 'ReadOnly'),
        roleArn('444444444444', 'ReadOnly'),
      ].sort(),
    );
  });

  test('Developers may assume ReadOnly everywhere, and Admin and Ec2Operator in dev only', () => {
    expect(assumableBy(identity, 'Developers')).toEqual(
      [
        roleArn('222222222222', 'ReadOnly'),
        roleArn('333333333333', 'ReadOnly'),
        roleArn('444444444444', 'ReadOnly'),
        roleArn('222222222222', 'Admin'),
        roleArn('222222222222', 'Ec2Operator'),
      ].sort(),
    );
  });

  test('alice is in Admins and bob in Developers, each with MFA self-service and a console password in Secrets Manager', () => {
    const t = Template.fromStack(identity);
    const groups = t.findResources('AWS::IAM::Group');
    const idOf = (name: string) => Object.keys(groups).find((k) => groups[k].Properties?.GroupName === name);
    for (const [user, group] of [
      ['alice', 'Admins'],
      ['bob', 'Developers'],
    ]) {
      t.hasResourceProperties('AWS::IAM::User', {
        UserName: user,
        Groups: [{ Ref: idOf(group) }, { Ref: Match.stringLikeRegexp('MfaSelfService') }],
        LoginProfile: { Password: Match.objectLike({ 'Fn::Join': Match.anyValue() }), PasswordResetRequired: true },
        Policies: Match.absent(),
        ManagedPolicyArns: Match.absent(),
      });
    }
    t.resourceCountIs('AWS::IAM::Policy', 0);
    t.resourceCountIs('AWS::IAM::AccessKey', 0);
    t.resourceCountIs('AWS::SecretsManager::Secret', 2);
  });

  test('outputs: every role ARN, switch-role URLs where they work, a CLI config per user; no secret value', () => {
    const outputs = (s: Stack) => Template.fromStack(s).toJSON().Outputs;
    expect(Object.keys(outputs(dev)).sort()).toEqual([
      'AdminRoleArn',
      'AdminSwitchRoleUrl',
      'Ec2OperatorRoleArn',
      'Ec2OperatorSwitchRoleUrl',
      'ReadOnlyRoleArn',
      'ReadOnlySwitchRoleUrl',
    ]);
    expect(Object.keys(outputs(prd))).toContain('VendorAuditRoleArn');
    expect(Object.keys(outputs(prd))).not.toContain('VendorAuditSwitchRoleUrl');
    expect(outputs(dev).AdminSwitchRoleUrl.Value).toBe(
      'https://signin.aws.amazon.com/switchrole?roleName=Admin&account=222222222222&displayName=dev%20Admin',
    );
    const id = outputs(identity);
    expect(id.BobAwsCliConfig.Value).toBe(
      [
        ['dev', 'readonly', '222222222222', 'ReadOnly'],
        ['stg', 'readonly', '333333333333', 'ReadOnly'],
        ['prd', 'readonly', '444444444444', 'ReadOnly'],
        ['dev', 'admin', '222222222222', 'Admin'],
        ['dev', 'ec2operator', '222222222222', 'Ec2Operator'],
      ]
        .map(
          ([stage, p, acct, name]) =>
            `[profile ${stage}-${p}]\nrole_arn = arn:aws:iam::${acct}:role/${name}\nsource_profile = bob\nmfa_serial = arn:aws:iam::111111111111:mfa/bob\n`,
        )
        .join('\n'),
    );
    expect(id.AlicePasswordSecretArn.Value).toEqual({ Ref: expect.stringMatching(/^AlicePassword/) });
    expect(JSON.stringify(id)).not.toMatch(/password"?\s*[:=]\s*"[^{]/i);
  });

  test('AwsSolutions finds nothing unacknowledged, and every acknowledgment is needed', () => {
    const pack = new AwsSolutionsChecks(app);
    expect(pack.validateScope(app).violations).toEqual([]);
    // Without the example's acknowledgments, the pack does report findings: they are not decoration.
    const bare = projectApp();
    const plain = addSwitchRoleExample(bare, readConfig(bare.node, {}));
    for (const stack of [plain.identity, ...plain.workloads]) {
      for (const c of stack.node.findAll()) {
        (c.node as any)._metadata = c.node.metadata.filter(
          (m) => m.type !== (Validations as any).ACKNOWLEDGED_RULES_METADATA_KEY,
        );
      }
    }
    const ids = new AwsSolutionsChecks(bare)
      .validateScope(bare)
      .violations.map((v) => v.ruleName.replace(/\[.*$/, ''))
      .sort();
    expect([...new Set(ids)]).toEqual(['AwsSolutions-IAM4', 'AwsSolutions-IAM5', 'AwsSolutions-SMG4']);
  });

  test.each([
    SWITCH_ROLE_STACK_NAMES.identity,
    SWITCH_ROLE_STACK_NAMES.dev,
    SWITCH_ROLE_STACK_NAMES.stg,
    SWITCH_ROLE_STACK_NAMES.prd,
  ])('snapshot of %s', (name) => {
    expect(Template.fromStack(app.node.findChild(name) as Stack).toJSON()).toMatchSnapshot();
  });

  test('context replaces accounts, ExternalId and region; extra trusted accounts join the workload trust', () => {
    const custom = build({
      identityAccount: '123456789012',
      devAccount: '210987654321',
      vendorExternalId: 'acme-7f3a9c01',
      region: 'eu-west-1',
      extraTrustedAccounts: '555555555555',
    });
    expect(custom.identity.account).toBe('123456789012');
    expect(custom.identity.region).toBe('eu-west-1');
    expect(custom.workloads[0].account).toBe('210987654321');
    Template.fromStack(custom.workloads[2]).hasResourceProperties('AWS::IAM::Role', {
      RoleName: 'VendorAudit',
      AssumeRolePolicyDocument: {
        Statement: [Match.objectLike({ Condition: { StringEquals: { 'sts:ExternalId': 'acme-7f3a9c01' } } })],
      },
    });
    Template.fromStack(custom.workloads[0]).hasResourceProperties('AWS::IAM::Role', {
      RoleName: 'Admin',
      // Parties with the same conditions are merged into one statement by cdk.json's minimizePolicies flag.
      AssumeRolePolicyDocument: {
        Statement: [
          {
            Action: 'sts:AssumeRole',
            Effect: 'Allow',
            Principal: { AWS: [root('123456789012'), root('555555555555')] },
            Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } },
          },
        ],
      },
    });
  });
});
