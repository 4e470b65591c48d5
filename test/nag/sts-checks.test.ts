import * as fs from 'fs';
import * as path from 'path';
import { App, CfnCondition, CfnParameter, CfnResource, Fn, Lazy, Stack, Validations } from 'aws-cdk-lib';
import * as include from 'aws-cdk-lib/cloudformation-include';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { NagMessageLevel } from 'cdk-nag';
import { STS_RULES } from '../../lib/nag/rules';
import { StsChecks } from '../../lib/nag/sts-checks';
import { allow, doc, HUB, newStack, ORG, packFindings, packRuleIds, role, VENDOR } from './helpers';

const RULE_IDS = [
  'StsChecks-WildcardPrincipalTrust',
  'StsChecks-CrossAccountTrustWithoutGuard',
  'StsChecks-ExternalIdWeakCondition',
  'StsChecks-WebIdentityAudienceNotPinned',
  'StsChecks-WebIdentitySubjectNotPinned',
  'StsChecks-WebIdentitySubjectBroad',
  'StsChecks-WebIdentityForeignProviderKeys',
  'StsChecks-TrustConditionOperatorMisuse',
  'StsChecks-TrustActionMismatch',
  'StsChecks-SamlAudienceNotPinned',
  'StsChecks-TrustNotPrincipalOrNotAction',
  'StsChecks-AssumeRoleOnAnyRole',
  'StsChecks-CognitoUnauthenticatedRoleWrite',
  'StsChecks-CognitoGuestAccessEnabled',
  'StsChecks-CognitoClassicFlowEnabled',
  'StsChecks-ServiceTrustWithoutSourceCondition',
  'StsChecks-TrustPolicyTooLarge',
  'StsChecks-MaxSessionDurationOutOfRange',
];

const WARNINGS = [
  'StsChecks-WebIdentitySubjectBroad',
  'StsChecks-CognitoGuestAccessEnabled',
  'StsChecks-ServiceTrustWithoutSourceCondition',
];

/** Runs `synth` and returns the StsChecks rule names of the validation report (empty when synth succeeds). */
function synthViolations(app: App): string[] {
  try {
    app.synth();
    return [];
  } catch (e) {
    const report = /found in: (\S+)/.exec((e as Error).message)?.[1];
    if (!report) throw e;
    const json = JSON.parse(fs.readFileSync(report, 'utf8'));
    return json.pluginReports
      .filter((p: any) => p.pluginName === 'StsChecks')
      .flatMap((p: any) => p.violations.map((v: any) => v.ruleName))
      .sort();
  }
}

