import { NagRuleCompliance } from 'cdk-nag';
import * as iam from 'aws-cdk-lib/aws-iam';
import CrossAccountTrustWithoutGuard from '../../../lib/nag/rules/CrossAccountTrustWithoutGuard';
import {
  allow,
  allowAs,
  denyAll,
  doc,
  HUB,
  newStack,
  NON,
  OK,
  onNode,
  onTrust,
  ORG,
  role,
  STACK_ACCOUNT,
  VENDOR,
} from '../helpers';
import { onTemplate, trustTemplate } from '../helpers';

const vendorRoot = { AWS: `arn:aws:iam::${VENDOR}:root` };

describe('CrossAccountTrustWithoutGuard', () => {
  describe('Noncompliance', () => {
    test.each([
      ['another account root, no condition', allow(vendorRoot)],
      ['a bare account id', allow({ AWS: VENDOR })],
      [
        'an account from a parameter (unknown owner)',
        allow({
          AWS: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::', { Ref: 'VendorAccount' }, ':root']] },
        }),
      ],
      [
        'an ExternalId with a wildcard',
        allow(vendorRoot, 'sts:AssumeRole', { StringLike: { 'sts:ExternalId': 'abc*' } }),
      ],
      [
        'an ExternalId with IfExists',
        allow(vendorRoot, 'sts:AssumeRole', { StringEqualsIfExists: { 'sts:ExternalId': 'a-long-external-id' } }),
      ],
      [
        'MFA with BoolIfExists',
        allow(vendorRoot, 'sts:AssumeRole', { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'true' } }),
      ],
      ['MFA present false', allow(vendorRoot, 'sts:AssumeRole', { Bool: { 'aws:MultiFactorAuthPresent': 'false' } })],
      [
        'aws:PrincipalArn naming the account root',
        allow(vendorRoot, 'sts:AssumeRole', { ArnEquals: { 'aws:PrincipalArn': `arn:aws:iam::${VENDOR}:root` } }),
      ],
      [
        'aws:PrincipalArn with a wildcard role',
        allow(vendorRoot, 'sts:AssumeRole', { ArnLike: { 'aws:PrincipalArn': `arn:aws:iam::${VENDOR}:role/*` } }),
      ],
      [
        'another organization than the one given',
        allow(vendorRoot, 'sts:AssumeRole', { StringEquals: { 'aws:PrincipalOrgID': 'o-zzzzzzzzzz' } }),
      ],
      [
        '"*" narrowed to another organization than the one given',
        allow('*', 'sts:AssumeRole', { StringEquals: { 'aws:PrincipalOrgID': 'o-zzzzzzzzzz' } }),
      ],
      [
        '{"AWS": "*"} narrowed to a path of another organization than the one given',
        allow({ AWS: '*' }, 'sts:AssumeRole', {
          'ForAnyValue:StringLike': { 'aws:PrincipalOrgPaths': 'o-zzzzzzzzzz/*' },
        }),
      ],
    ])('%s', (_name, statement) => {
      // GIVEN a foreign account trusted without a guard  WHEN the rule runs  THEN it is reported
      expect(onTrust(CrossAccountTrustWithoutGuard, statement, { organizationId: ORG })).toBe(
        NagRuleCompliance.NON_COMPLIANT,
      );
    });

    test.each([
      ['a role ARN in a literal foreign account', allow({ AWS: `arn:aws:iam::${VENDOR}:role/integration` })],
      ['a user ARN in a literal foreign account', allow({ AWS: `arn:aws:iam::${VENDOR}:user/alice` })],
      [
        'an assumed-role session in a literal foreign account',
        allow({ AWS: `arn:aws:sts::${VENDOR}:assumed-role/integration/session` }),
      ],
      [
        '"*" narrowed by ArnEquals aws:PrincipalArn to a foreign role',
        allow({ AWS: '*' }, 'sts:AssumeRole', {
          ArnEquals: { 'aws:PrincipalArn': `arn:aws:iam::${VENDOR}:role/integration` },
        }),
      ],
      [
        'a foreign root narrowed by aws:PrincipalArn to one of its roles',
        allow(vendorRoot, 'sts:AssumeRole', {
          ArnEquals: { 'aws:PrincipalArn': `arn:aws:iam::${VENDOR}:role/integration` },
        }),
      ],
    ])('a concrete principal of another account without a guard is the confused deputy: %s', (_name, statement) => {
      // GIVEN one named identity in a literal foreign account, no ExternalId, no MFA, no organization
      // WHEN the rule runs
      const compliance = onTrust(CrossAccountTrustWithoutGuard, statement, { organizationId: ORG });
      // THEN it is reported: that identity may act for many customers (lead decision 14:30)
      expect(compliance).toBe(NagRuleCompliance.NON_COMPLIANT);
    });

    test('"*" narrowed to an organization: its own when organizationId is given; without the prop, WildcardPrincipalTrust\'s', () => {
      // GIVEN "*" narrowed to the organization the prop names, and to another one with an ExternalId
      const own = allow('*', 'sts:AssumeRole', { StringEquals: { 'aws:PrincipalOrgID': ORG } });
      const otherWithExternalId = allow('*', 'sts:AssumeRole', {
        StringEquals: {
          'aws:PrincipalOrgID': 'o-zzzzzzzzzz',
          'sts:ExternalId': '3f1c2a9e-7b4d-4c1e-9a55-0c6e2d7b8f10',
        },
      });
      const other = allow('*', 'sts:AssumeRole', { StringEquals: { 'aws:PrincipalOrgID': 'o-zzzzzzzzzz' } });
      // WHEN / THEN the first two pass with the prop, and the third passes without it (no organization to compare)
      expect(onTrust(CrossAccountTrustWithoutGuard, own, { organizationId: ORG })).toBe(NagRuleCompliance.COMPLIANT);
      expect(onTrust(CrossAccountTrustWithoutGuard, otherWithExternalId, { organizationId: ORG })).toBe(
        NagRuleCompliance.COMPLIANT,
      );
      expect(onTrust(CrossAccountTrustWithoutGuard, other)).toBe(NagRuleCompliance.COMPLIANT);
    });

    test('a concrete principal of an account listed in ownAccounts is exempt', () => {
      // GIVEN a role ARN of the hub account trusted without a guard
      const statement = allow({ AWS: `arn:aws:iam::${HUB}:role/deployer` });
      // WHEN the rule runs without and with ownAccounts
      // THEN only the former reports it
      expect(onTrust(CrossAccountTrustWithoutGuard, statement)).toBe(NagRuleCompliance.NON_COMPLIANT);
      expect(onTrust(CrossAccountTrustWithoutGuard, statement, { ownAccounts: [HUB] })).toBe(
        NagRuleCompliance.COMPLIANT,
      );
    });

    test('an organization condition without the organizationId prop does not exempt', () => {
      // GIVEN an org-scoped account trust, and no organizationId prop
      const statement = allow(vendorRoot, 'sts:AssumeRole', { StringEquals: { 'aws:PrincipalOrgID': ORG } });
      // WHEN the rule runs THEN it is reported
      expect(onTrust(CrossAccountTrustWithoutGuard, statement)).toBe(NagRuleCompliance.NON_COMPLIANT);
    });

    test('a stack without a concrete account does not make a concrete account its own', () => {
      // GIVEN an environment-agnostic stack trusting the hub account
      const node = role(newStack(undefined), doc(allow({ AWS: `arn:aws:iam::${HUB}:root` })));
      // WHEN the rule runs THEN the hub account is foreign
      expect(onNode(CrossAccountTrustWithoutGuard, node)).toBe(NagRuleCompliance.NON_COMPLIANT);
    });
  });

  describe('Compliance', () => {
    const externalIdDeny = (principal: unknown, action: unknown = 'sts:AssumeRole') => ({
      Effect: 'Deny',
      Principal: principal,
      Action: action,
      Condition: { StringNotEquals: { 'sts:ExternalId': '3f1c2a9e-7b4d-4c1e-9a55-0c6e2d7b8f10' } },
    });
    test.each([
      // the Deny names the same principal in another spelling: an account id is its root ARN
      [
        'an ExternalId Deny on the root ARN of an account allowed by id',
        [allow({ AWS: VENDOR }), externalIdDeny(vendorRoot)],
      ],
      [
        'an ExternalId Deny by id on an account allowed by its root ARN with a token partition (as CDK writes it)',
        [
          allow({ AWS: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:iam::${VENDOR}:root`]] } }),
          externalIdDeny({ AWS: VENDOR }),
        ],
      ],
      // session tags come only with the assume call, which the Deny covers
      [
        'an Allow of AssumeRole and TagSession, the ExternalId Deny on AssumeRole only',
        [allow(vendorRoot, ['sts:AssumeRole', 'sts:TagSession']), externalIdDeny('*')],
      ],
      [
        '"*" narrowed to one role of the role\'s own account, as ${aws:ResourceAccount}',
        allow('*', 'sts:AssumeRole', {
          ArnLike: { 'aws:PrincipalArn': 'arn:aws:iam::${aws:ResourceAccount}:role/Deployer' },
        }),
      ],
      [
        'a third party with a proper ExternalId',
        allow(vendorRoot, 'sts:AssumeRole', {
          StringEquals: { 'sts:ExternalId': '3f1c2a9e-7b4d-4c1e-9a55-0c6e2d7b8f10' },
        }),
      ],
      [
        'an ExternalId from a parameter',
        allow(vendorRoot, 'sts:AssumeRole', { StringEquals: { 'sts:ExternalId': { Ref: 'ExternalId' } } }),
      ],
      ['MFA required', allow(vendorRoot, 'sts:AssumeRole', { Bool: { 'aws:MultiFactorAuthPresent': 'true' } })],
      [
        'a bounded MFA age',
        allow(vendorRoot, 'sts:AssumeRole', { NumericLessThan: { 'aws:MultiFactorAuthAge': '3600' } }),
      ],
      [
        'a foreign concrete role ARN with an ExternalId',
        allow({ AWS: `arn:aws:iam::${VENDOR}:role/integration` }, 'sts:AssumeRole', {
          StringEquals: { 'sts:ExternalId': '3f1c2a9e-7b4d-4c1e-9a55-0c6e2d7b8f10' },
        }),
      ],
      [
        'a foreign concrete role ARN with MFA',
        allow({ AWS: `arn:aws:iam::${VENDOR}:user/alice` }, 'sts:AssumeRole', {
          Bool: { 'aws:MultiFactorAuthPresent': 'true' },
        }),
      ],
      [
        'a foreign concrete role ARN in the organization given',
        allow({ AWS: `arn:aws:iam::${VENDOR}:role/integration` }, 'sts:AssumeRole', {
          StringEquals: { 'aws:PrincipalOrgID': ORG },
        }),
      ],
      ['a concrete role ARN in the stack account', allow({ AWS: `arn:aws:iam::${STACK_ACCOUNT}:role/integration` })],
      [
        'a concrete role ARN whose account is a parameter (unknown at synth)',
        allow({ AWS: { 'Fn::Sub': 'arn:${AWS::Partition}:iam::${Pipeline}:role/deploy' } }),
      ],
      ['the stack account root', allow({ AWS: `arn:aws:iam::${STACK_ACCOUNT}:root` })],
      [
        'AWS::AccountId root',
        allow({
          AWS: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::', { Ref: 'AWS::AccountId' }, ':root']] },
        }),
      ],
      ['Fn::Sub of AWS::AccountId', allow({ AWS: { 'Fn::Sub': 'arn:${AWS::Partition}:iam::${AWS::AccountId}:root' } })],
      ['a role of the same template', allow({ AWS: { 'Fn::GetAtt': ['Other', 'Arn'] } })],
      [
        'the organization given in props',
        allow(vendorRoot, 'sts:AssumeRole', { StringEquals: { 'aws:PrincipalOrgID': ORG } }),
      ],
      [
        'an org path under the organization given',
        allow(vendorRoot, 'sts:AssumeRole', {
          'ForAnyValue:StringLike': { 'aws:PrincipalOrgPaths': `${ORG}/r-ab12/*` },
        }),
      ],
      ['a service principal', allow({ Service: 'lambda.amazonaws.com' })],
    ])('%s', (_name, statement) => {
      // GIVEN a guarded or own-account trust  WHEN the rule runs  THEN it passes
      expect(onTrust(CrossAccountTrustWithoutGuard, statement, { organizationId: ORG })).toBe(
        NagRuleCompliance.COMPLIANT,
      );
    });

    test('"*" narrowed to the role\'s own account or organization by a policy variable is not another account', () => {
      // GIVEN "*" narrowed by aws:PrincipalAccount = ${aws:ResourceAccount}, and by aws:PrincipalOrgID = ${aws:ResourceOrgID}
      const ownAccount = allow({ AWS: '*' }, 'sts:AssumeRole', {
        StringEquals: { 'aws:PrincipalAccount': '${aws:ResourceAccount}' },
      });
      const ownOrg = allow({ AWS: '*' }, 'sts:AssumeRole', {
        StringEquals: { 'aws:PrincipalAccount': VENDOR, 'aws:PrincipalOrgID': '${aws:ResourceOrgID}' },
      });
      // WHEN the rule runs (with the organizationId prop for the second)
      // THEN neither is reported: the caller is in the role's own account / organization
      expect(onTrust(CrossAccountTrustWithoutGuard, ownAccount)).toBe(NagRuleCompliance.COMPLIANT);
      expect(onTrust(CrossAccountTrustWithoutGuard, ownOrg, { organizationId: ORG })).toBe(NagRuleCompliance.COMPLIANT);
    });

    test('a statement that allows no sts:AssumeRole admits nobody', () => {
      // GIVEN a foreign root allowed only sts:SetSourceIdentity / sts:TagSession (TrustActionMismatch's question)
      const statement = allow(vendorRoot, ['sts:SetSourceIdentity', 'sts:TagSession']);
      // WHEN the rule runs THEN it passes: nobody can become the role through this statement
      expect(onTrust(CrossAccountTrustWithoutGuard, statement)).toBe(NagRuleCompliance.COMPLIANT);
    });

    test('accounts listed in ownAccounts are exempt', () => {
      // GIVEN the hub account root trusted without a guard
      const statement = allow({ AWS: `arn:aws:iam::${HUB}:root` });
      // WHEN the rule runs without and with ownAccounts THEN only the latter passes
      expect(onTrust(CrossAccountTrustWithoutGuard, statement)).toBe(NagRuleCompliance.NON_COMPLIANT);
      expect(onTrust(CrossAccountTrustWithoutGuard, statement, { ownAccounts: [HUB] })).toBe(
        NagRuleCompliance.COMPLIANT,
      );
    });

    test('iam.AccountRootPrincipal of the stack passes', () => {
      // GIVEN an L2 role trusting its own account root
      const stack = newStack();
      const r = new iam.Role(stack, 'R', { assumedBy: new iam.AccountRootPrincipal() });
      // WHEN the rule runs THEN it passes
      expect(onNode(CrossAccountTrustWithoutGuard, r.node.defaultChild as iam.CfnRole)).toBe(
        NagRuleCompliance.COMPLIANT,
      );
    });
  });
});

describe('CrossAccountTrustWithoutGuard on every spelling (issue 8)', () => {
  const root = (account: unknown) => ({ AWS: { 'Fn::Sub': ['arn:${AWS::Partition}:iam::${A}:root', { A: account }] } });
  test.each([
    [
      'a parameter defaulting to a foreign account',
      trustTemplate(doc(allowAs(root({ Ref: 'Acct' }))), {
        Parameters: { Acct: { Type: 'String', Default: '999999999999' } },
      }),
      NON,
      "when parameter Acct keeps its default '999999999999'",
    ],
    [
      'a parameter that can only be the stack account (last safe)',
      trustTemplate(doc(allowAs(root({ Ref: 'Acct' }))), {
        Parameters: { Acct: { Type: 'String', Default: '444444444444', AllowedValues: ['444444444444'] } },
      }),
      OK,
      undefined,
    ],
    [
      'a parameter defaulting to the stack account, which the deployer can set to any account',
      trustTemplate(doc(allowAs(root({ Ref: 'Acct' }))), {
        Parameters: { Acct: { Type: 'String', Default: '444444444444' } },
      }),
      NON,
      'when parameter Acct is set to another value',
    ],
    [
      'an Fn::If branch with a foreign root',
      trustTemplate(doc(allowAs({ 'Fn::If': ['Shared', root('999999999999'), root({ Ref: 'AWS::AccountId' })] })), {
        Conditions: { Shared: { 'Fn::Equals': [{ Ref: 'AWS::Region' }, 'x'] } },
      }),
      NON,
      'when condition Shared is true',
    ],
    [
      'a mapping of foreign accounts',
      trustTemplate(doc(allowAs(root({ 'Fn::FindInMap': ['Accts', { Ref: 'AWS::Region' }, 'Id'] }))), {
        Mappings: { Accts: { r1: { Id: '999999999999' } } },
      }),
      NON,
      "when mapping Accts is read at key 'r1'",
    ],
    [
      '"*" narrowed by aws:PrincipalAccount to a foreign account',
      trustTemplate(doc(allowAs({ AWS: '*' }, { StringEquals: { 'aws:PrincipalAccount': '999999999999' } }))),
      NON,
      undefined,
    ],
    [
      '"*" narrowed by aws:PrincipalAccount to the stack account',
      trustTemplate(doc(allowAs({ AWS: '*' }, { StringEquals: { 'aws:PrincipalAccount': '444444444444' } }))),
      OK,
      undefined,
    ],
    [
      '"*" narrowed by an account-wide aws:PrincipalArn',
      trustTemplate(doc(allowAs({ AWS: '*' }, { ArnLike: { 'aws:PrincipalArn': 'arn:aws:iam::999999999999:*' } }))),
      NON,
      undefined,
    ],
    [
      'a foreign root guarded by a Deny StringNotEquals sts:ExternalId',
      trustTemplate(
        doc(allowAs(root('999999999999')), denyAll({ StringNotEquals: { 'sts:ExternalId': 'vendor-7f3a9c2e' } })),
      ),
      OK,
      undefined,
    ],
    [
      'a foreign root guarded by a Deny BoolIfExists MFA false',
      trustTemplate(
        doc(allowAs(root('999999999999')), denyAll({ BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } })),
      ),
      OK,
      undefined,
    ],
    [
      'a Deny Bool MFA false without IfExists (long-term credentials pass)',
      trustTemplate(doc(allowAs(root('999999999999')), denyAll({ Bool: { 'aws:MultiFactorAuthPresent': 'false' } }))),
      NON,
      undefined,
    ],
    [
      'a Deny that guards another principal',
      trustTemplate(
        doc(allowAs(root('999999999999')), {
          ...denyAll({ StringNotEquals: { 'sts:ExternalId': 'x-1' } }),
          Principal: { AWS: 'arn:aws:iam::888888888888:root' },
        }),
      ),
      NON,
      undefined,
    ],
    [
      'a foreign root in a JSON string',
      trustTemplate(JSON.stringify(doc(allowAs({ AWS: 'arn:aws:iam::999999999999:root' })))),
      NON,
      undefined,
    ],
    [
      'a role whose Condition is false for every reachable parameter value',
      {
        Parameters: { Who: { Type: 'String', Default: '', AllowedValues: [''] } },
        Conditions: { HasWho: { 'Fn::Not': [{ 'Fn::Equals': [{ Ref: 'Who' }, ''] }] } },
        Resources: {
          Role: {
            Type: 'AWS::IAM::Role',
            Condition: 'HasWho',
            Properties: { AssumeRolePolicyDocument: doc(allowAs({ AWS: { Ref: 'Who' } })) },
          },
        },
      },
      'N/A',
      undefined,
    ],
    [
      'a role that exists once an optional parameter (empty default) is set',
      {
        Parameters: { Who: { Type: 'String', Default: '' } },
        Conditions: { HasWho: { 'Fn::Not': [{ 'Fn::Equals': [{ Ref: 'Who' }, ''] }] } },
        Resources: {
          Role: {
            Type: 'AWS::IAM::Role',
            Condition: 'HasWho',
            Properties: { AssumeRolePolicyDocument: doc(allowAs({ AWS: { Ref: 'Who' } })) },
          },
        },
      },
      NON,
      'when parameter Who is set (to a value of your choice)',
    ],
    [
      'a role whose Condition holds for an allowed value',
      {
        Parameters: { Who: { Type: 'String', Default: '', AllowedValues: ['', '999999999999'] } },
        Conditions: { HasWho: { 'Fn::Not': [{ 'Fn::Equals': [{ Ref: 'Who' }, ''] }] } },
        Resources: {
          Role: {
            Type: 'AWS::IAM::Role',
            Condition: 'HasWho',
            Properties: { AssumeRolePolicyDocument: doc(allowAs({ AWS: { Ref: 'Who' } })) },
          },
        },
      },
      NON,
      "when parameter Who is set to '999999999999'",
    ],
    [
      'a principal read through an AWS::SSM::Parameter of the template',
      trustTemplate(doc(allowAs({ AWS: { 'Fn::GetAtt': ['Jump', 'Value'] } })), {
        Resources: {
          Jump: {
            Type: 'AWS::SSM::Parameter',
            Properties: { Type: 'String', Value: { 'Fn::Sub': 'arn:${AWS::Partition}:iam::${AWS::AccountId}:root' } },
          },
        },
      }),
      OK,
      undefined,
    ],
    [
      'a foreign root with ExternalId in a JSON string',
      trustTemplate(
        JSON.stringify(
          doc(
            allowAs(
              { AWS: 'arn:aws:iam::999999999999:root' },
              { StringEquals: { 'sts:ExternalId': 'vendor-7f3a9c2e' } },
            ),
          ),
        ),
      ),
      OK,
      undefined,
    ],
  ])('%s', (_name, template, compliance, variant) => {
    // GIVEN a trust policy in this spelling  WHEN the rule runs on the template  THEN it judges who is admitted
    expect(onTemplate(CrossAccountTrustWithoutGuard, template)).toEqual({
      compliance,
      ...(variant ? { variant } : {}),
    });
  });
});
