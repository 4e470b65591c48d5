import { checkTemplates } from '../../lib/nag/check';

const doc = (...statements: object[]) => ({ Version: '2012-10-17', Statement: statements });
const roleTemplate = (trust: unknown, sections: object = {}) => ({
  ...sections,
  Resources: {
    Role: { Type: 'AWS::IAM::Role', Properties: { AssumeRolePolicyDocument: trust } },
    Bucket: { Type: 'AWS::S3::Bucket' },
  },
});
const vendorRoot = { Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::999999999999:root' }, Action: 'sts:AssumeRole' };

describe('checkTemplates', () => {
  test('reports each finding with its rule, level, template, resource, message and failing variant', () => {
    // GIVEN a template whose trust is "*" while a parameter keeps its default
    const template = roleTemplate(
      doc({ Effect: 'Allow', Principal: { AWS: { Ref: 'Who' } }, Action: 'sts:AssumeRole' }),
      { Parameters: { Who: { Type: 'String', Default: '*', AllowedValues: ['*'] } } },
    );
    // WHEN checked
    const findings = checkTemplates([{ name: 'vendor.json', template }]);
    // THEN the wildcard rule reports the role, naming the variant
    expect(findings).toEqual([
      {
        ruleId: 'StsChecks-WildcardPrincipalTrust',
        level: 'Error',
        template: 'vendor.json',
        resource: 'Role',
        resourceType: 'AWS::IAM::Role',
        message: expect.stringContaining('any AWS principal'),
        variant: "when parameter Who keeps its default '*'",
      },
    ]);
  });

  test('warnings are reported with the Warning level', () => {
    const template = {
      Resources: { Pool: { Type: 'AWS::Cognito::IdentityPool', Properties: { AllowUnauthenticatedIdentities: true } } },
    };
    expect(checkTemplates([{ name: 't', template }]).map((f) => [f.ruleId, f.level])).toEqual([
      ['StsChecks-CognitoGuestAccessEnabled', 'Warning'],
    ]);
  });

  test('ownAccounts, organizationId and the size quota apply as in the pack', () => {
    // GIVEN a foreign root, an organization-guarded one, and a large trust
    const foreign = roleTemplate(doc(vendorRoot));
    const org = roleTemplate(
      doc({ ...vendorRoot, Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } } }),
    );
    const ids = (f: ReturnType<typeof checkTemplates>) => f.map((x) => x.ruleId);
    // WHEN checked with and without the options THEN the options exempt what they say
    expect(ids(checkTemplates([{ name: 'a', template: foreign }]))).toEqual([
      'StsChecks-CrossAccountTrustWithoutGuard',
    ]);
    expect(ids(checkTemplates([{ name: 'a', template: foreign }], { ownAccounts: ['999999999999'] }))).toEqual([]);
    expect(ids(checkTemplates([{ name: 'b', template: org }], { organizationId: 'o-a1b2c3d4e5' }))).toEqual([]);
    const large = roleTemplate(
      doc({
        ...vendorRoot,
        Sid: 'x'.repeat(2100),
        Condition: { StringEquals: { 'sts:ExternalId': 'vendor-7f3a9c2e' } },
      }),
    );
    expect(ids(checkTemplates([{ name: 'c', template: large }]))).toEqual(['StsChecks-TrustPolicyTooLarge']);
    expect(ids(checkTemplates([{ name: 'c', template: large }], { trustPolicySizeQuota: 4096 }))).toEqual([]);
  });

  test.each([
    [
      'an Entra ID v1 issuer',
      'sts.windows.net/3c5f5b0d-1111-2222-3333-444455556666/',
      'api://my-app',
      'a1b2c3d4-0000-1111-2222-333344445555',
    ],
    ['an Auth0 tenant', 'acme.us.auth0.com/', 'https://api.acme.example', 'auth0|64b7f0c2e1a9d3f4a5b6c7d8'],
  ])(
    '%s keeps its trailing slash in the provider ARN and the keys, and a fully pinned trust has no finding',
    (_name, issuer, aud, sub) => {
      // GIVEN a web identity trust whose provider ARN and condition keys both end the issuer with "/" (as Entra ID v1
      // `https://sts.windows.net/TENANT/` and Auth0 `https://TENANT.auth0.com/` are written), aud and sub pinned exactly
      const template = roleTemplate(
        doc({
          Effect: 'Allow',
          Principal: { Federated: `arn:aws:iam::111111111111:oidc-provider/${issuer}` },
          Action: 'sts:AssumeRoleWithWebIdentity',
          Condition: { StringEquals: { [`${issuer}:aud`]: aud, [`${issuer}:sub`]: sub } },
        }),
      );
      // WHEN checked
      const findings = checkTemplates([{ name: 'idp.json', template }]);
      // THEN the keys are read as the provider's own: nothing is reported
      expect(findings.map((f) => f.ruleId)).toEqual([]);
    },
  );

  describe('parts of a template that StsChecks cannot read are named, not passed over in silence', () => {
    const notReadable = (findings: ReturnType<typeof checkTemplates>) =>
      findings.filter((f) => f.ruleId === 'StsChecks-TemplateNotReadable');

    test('a raw SAM template (Transform) is reported as not fully read, with what to check instead', () => {
      // GIVEN a SAM template whose function trusts "*" (SAM writes the role only when CloudFormation processes it)
      const template = {
        Transform: 'AWS::Serverless-2016-10-31',
        Resources: {
          Fn: {
            Type: 'AWS::Serverless::Function',
            Properties: {
              Handler: 'index.handler',
              AssumeRolePolicyDocument: doc({ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sts:AssumeRole' }),
            },
          },
        },
      };
      // WHEN checked
      const findings = notReadable(checkTemplates([{ name: 'sam.yaml', template }]));
      // THEN one Warning names the transform and the processed template to check
      expect(findings).toEqual([
        {
          ruleId: 'StsChecks-TemplateNotReadable',
          level: 'Warning',
          template: 'sam.yaml',
          resource: '(template)',
          resourceType: '(template)',
          message: expect.stringContaining('Transform AWS::Serverless-2016-10-31'),
        },
      ]);
      expect(findings[0].message).toContain('--template-stage Processed');
      expect(findings[0].message).toContain('AWS::Serverless::Function Fn');
    });

    test('a trust policy built by Fn::Transform (AWS::Include) is reported on its role', () => {
      // GIVEN a role whose trust is included from S3 at deploy time
      const template = roleTemplate({
        'Fn::Transform': { Name: 'AWS::Include', Parameters: { Location: 's3://bucket/trust.json' } },
      });
      // WHEN checked
      const findings = notReadable(checkTemplates([{ name: 't.json', template }]));
      // THEN the role and the property are named
      expect(findings.map((f) => [f.level, f.resource, f.resourceType])).toEqual([
        ['Warning', 'Role', 'AWS::IAM::Role'],
      ]);
      expect(findings[0].message).toContain('AssumeRolePolicyDocument is built by Fn::Transform AWS::Include');
    });

    test("an Identity Center permission set's policies are reported as not read", () => {
      // GIVEN a permission set allowing sts:AssumeRole on every role of every account
      const template = {
        Resources: {
          PS: {
            Type: 'AWS::SSO::PermissionSet',
            Properties: {
              Name: 'Deployer',
              InstanceArn: 'arn:aws:sso:::instance/ssoins-1234',
              InlinePolicy: doc({ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: 'arn:aws:iam::*:role/*' }),
            },
          },
        },
      };
      // WHEN checked
      const findings = notReadable(checkTemplates([{ name: 'sso.json', template }]));
      // THEN the permission set is named, with the property that holds IAM
      expect(findings.map((f) => [f.level, f.resource, f.resourceType])).toEqual([
        ['Warning', 'PS', 'AWS::SSO::PermissionSet'],
      ]);
      expect(findings[0].message).toContain('InlinePolicy');
    });

    test('a template that declares the SAM transform but has no AWS::Serverless resource raises no such warning', () => {
      // GIVEN the SAM transform next to plain resources only
      const template = { Transform: 'AWS::Serverless-2016-10-31', Resources: { Bucket: { Type: 'AWS::S3::Bucket' } } };
      // WHEN checked THEN nothing is reported: SAM writes IAM only for its own resource types
      expect(checkTemplates([{ name: 't.json', template }])).toEqual([]);
    });

    test('a plain template, and a Fn::Transform outside IAM, raise no such warning', () => {
      // GIVEN a role with a literal trust, and a bucket whose properties come from a transform
      const template = {
        Resources: {
          Role: {
            Type: 'AWS::IAM::Role',
            Properties: {
              AssumeRolePolicyDocument: doc({
                Effect: 'Allow',
                Principal: { Service: 'lambda.amazonaws.com' },
                Action: 'sts:AssumeRole',
              }),
            },
          },
          Bucket: {
            Type: 'AWS::S3::Bucket',
            Properties: { 'Fn::Transform': { Name: 'AWS::Include', Parameters: { Location: 's3://b/k' } } },
          },
        },
      };
      // WHEN checked THEN nothing is reported
      expect(checkTemplates([{ name: 't.json', template }])).toEqual([]);
    });
  });

  test('never throws on inputs that are not templates', () => {
    // GIVEN values that are not templates, or templates with broken parts
    const inputs = [
      null,
      'text',
      42,
      { Resources: 'x' },
      { Resources: { R: { Type: 'AWS::IAM::Role', Properties: { AssumeRolePolicyDocument: '{not json' } } } },
      {
        Resources: {
          R: {
            Type: 'AWS::IAM::Role',
            Properties: { AssumeRolePolicyDocument: { Statement: [{ 'Fn::If': 'broken' }, null, 3] } },
          },
        },
      },
    ].map((template, i) => ({ name: `t${i}`, template }));
    // WHEN checked THEN nothing is thrown
    expect(() => checkTemplates(inputs)).not.toThrow();
  });
});
