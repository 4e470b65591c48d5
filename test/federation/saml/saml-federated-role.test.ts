import * as path from 'path';
import { App, Duration, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import { SamlAudience } from '../../../lib/federation/saml/saml-audience';
import { SamlFederatedRole, SamlFederatedRoleProps } from '../../../lib/federation/saml/saml-federated-role';
import { SamlIdentityProvider } from '../../../lib/federation/saml/saml-identity-provider';
import {
  AssumeRequest,
  TrustCase,
  TrustCaseOutcome,
  TrustDecision,
  TrustEvaluator,
  TrustTable,
} from '../../../lib/testing';

const FIXTURE = path.join(__dirname, '../../../examples/federation/fixtures/idp-metadata.xml');

/** A stack in `region`, or an environment-agnostic one for `null`. */
function setup(region: string | null = 'eu-west-1', partition = 'aws') {
  const stack = new Stack(new App(), 'Identity', region !== null ? { env: { account: '111111111111', region } } : {});
  const provider = iam.SamlProvider.fromSamlProviderArn(
    stack,
    'Idp',
    `arn:${partition}:iam::111111111111:saml-provider/CorporateIdp`,
  );
  return { stack, provider };
}

function role(props: Partial<SamlFederatedRoleProps> = {}, region?: string, partition?: string) {
  const { stack, provider } = setup(region, partition);
  const r = new SamlFederatedRole(stack, 'Admins', { provider, ...props });
  return { stack, role: r, template: () => Template.fromStack(stack) };
}

function trustStatements(template: Template): any[] {
  const roles = template.findResources('AWS::IAM::Role');
  return Object.values(roles)[0].Properties.AssumeRolePolicyDocument.Statement;
}

describe('SamlFederatedRole', () => {
  test('by default trusts the provider for sts:AssumeRoleWithSAML with SAML:aud pinned to the console endpoint', () => {
    // GIVEN / WHEN
    const { template } = role({ roleName: 'SamlAdmins' });
    // THEN
    template().hasResourceProperties('AWS::IAM::Role', {
      RoleName: 'SamlAdmins',
      MaxSessionDuration: 3600,
      AssumeRolePolicyDocument: {
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Principal: { Federated: 'arn:aws:iam::111111111111:saml-provider/CorporateIdp' },
            Action: 'sts:AssumeRoleWithSAML',
            Condition: { StringEquals: { 'SAML:aud': 'https://signin.aws.amazon.com/saml' } },
          },
        ],
      },
    });
  });

  test('in aws-cn the audience is the China sign-in endpoint', () => {
    // GIVEN / WHEN
    const { template } = role({}, 'cn-north-1', 'aws-cn');
    // THEN
    expect(trustStatements(template())[0].Condition).toEqual({
      StringEquals: { 'SAML:aud': 'https://signin.amazonaws.cn/saml' },
    });
    expect(trustStatements(template())[0].Principal).toEqual({
      Federated: 'arn:aws-cn:iam::111111111111:saml-provider/CorporateIdp',
    });
  });

  test('in an environment-agnostic stack the audience follows AWS::Partition (aws-cdk-lib SamlConsolePrincipal writes the commercial URL)', () => {
    // GIVEN
    const { stack, provider } = setup(null);
    // WHEN
    new SamlFederatedRole(stack, 'Admins', { provider });
    const theirs = new iam.SamlConsolePrincipal(provider);
    // THEN
    const template = Template.fromStack(stack);
    expect(trustStatements(template)[0].Condition.StringEquals['SAML:aud']).toEqual({
      'Fn::Join': [
        '',
        ['https://', { 'Fn::FindInMap': ['CdkStsKitPartitionHosts', { Ref: 'AWS::Partition' }, 'signin'] }, '/saml'],
      ],
    });
    template.hasMapping('CdkStsKitPartitionHosts', { 'aws-cn': { signin: 'signin.amazonaws.cn' } });
    expect(stack.resolve(theirs.policyFragment.conditions)).toEqual({
      StringEquals: { 'SAML:aud': 'https://signin.aws.amazon.com/saml' },
    });
  });

  test('several audiences (global and regional) are all pinned, any one matches', () => {
    // GIVEN / WHEN
    const { template } = role({
      audiences: [SamlAudience.console(), SamlAudience.regionalConsole('eu-central-1'), SamlAudience.console()],
    });
    // THEN
    expect(trustStatements(template())[0].Condition).toEqual({
      StringEquals: {
        'SAML:aud': ['https://signin.aws.amazon.com/saml', 'https://eu-central-1.signin.aws.amazon.com/saml'],
      },
    });
  });

  test('an API-only role pins the chosen audience', () => {
    // GIVEN / WHEN
    const { template } = role({ audiences: [SamlAudience.custom('https://broker.example.com/saml/acs')] });
    // THEN
    expect(trustStatements(template())[0].Condition).toEqual({
      StringEquals: { 'SAML:aud': 'https://broker.example.com/saml/acs' },
    });
  });

  test("the caller's conditions are merged with the audience, never overwriting it or being overwritten", () => {
    // GIVEN
    const additionalConditions = [
      { conditionOperator: 'StringEquals', key: 'SAML:sub_type', values: ['persistent'] },
      {
        conditionOperator: 'ForAnyValue:StringLike',
        key: 'SAML:edupersonorgdn',
        values: ['o=example,*', 'o=example-lab,*'],
      },
    ];
    const before = JSON.stringify(additionalConditions);
    // WHEN
    const { template } = role({ additionalConditions });
    // THEN
    expect(trustStatements(template())[0].Condition).toEqual({
      StringEquals: { 'SAML:aud': 'https://signin.aws.amazon.com/saml', 'SAML:sub_type': 'persistent' },
      'ForAnyValue:StringLike': { 'SAML:edupersonorgdn': ['o=example,*', 'o=example-lab,*'] },
    });
    expect(JSON.stringify(additionalConditions)).toBe(before);
  });

  test("aws-cdk-lib SamlConsolePrincipal drops the caller's StringEquals (the reason this construct exists)", () => {
    // GIVEN
    const { stack, provider } = setup();
    // WHEN
    const theirs = new iam.SamlConsolePrincipal(provider, { StringEquals: { 'SAML:sub_type': 'persistent' } });
    // THEN
    expect(stack.resolve(theirs.policyFragment.conditions).StringEquals).toEqual({
      'SAML:aud': 'https://signin.aws.amazon.com/saml',
    });
  });

  test('a caller condition that contradicts the audience pin is an error', () => {
    // WHEN / THEN
    expect(() =>
      role({
        additionalConditions: [
          { conditionOperator: 'StringEquals', key: 'SAML:aud', values: ['https://evil.example.com/saml'] },
        ],
      }),
    ).toThrow(
      'Identity/Admins: invalid condition StringEquals SAML:aud: received \'https://evil.example.com/saml\'; expected one value; it is already "https://signin.aws.amazon.com/saml".',
    );
  });

  test('a caller condition repeating the audience pin is accepted', () => {
    expect(() =>
      role({
        additionalConditions: [
          { conditionOperator: 'StringEquals', key: 'SAML:aud', values: ['https://signin.aws.amazon.com/saml'] },
        ],
      }),
    ).not.toThrow();
  });

  test.each([
    [
      { conditionOperator: 'StringEqual', key: 'SAML:sub_type', values: ['persistent'] },
      "invalid SAML condition operator: received 'StringEqual'; expected an IAM condition operator like 'StringEquals', 'StringLike' or 'ForAnyValue:StringEquals'.",
    ],
    [
      { conditionOperator: 'StringEquals', key: 'SAML: sub', values: ['x'] },
      "invalid SAML condition key: received 'SAML: sub'; expected a condition key like 'SAML:sub_type' (no spaces).",
    ],
    [
      { conditionOperator: 'StringEquals', key: 'SAML:sub', values: [] },
      'invalid values of SAML condition StringEquals SAML:sub: received []; expected at least one value.',
    ],
  ])('bad condition %p is refused', (condition, message) => {
    expect(() => role({ additionalConditions: [condition] })).toThrow(`Identity/Admins: ${message}`);
  });

  test.each([
    'StringEqualsIfExists',
    'ForAllValues:StringNotLike',
    'Null',
    'DateGreaterThan',
    'ArnLike',
    'NotIpAddress',
    'StringNotEqualsIgnoreCase',
  ])('operator %s is accepted', (operator) => {
    expect(() =>
      role({ additionalConditions: [{ conditionOperator: operator, key: 'SAML:x', values: ['v'] }] }),
    ).not.toThrow();
  });

  test('an empty audience list is refused: SAML:aud is always pinned', () => {
    expect(() => role({ audiences: [] })).toThrow(
      'Identity/Admins: invalid audiences: received []; expected at least one audience (omit the prop for the console sign-in endpoint): SAML:aud is always pinned.',
    );
  });

  test('source identity and session tags are opt-in actions', () => {
    // GIVEN / WHEN
    const plain = trustStatements(role().template())[0];
    const both = trustStatements(role({ allowSourceIdentity: true, allowSessionTags: true }).template())[0];
    // THEN
    expect(plain.Action).toBe('sts:AssumeRoleWithSAML');
    expect(both.Action).toEqual(['sts:AssumeRoleWithSAML', 'sts:SetSourceIdentity', 'sts:TagSession']);
  });

  test('allowed session tag keys imply sts:TagSession and limit aws:TagKeys', () => {
    // GIVEN / WHEN
    const statement = trustStatements(role({ allowedSessionTagKeys: ['Department', 'CostCenter'] }).template())[0];
    // THEN
    expect(statement.Action).toEqual(['sts:AssumeRoleWithSAML', 'sts:TagSession']);
    expect(statement.Condition['ForAllValues:StringEquals']).toEqual({ 'aws:TagKeys': ['Department', 'CostCenter'] });
    expect(() => role({ allowedSessionTagKeys: [] })).toThrow(
      'Identity/Admins: invalid allowedSessionTagKeys: received []; expected at least one tag key (omit the prop to allow any key).',
    );
  });

  test('the IdP Role attribute value is "<role ARN>,<provider ARN>"', () => {
    // GIVEN
    const { stack, role: r } = role({ roleName: 'SamlAdmins' });
    // WHEN
    const value = stack.resolve(r.idpRoleAttributeValue());
    // THEN
    expect(value).toEqual({
      'Fn::Join': [
        '',
        [
          { 'Fn::GetAtt': [stack.getLogicalId(r.node.defaultChild as iam.CfnRole), 'Arn'] },
          ',arn:aws:iam::111111111111:saml-provider/CorporateIdp',
        ],
      ],
    });
    expect(SamlFederatedRole.ROLE_ATTRIBUTE).toBe('https://aws.amazon.com/SAML/Attributes/Role');
    expect(SamlFederatedRole.ROLE_SESSION_NAME_ATTRIBUTE).toBe(
      'https://aws.amazon.com/SAML/Attributes/RoleSessionName',
    );
    expect(SamlFederatedRole.SESSION_DURATION_ATTRIBUTE).toBe('https://aws.amazon.com/SAML/Attributes/SessionDuration');
  });

  test.each([
    [Duration.seconds(900), true],
    [Duration.seconds(899), false],
    [Duration.hours(8), true],
    [Duration.seconds(8 * 3600 + 1), false],
  ])('SessionDuration attribute %p with an 8-hour role: accepted=%s', (duration, ok) => {
    // GIVEN
    const { role: r } = role({ maxSessionDuration: Duration.hours(8) });
    // WHEN
    const value = () => r.sessionDurationAttributeValue(duration);
    // THEN
    if (ok) expect(value()).toBe(String(duration.toSeconds()));
    else
      expect(value).toThrow(
        `Identity/Admins: invalid SessionDuration attribute: received '${duration.toSeconds()} seconds'; expected a whole number of seconds from 900 to 28800.`,
      );
  });

  test('inherits StsRole validation: max session duration bounds', () => {
    expect(() => role({ maxSessionDuration: Duration.hours(12) })).not.toThrow();
    expect(() => role({ maxSessionDuration: Duration.seconds(43201) })).toThrow(
      "Identity/Admins: invalid maxSessionDuration: received '43201 seconds'; expected a whole number of seconds from 3600 to 43200.",
    );
  });
});

