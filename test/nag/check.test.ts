import { checkTemplates } from '../../lib/nag/check';

const doc = (...statements: object[]) => ({ Version: '2012-10-17', Statement: statements });
const roleTemplate = (trust: unknown, sections: object = {}) => ({ ...sections, Resources: { Role: { Type: 'AWS::IAM::Role', Properties: { AssumeRolePolicyDocument: trust } }, Bucket: { Type: 'AWS::S3::Bucket' } } });
const vendorRoot = { Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::999999999999:root' }, Action: 'sts:AssumeRole' };

describe('checkTemplates', () => {
  test('reports each finding with its rule, level, template, resource, message and failing variant', () => {
    // GIVEN a template whose trust is "*" while a parameter keeps its default
    const template = roleTemplate(doc({ Effect: 'Allow', Principal: { AWS: { Ref: 'Who' } }, Action: 'sts:AssumeRole' }), { Parameters: { Who: { Type: 'String', Default: '*', AllowedValues: ['*'] } } });
    // WHEN checked
    const findings = checkTemplates([{ name: 'vendor.json', template }]);
    // THEN the wildcard rule reports the role, naming the variant
    expect(findings).toEqual([{
      ruleId: 'StsChecks-WildcardPrincipalTrust',
      level: 'Error',
      template: 'vendor.json',
      resource: 'Role',
      resourceType: 'AWS::IAM::Role',
      message: expect.stringContaining('any AWS principal'),
      variant: "when parameter Who keeps its default '*'",
    }]);
  });

  test('warnings are reported with the Warning level', () => {
    const template = { Resources: { Pool: { Type: 'AWS::Cognito::IdentityPool', Properties: { AllowUnauthenticatedIdentities: true } } } };
    expect(checkTemplates([{ name: 't', template }]).map(f => [f.ruleId, f.level])).toEqual([['StsChecks-CognitoGuestAccessEnabled', 'Warning']]);
  });

  test('ownAccounts, organizationId and the size quota apply as in the pack', () => {
    // GIVEN a foreign root, an organization-guarded one, and a large trust
    const foreign = roleTemplate(doc(vendorRoot));
    const org = roleTemplate(doc({ ...vendorRoot, Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } } }));
    const ids = (f: ReturnType<typeof checkTemplates>) => f.map(x => x.ruleId);
    // WHEN checked with and without the options THEN the options exempt what they say
    expect(ids(checkTemplates([{ name: 'a', template: foreign }]))).toEqual(['StsChecks-CrossAccountTrustWithoutGuard']);
    expect(ids(checkTemplates([{ name: 'a', template: foreign }], { ownAccounts: ['999999999999'] }))).toEqual([]);
    expect(ids(checkTemplates([{ name: 'b', template: org }], { organizationId: 'o-a1b2c3d4e5' }))).toEqual([]);
    const large = roleTemplate(doc({ ...vendorRoot, Sid: 'x'.repeat(2100), Condition: { StringEquals: { 'sts:ExternalId': 'vendor-7f3a9c2e' } } }));
    expect(ids(checkTemplates([{ name: 'c', template: large }]))).toEqual(['StsChecks-TrustPolicyTooLarge']);
    expect(ids(checkTemplates([{ name: 'c', template: large }], { trustPolicySizeQuota: 4096 }))).toEqual([]);
  });

  test.each([
    ['an Entra ID v1 issuer', 'sts.windows.net/3c5f5b0d-1111-2222-3333-444455556666/', 'api://my-app', 'a1b2c3d4-0000-1111-2222-333344445555'],
    ['an Auth0 tenant', 'acme.us.auth0.com/', 'https://api.acme.example', 'auth0|64b7f0c2e1a9d3f4a5b6c7d8'],
  ])('%s keeps its trailing slash in the provider ARN and the keys, and a fully pinned trust has no finding', (_name, issuer, aud, sub) => {
    // GIVEN a web identity trust whose provider ARN and condition keys both end the issuer with "/" (as Entra ID v1
    // `https://sts.windows.net/TENANT/` and Auth0 `https://TENANT.auth0.com/` are written), aud and sub pinned exactly
    const template = roleTemplate(doc({
      Effect: 'Allow',
      Principal: { Federated: `arn:aws:iam::111111111111:oidc-provider/${issuer}` },
      Action: 'sts:AssumeRoleWithWebIdentity',
      Condition: { StringEquals: { [`${issuer}:aud`]: aud, [`${issuer}:sub`]: sub } },
    }));
    // WHEN checked
    const findings = checkTemplates([{ name: 'idp.json', template }]);
    // THEN the keys are read as the provider's own: nothing is reported
    expect(findings.map(f => f.ruleId)).toEqual([]);
  });

  test('never throws on inputs that are not templates', () => {
    // GIVEN values that are not templates, or templates with broken parts
    const inputs = [null, 'text', 42, { Resources: 'x' }, { Resources: { R: { Type: 'AWS::IAM::Role', Properties: { AssumeRolePolicyDocument: '{not json' } } } },
      { Resources: { R: { Type: 'AWS::IAM::Role', Properties: { AssumeRolePolicyDocument: { Statement: [{ 'Fn::If': 'broken' }, null, 3] } } } } }]
      .map((template, i) => ({ name: `t${i}`, template }));
    // WHEN checked THEN nothing is thrown
    expect(() => checkTemplates(inputs)).not.toThrow();
  });
});