describe('StsChecks', () => {
  test('lists its rule ids', () => {
    // GIVEN the pack  THEN its rule ids are these eighteen, in order
    expect(new StsChecks().ruleIds).toEqual(RULE_IDS);
    expect(new StsChecks().name).toBe('StsChecks');
  });

  test('every rule is a function named after its file, with a level, an info and an explanation', () => {
    for (const rule of STS_RULES) {
      // THEN the rule file exists under lib/nag/rules with the rule's name
      expect(fs.existsSync(path.join(__dirname, '../../lib/nag/rules', `${rule.name}.ts`))).toBe(true);
      // AND its messages are written
      expect(rule.info.length).toBeGreaterThan(30);
      expect(rule.explanation.length).toBeGreaterThan(100);
      expect([NagMessageLevel.ERROR, NagMessageLevel.WARN]).toContain(rule.level);
      // AND WARN exactly for the judgment calls
      expect(rule.level === NagMessageLevel.WARN).toBe(WARNINGS.includes(`StsChecks-${rule.name}`));
    }
  });

  describe('registered on an app', () => {
    test('fails synth on a dangerous trust and reports the rule', () => {
      // GIVEN an app with the pack registered and a role trusting everyone
      const app = new App();
      Validations.of(app).addPlugins(new StsChecks(app));
      new iam.Role(new Stack(app, 'S'), 'R', { assumedBy: new iam.AnyPrincipal() });
      // WHEN synthesized THEN the report names the rule
      expect(synthViolations(app)).toEqual(['StsChecks-WildcardPrincipalTrust']);
    });

    test.each([
      ['without path metadata (matched by logical id)', {}],
      ['with the path metadata of cdk synth (matched by construct path)', { 'aws:cdk:enable-path-metadata': true }],
    ])('reports during synth what validateScope reports, %s', (_name, context) => {
      // GIVEN an app with an included template and L2 roles, validated directly, then synthesized with the pack
      const build = () => {
        const app = new App({ context });
        const stack = new Stack(app, 'Stack', { env: { account: '444444444444', region: 'eu-west-1' } });
        new include.CfnInclude(stack, 'Imported', {
          templateFile: path.join(__dirname, 'fixtures', 'imported-trust.json'),
        });
        new iam.Role(stack, 'Events', { assumedBy: new iam.ServicePrincipal('events.amazonaws.com') });
        new iam.Role(stack, 'Hub', { assumedBy: new iam.AccountPrincipal(HUB) });
        return app;
      };
      const direct = packRuleIds(build());
      const app = build();
      Validations.of(app).addPlugins(new StsChecks(app));
      // WHEN synthesized THEN the synth report names the same rules (read from the synthesized templates)
      expect(synthViolations(app)).toEqual(direct);
      expect(direct).toEqual([
        'StsChecks-AssumeRoleOnAnyRole',
        'StsChecks-CrossAccountTrustWithoutGuard',
        'StsChecks-MaxSessionDurationOutOfRange',
        'StsChecks-ServiceTrustWithoutSourceCondition',
        'StsChecks-WebIdentityAudienceNotPinned',
        'StsChecks-WebIdentitySubjectNotPinned',
        'StsChecks-WildcardPrincipalTrust',
      ]);
    });

    test('lets a safe app synthesize', () => {
      // GIVEN an app with the pack and safe roles
      const app = new App();
      Validations.of(app).addPlugins(new StsChecks(app));
      const stack = new Stack(app, 'S', { env: { account: '444444444444', region: 'eu-west-1' } });
      new iam.Role(stack, 'Admin', {
        assumedBy: new iam.AccountPrincipal(HUB).withConditions({ Bool: { 'aws:MultiFactorAuthPresent': 'true' } }),
      });
      new iam.Role(stack, 'Fn', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
      // WHEN synthesized THEN there is no violation
      expect(synthViolations(app)).toEqual([]);
    });

    test('an acknowledgement with a reason suppresses the finding, in synth and in validateScope', () => {
      // GIVEN a public role acknowledged on its L2 construct
      const app = new App();
      Validations.of(app).addPlugins(new StsChecks(app));
      const stack = new Stack(app, 'S');
      const publicRole = new iam.Role(stack, 'R', { assumedBy: new iam.AnyPrincipal() });
      Validations.of(publicRole).acknowledge({
        id: 'StsChecks-WildcardPrincipalTrust',
        reason: 'Demo role without permissions',
      });
      // WHEN validated and synthesized THEN nothing is reported
      expect(packRuleIds(app)).toEqual([]);
      expect(synthViolations(app)).toEqual([]);
    });

    test('an acknowledgement on a stack covers its resources, and only the acknowledged rule', () => {
      // GIVEN a stack-level acknowledgement of one rule, and a role breaking two rules
      const stack = newStack();
      role(stack, doc(allow('*', 'sts:AssumeRole')), { maxSessionDuration: 60 });
      Validations.of(stack).acknowledge({ id: 'StsChecks-MaxSessionDurationOutOfRange', reason: 'Imported as is' });
      // WHEN validated THEN only the other rule is reported
      expect(packRuleIds(stack)).toEqual(['StsChecks-WildcardPrincipalTrust']);
    });
  });

  describe('validateScope', () => {
    test('reports severities and construct paths', () => {
      // GIVEN a role breaking an error rule and a warning rule
      const stack = newStack();
      role(stack, doc(allow({ Service: 'events.amazonaws.com' }), allow('*')));
      // WHEN validated
      const report = new StsChecks().validateScope(stack);
      // THEN both are reported with their severity, on the role
      expect(report.success).toBe(false);
      const byRule = Object.fromEntries(report.violations.map((v) => [v.ruleName, v]));
      expect(byRule['StsChecks-WildcardPrincipalTrust'].severity).toBe('error');
      expect(byRule['StsChecks-ServiceTrustWithoutSourceCondition'].severity).toBe('warning');
      expect(byRule['StsChecks-WildcardPrincipalTrust'].violatingResources[0].constructPath).toBe('Stack/Role');
    });

    test('verbose adds the explanation to the description', () => {
      // GIVEN a public role
      const stack = newStack();
      role(stack, doc(allow('*')));
      // WHEN validated with and without verbose THEN only verbose explains how to fix it
      const terse = new StsChecks().validateScope(stack).violations[0].description;
      const verbose = new StsChecks(undefined, { verbose: true }).validateScope(stack).violations[0].description;
      expect(terse).not.toContain('aws:PrincipalOrgID (o-...)');
      expect(verbose).toContain('aws:PrincipalOrgID (o-...)');
    });

    test('skips resources it does not read', () => {
      // GIVEN a stack of a bucket only  WHEN validated  THEN nothing is reported
      const stack = newStack();
      new s3.Bucket(stack, 'B');
      expect(new StsChecks().validateScope(stack)).toEqual({ success: true, violations: [] });
    });

    test('reads the template afresh on each pass', () => {
      // GIVEN a safe role validated once
      const stack = newStack();
      const node = role(stack, doc(allow({ Service: 'lambda.amazonaws.com' })));
      const pack = new StsChecks();
      expect(pack.validateScope(stack).success).toBe(true);
      // WHEN it is overridden to trust everyone and validated again THEN the new trust is reported
      node.addPropertyOverride('AssumeRolePolicyDocument.Statement.0.Principal', '*');
      expect(pack.validateScope(stack).violations.map((v) => v.ruleName)).toContain('StsChecks-WildcardPrincipalTrust');
    });
  });

  describe('the IAM model behind the pack (issue 8)', () => {
    test('validateScope accepts the StsChecks:: prefix that synth prints in acknowledgements', () => {
      // GIVEN a public role acknowledged with the prefixed id
      const stack = newStack();
      const publicRole = role(stack, doc(allow('*')));
      Validations.of(publicRole).acknowledge({
        id: 'StsChecks::StsChecks-WildcardPrincipalTrust',
        reason: 'Demo role without permissions',
      });
      // WHEN validated THEN nothing is reported
      expect(packRuleIds(stack)).toEqual([]);
    });

    test('a finding names the reachable variant that fails', () => {
      // GIVEN a role whose trust is "*" only when a parameter keeps its default
      const stack = newStack();
      const open = new CfnParameter(stack, 'Open', { type: 'String', default: 'yes', allowedValues: ['yes', 'no'] });
      new CfnCondition(stack, 'IsOpen', { expression: Fn.conditionEquals(open.valueAsString, 'yes') });
      role(
        stack,
        doc({
          'Fn::If': [
            'IsOpen',
            allow('*'),
            allow({ AWS: `arn:aws:iam::${HUB}:root` }, 'sts:AssumeRole', {
              Bool: { 'aws:MultiFactorAuthPresent': 'true' },
            }),
          ],
        }),
      );
      // WHEN validated THEN the finding says when it fails
      const [violation] = new StsChecks().validateScope(stack).violations;
      expect(violation.ruleName).toBe('StsChecks-WildcardPrincipalTrust');
      expect(violation.description).toContain("Fails when parameter Open keeps its default 'yes'.");
    });

    test('reads each stack once per pass, even with many roles', () => {
      // GIVEN a stack of 50 roles
      const stack = newStack();
      for (let i = 0; i < 50; i++) role(stack, doc(allow({ Service: 'lambda.amazonaws.com' })), {}, `Role${i}`);
      const spy = jest.spyOn(stack as any, '_toCloudFormation');
      // WHEN validated THEN the stack was rendered once
      expect(new StsChecks().validateScope(stack).success).toBe(true);
      expect(spy).toHaveBeenCalledTimes(1);
    });
  });

  describe('props', () => {
    test("ownAccounts and organizationId exempt one's own accounts", () => {
      // GIVEN a role trusting the hub account root, and a role trusting a vendor root within the organization
      const stack = newStack();
      role(stack, doc(allow({ AWS: `arn:aws:iam::${HUB}:root` })), {}, 'Hub');
      role(
        stack,
        doc(
          allow({ AWS: `arn:aws:iam::${VENDOR}:root` }, 'sts:AssumeRole', {
            StringEquals: { 'aws:PrincipalOrgID': ORG },
          }),
        ),
        {},
        'Org',
      );
      // WHEN validated without and with props THEN only the props exempt them
      expect(packFindings(stack)['StsChecks-CrossAccountTrustWithoutGuard']).toEqual(['Stack/Hub', 'Stack/Org']);
      expect(
        packFindings(stack, { ownAccounts: [HUB], organizationId: ORG })['StsChecks-CrossAccountTrustWithoutGuard'],
      ).toBeUndefined();
    });

    test('trustPolicySizeQuota replaces the default quota', () => {
      // GIVEN a trust policy of 80 account roots (over 2,048 characters, under 4,096)
      const stack = newStack();
      const accounts = Array.from({ length: 80 }, (_, i) => `arn:aws:iam::${100000000000 + i}:root`);
      role(stack, doc(allow({ AWS: accounts }, 'sts:AssumeRole', { Bool: { 'aws:MultiFactorAuthPresent': 'true' } })));
      // WHEN validated with the default and with a raised quota THEN only the default reports it
      expect(packRuleIds(stack)).toEqual(['StsChecks-TrustPolicyTooLarge']);
      expect(packRuleIds(stack, { trustPolicySizeQuota: 4096 })).toEqual([]);
    });

    test('samlAudiences replaces the accepted audiences', () => {
      // GIVEN a SAML role pinned to a custom endpoint
      const stack = newStack();
      role(
        stack,
        doc(
          allow({ Federated: 'arn:aws:iam::444444444444:saml-provider/Okta' }, 'sts:AssumeRoleWithSAML', {
            StringEquals: { 'SAML:aud': 'https://sso.acme.io/saml' },
          }),
        ),
      );
      // WHEN validated without and with samlAudiences THEN only the prop accepts it
      expect(packRuleIds(stack)).toEqual(['StsChecks-SamlAudienceNotPinned']);
      expect(packRuleIds(stack, { samlAudiences: ['https://sso.acme.io/saml'] })).toEqual([]);
    });

    test.each([
      [
        'ownAccounts entry',
        { ownAccounts: ['11111111111'] },
        "StsChecks: invalid ownAccounts entry: received '11111111111'; expected a 12-digit AWS account id.",
      ],
      [
        'organizationId too short',
        { organizationId: 'o-abcdefghi' },
        "StsChecks: invalid organizationId: received 'o-abcdefghi'; expected an AWS Organizations id: 'o-' then 10 to 32 lower-case letters or digits.",
      ],
      ['organizationId too long', { organizationId: `o-${'a'.repeat(33)}` }, 'invalid organizationId'],
      ['organizationId upper case', { organizationId: 'o-ABCDEFGHIJ' }, 'invalid organizationId'],
      [
        'trustPolicySizeQuota above 4,096',
        { trustPolicySizeQuota: 4097 },
        'StsChecks: invalid trustPolicySizeQuota: received 4097; expected an integer from 1 to 4096 (characters).',
      ],
      ['trustPolicySizeQuota of 0', { trustPolicySizeQuota: 0 }, 'invalid trustPolicySizeQuota: received 0'],
      [
        'trustPolicySizeQuota not an integer',
        { trustPolicySizeQuota: 2048.5 },
        'invalid trustPolicySizeQuota: received 2048.5',
      ],
      [
        'samlAudiences empty',
        { samlAudiences: [] },
        'StsChecks: invalid samlAudiences: received []; expected at least one audience',
      ],
      [
        'samlAudiences with a wildcard',
        { samlAudiences: ['https://*.acme.io/saml'] },
        "StsChecks: invalid samlAudiences entry: received 'https://*.acme.io/saml'; expected an exact audience URL without wildcards or whitespace.",
      ],
    ])('rejects %s', (_name, props, message) => {
      // GIVEN invalid props  WHEN the pack is built  THEN it throws naming the value and the expectation
      expect(() => new StsChecks(undefined, props)).toThrow(message);
    });

    test.each([
      ['a 12-digit account', { ownAccounts: ['111111111111'] }],
      ['the shortest organization id', { organizationId: 'o-abcdefghij' }],
      ['the longest organization id', { organizationId: `o-${'a'.repeat(32)}` }],
      ['the smallest quota', { trustPolicySizeQuota: 1 }],
      ['the largest quota', { trustPolicySizeQuota: 4096 }],
      ['one exact audience', { samlAudiences: ['https://sso.acme.io/saml'] }],
    ])('accepts %s', (_name, props) => {
      expect(() => new StsChecks(undefined, props)).not.toThrow();
    });

    test('does not mutate the arrays it is given', () => {
      // GIVEN frozen arrays  WHEN the pack is built  THEN it does not throw (it copies, never writes)
      const ownAccounts = Object.freeze(['111111111111']) as string[];
      const samlAudiences = Object.freeze(['https://sso.acme.io/saml']) as string[];
      expect(() => new StsChecks(undefined, { ownAccounts, samlAudiences })).not.toThrow();
    });
  });

  describe('templates it did not create', () => {
    test('reads a template brought in with CfnInclude', () => {
      // GIVEN a hand-written template included in a stack
      const stack = newStack();
      new include.CfnInclude(stack, 'Imported', {
        templateFile: path.join(__dirname, 'fixtures', 'imported-trust.json'),
      });
      // WHEN validated
      const findings = packFindings(stack);
      // THEN its dangerous resources are reported, and its safe role is not
      expect(findings).toEqual({
        'StsChecks-WebIdentityAudienceNotPinned': ['Stack/Imported/DeployRole'],
        'StsChecks-WebIdentitySubjectNotPinned': ['Stack/Imported/DeployRole'],
        'StsChecks-WildcardPrincipalTrust': ['Stack/Imported/PublicRole'],
        'StsChecks-MaxSessionDurationOutOfRange': ['Stack/Imported/PublicRole'],
        'StsChecks-CrossAccountTrustWithoutGuard': ['Stack/Imported/VendorRole'],
        'StsChecks-AssumeRoleOnAnyRole': ['Stack/Imported/HopPolicy'],
      });
    });

    test('reads raw CfnResources of IAM and Cognito types', () => {
      // GIVEN raw CfnResources (not L1 classes)
      const stack = newStack();
      new CfnResource(stack, 'RawRole', {
        type: 'AWS::IAM::Role',
        properties: { AssumeRolePolicyDocument: doc(allow('*')) },
      });
      new CfnResource(stack, 'RawPool', {
        type: 'AWS::Cognito::IdentityPool',
        properties: { AllowUnauthenticatedIdentities: true },
      });
      // WHEN validated THEN both are reported
      expect(packFindings(stack)).toEqual({
        'StsChecks-WildcardPrincipalTrust': ['Stack/RawRole'],
        'StsChecks-CognitoGuestAccessEnabled': ['Stack/RawPool'],
      });
    });

    test('reads a trust policy given as a JSON string', () => {
      // GIVEN a raw role whose trust policy is a JSON string
      const stack = newStack();
      new CfnResource(stack, 'RawRole', {
        type: 'AWS::IAM::Role',
        properties: { AssumeRolePolicyDocument: JSON.stringify(doc(allow('*'))) },
      });
      // WHEN validated THEN it is read
      expect(packRuleIds(stack)).toEqual(['StsChecks-WildcardPrincipalTrust']);
    });
  });

  describe('unresolvable values', () => {
    test('never crash a rule', () => {
      // GIVEN roles and policies full of intrinsics the pack cannot resolve
      const stack = newStack();
      const odd: Array<[string, unknown]> = [
        ['WholeDocIf', Fn.conditionIf('C', doc(allow('*')), doc(allow({ Service: 'lambda.amazonaws.com' })))],
        ['StatementImport', { Version: '2012-10-17', Statement: Fn.importValue('Statements') }],
        ['PrincipalIf', doc(allow(Fn.conditionIf('C', { AWS: '*' }, { AWS: HUB })))],
        [
          'ConditionIf',
          doc(
            allow(
              { AWS: `arn:aws:iam::${VENDOR}:root` },
              'sts:AssumeRole',
              Fn.conditionIf('C', { Bool: { 'aws:MultiFactorAuthPresent': 'true' } }, {}),
            ),
          ),
        ],
        ['ActionSplit', doc(allow({ AWS: HUB }, Fn.split(',', 'sts:AssumeRole,sts:TagSession')))],
        [
          'ValuesSelect',
          doc(
            allow('*', 'sts:AssumeRole', {
              StringEquals: { 'aws:PrincipalOrgID': Fn.select(0, Fn.split(',', 'o-a1b2c3d4e5')) },
            }),
          ),
        ],
        [
          'NumbersAndNulls',
          {
            Statement: [
              null,
              42,
              { Effect: 'Allow', Principal: { AWS: 42 }, Action: [null], Condition: { StringEquals: null } },
            ],
          },
        ],
        [
          'LazyPrincipal',
          doc(
            allow(
              { Federated: Lazy.string({ produce: () => 'cognito-identity.amazonaws.com' }) },
              'sts:AssumeRoleWithWebIdentity',
              {
                StringEquals: {
                  'cognito-identity.amazonaws.com:aud': 'eu-west-1:12345678-1234-1234-1234-123456789012',
                },
                'ForAnyValue:StringLike': { 'cognito-identity.amazonaws.com:amr': 'authenticated' },
              },
            ),
          ),
        ],
      ];
      for (const [id, trust] of odd)
        new CfnResource(stack, id, {
          type: 'AWS::IAM::Role',
          properties: { AssumeRolePolicyDocument: trust, MaxSessionDuration: Fn.importValue('Seconds') },
        });
      new CfnResource(stack, 'OddPolicy', {
        type: 'AWS::IAM::ManagedPolicy',
        properties: {
          PolicyDocument: Fn.conditionIf(
            'C',
            doc({ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: '*' }),
            Fn.importValue('Doc'),
          ),
        },
      });
      new CfnResource(stack, 'OddPool', {
        type: 'AWS::Cognito::IdentityPool',
        properties: { AllowUnauthenticatedIdentities: Fn.importValue('Guest') },
      });
      // WHEN validated
      const report = new StsChecks(undefined, { verbose: true }).validateScope(stack);
      // THEN no rule threw, and the conservative readings are reported as documented
      expect(report.violations.filter((v) => v.description.startsWith('Rule threw'))).toEqual([]);
      const findings = packFindings(stack);
      expect(findings['StsChecks-WildcardPrincipalTrust']).toEqual(['Stack/PrincipalIf', 'Stack/WholeDocIf']);
      // (a Condition that is a whole Fn::If narrows nothing; a statement whose Action is [null] allows no sts:AssumeRole
      // and admits nobody, whatever its principal)
      expect(findings['StsChecks-CrossAccountTrustWithoutGuard']).toEqual([
        'Stack/ActionSplit',
        'Stack/ConditionIf',
        'Stack/PrincipalIf',
      ]);
      expect(findings['StsChecks-AssumeRoleOnAnyRole']).toEqual(['Stack/OddPolicy']);
      expect(findings['StsChecks-CognitoGuestAccessEnabled']).toBeUndefined();
      expect(findings['StsChecks-MaxSessionDurationOutOfRange']).toBeUndefined();
    });

    test('a cross-stack reference read before synth does not crash', () => {
      // GIVEN a role in one stack trusting a role of another stack, validated before the app is synthesized
      const app = new App();
      const env = { account: '444444444444', region: 'eu-west-1' };
      const producer = new Stack(app, 'Producer', { env });
      const consumer = new Stack(app, 'Consumer', { env });
      const source = new iam.Role(producer, 'Source', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
      new iam.Role(consumer, 'Target', { assumedBy: new iam.ArnPrincipal(source.roleArn) });
      // WHEN validated THEN nothing is reported (the principal is one concrete role)
      const report = new StsChecks().validateScope(app);
      expect(report.violations).toEqual([]);
    });
  });

  describe('L2 constructs of aws-cdk-lib', () => {
    test('a Cognito identity pool with guest access and a writing guest role', () => {
      // GIVEN an identity pool with guest access whose guest role can write
      const stack = newStack();
      const pool = new cognito.CfnIdentityPool(stack, 'Pool', { allowUnauthenticatedIdentities: true });
      const guest = new iam.Role(stack, 'Guest', {
        assumedBy: new iam.FederatedPrincipal(
          'cognito-identity.amazonaws.com',
          {
            StringEquals: { 'cognito-identity.amazonaws.com:aud': pool.ref },
            'ForAnyValue:StringLike': { 'cognito-identity.amazonaws.com:amr': 'unauthenticated' },
          },
          'sts:AssumeRoleWithWebIdentity',
        ),
      });
      guest.addToPolicy(new iam.PolicyStatement({ actions: ['s3:PutObject'], resources: ['arn:aws:s3:::uploads/*'] }));
      new cognito.CfnIdentityPoolRoleAttachment(stack, 'Roles', {
        identityPoolId: pool.ref,
        roles: { unauthenticated: guest.roleArn },
      });
      // WHEN validated THEN the pool and the guest role are reported
      expect(packFindings(stack)).toEqual({
        'StsChecks-CognitoGuestAccessEnabled': ['Stack/Pool'],
        'StsChecks-CognitoUnauthenticatedRoleWrite': ['Stack/Guest/Resource'],
      });
    });
  });
});