/*
 * Request tables, evaluated against the synthesized trust policies with lib/testing's TrustEvaluator
 * (@cloud-copilot/iam-simulate). Two passes:
 *  1. validated (default): rows whose keys the evaluator does not know for an action come out UNDETERMINED.
 *     They are listed below with the keys it ignored: reported as such, never counted as passes.
 *  2. evaluateFederatedClaims: the SAML claims of those rows are evaluated as given; every row must then
 *     get its expected decision.
 * The exact condition blocks are asserted with Template assertions above.
 */
describe('SamlFederatedRole request tables', () => {
  const IDP = 'arn:aws:iam::111111111111:saml-provider/CorporateIdp';
  const OTHER_IDP = 'arn:aws:iam::111111111111:saml-provider/OtherIdp';
  const CONSOLE = 'https://signin.aws.amazon.com/saml';
  const { ALLOWED, DENIED } = TrustDecision;

  function tableStack(): Stack {
    const stack = new Stack(new App(), 'Identity', { env: { account: '111111111111', region: 'us-east-1' } });
    const idp = new SamlIdentityProvider(stack, 'Idp', {
      name: 'CorporateIdp',
      metadataDocument: iam.SamlMetadataDocument.fromFile(FIXTURE),
    });
    new SamlFederatedRole(stack, 'ReadOnly', {
      roleName: 'SamlReadOnly',
      provider: idp,
      audiences: [SamlAudience.console(), SamlAudience.regionalConsole('us-east-1')],
      allowedSessionTagKeys: ['Department'],
    });
    new SamlFederatedRole(stack, 'Admins', {
      roleName: 'SamlAdmins',
      provider: idp,
      additionalConditions: [{ conditionOperator: 'StringEquals', key: 'SAML:sub_type', values: ['persistent'] }],
      allowSourceIdentity: true,
    });
    return stack;
  }

  const readOnlyCases: TrustCase[] = [
    { name: 'console audience', request: AssumeRequest.saml(IDP, { audience: CONSOLE }), expected: ALLOWED },
    {
      name: 'regional us-east-1 audience',
      request: AssumeRequest.saml(IDP, { audience: 'https://us-east-1.signin.aws.amazon.com/saml' }),
      expected: ALLOWED,
    },
    {
      name: 'regional audience of another region',
      request: AssumeRequest.saml(IDP, { audience: 'https://eu-west-1.signin.aws.amazon.com/saml' }),
      expected: DENIED,
    },
    {
      name: 'wrong SAML:aud',
      request: AssumeRequest.saml(IDP, { audience: 'https://evil.example.com/saml' }),
      expected: DENIED,
    },
    { name: 'missing SAML:aud', request: AssumeRequest.saml(IDP, {}), expected: DENIED },
    {
      name: 'aws-cn audience in aws',
      request: AssumeRequest.saml(IDP, { audience: 'https://signin.amazonaws.cn/saml' }),
      expected: DENIED,
    },
    { name: 'another SAML provider', request: AssumeRequest.saml(OTHER_IDP, { audience: CONSOLE }), expected: DENIED },
    {
      name: 'allowed session tag key',
      request: AssumeRequest.saml(IDP, { audience: CONSOLE, sessionTags: [{ key: 'Department', value: 'finance' }] }),
      expected: ALLOWED,
    },
    {
      name: 'other session tag key',
      request: AssumeRequest.saml(IDP, { audience: CONSOLE, sessionTags: [{ key: 'Team', value: 'x' }] }),
      expected: DENIED,
    },
    {
      name: 'source identity not allowed',
      request: AssumeRequest.saml(IDP, { audience: CONSOLE, sourceIdentity: 'alice' }),
      expected: DENIED,
    },
  ];
  const adminCases: TrustCase[] = [
    {
      name: 'persistent subject',
      request: AssumeRequest.saml(IDP, { audience: CONSOLE, subjectType: 'persistent' }),
      expected: ALLOWED,
    },
    {
      name: 'transient subject',
      request: AssumeRequest.saml(IDP, { audience: CONSOLE, subjectType: 'transient' }),
      expected: DENIED,
    },
    { name: 'missing sub_type', request: AssumeRequest.saml(IDP, { audience: CONSOLE }), expected: DENIED },
    {
      name: 'persistent, wrong SAML:aud',
      request: AssumeRequest.saml(IDP, { audience: 'https://evil.example.com/saml', subjectType: 'persistent' }),
      expected: DENIED,
    },
    {
      name: 'persistent, source identity',
      request: AssumeRequest.saml(IDP, { audience: CONSOLE, subjectType: 'persistent', sourceIdentity: 'alice' }),
      expected: ALLOWED,
    },
    {
      name: 'persistent, session tags not allowed',
      request: AssumeRequest.saml(IDP, {
        audience: CONSOLE,
        subjectType: 'persistent',
        sessionTags: [{ key: 'Department', value: 'x' }],
      }),
      expected: DENIED,
    },
  ];

  test.each([
    ['SamlReadOnly', readOnlyCases, { 'source identity not allowed': ['SAML:aud'] }],
    [
      'SamlAdmins',
      adminCases,
      {
        'persistent, source identity': ['SAML:aud', 'saml:sub_type'],
        'persistent, session tags not allowed': ['saml:sub_type'],
      },
    ],
  ])(
    '%s: validated evaluator decides every row it can as expected and reports the rest UNDETERMINED; with claims evaluated, every row is as expected',
    async (role, cases, undetermined) => {
      // GIVEN
      const stack = tableStack();
      // WHEN
      const strict = await TrustTable.evaluate(TrustEvaluator.fromStack(stack), role as string, cases as TrustCase[]);
      const evaluator = TrustEvaluator.fromStack(stack, { evaluateFederatedClaims: true });
      const claims = await TrustTable.evaluate(evaluator, role as string, cases as TrustCase[]);
      // THEN: no row is decided against the table; undetermined rows are exactly the known evaluator gaps
      expect(strict.failed).toBe(0);
      const gaps = Object.fromEntries(
        strict.results
          .filter((r) => r.outcome === TrustCaseOutcome.UNDETERMINED)
          .map((r) => [r.name, [...r.result.ignoredContextKeys].sort()]),
      );
      expect(gaps).toEqual(undetermined);
      expect(strict.passed).toBe((cases as TrustCase[]).length - Object.keys(undetermined as object).length);
      TrustTable.assertOk(claims);
      expect(claims.passed).toBe((cases as TrustCase[]).length);
    },
    60_000,
  );
});
