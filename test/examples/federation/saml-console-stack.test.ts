import { Validations } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { FIXTURE_IDP_METADATA, SamlConsoleAccessStack } from '../../../examples/federation/saml-console-stack';
import { StsChecks } from '../../../lib/nag/sts-checks';
import { projectApp } from '../../util';

const ENV = { account: '111111111111', region: 'us-east-1' };

function build() {
  const app = projectApp();
  const stack = new SamlConsoleAccessStack(app, 'Federation-SamlConsole', { env: ENV });
  return { app, stack, template: Template.fromStack(stack) };
}

/** Remove every acknowledgement under `scope`, to show the pack does report findings without them. */
function dropAcknowledgements(app: ReturnType<typeof projectApp>) {
  for (const c of app.node.findAll()) {
    (c.node as any)._metadata = c.node.metadata.filter(
      (m) => m.type !== (Validations as any).ACKNOWLEDGED_RULES_METADATA_KEY,
    );
  }
}

describe('SamlConsoleAccessStack example', () => {
  const { app, stack, template } = build();

  test('given the fixture metadata, one SAML provider named CorporateIdp', () => {
    template.resourceCountIs('AWS::IAM::SAMLProvider', 1);
    template.hasResourceProperties('AWS::IAM::SAMLProvider', {
      Name: 'CorporateIdp',
      SamlMetadataDocument: Match.stringLikeRegexp('TEST FIXTURE, NOT A REAL IDENTITY PROVIDER'),
    });
    expect(FIXTURE_IDP_METADATA.endsWith('fixtures/idp-metadata.xml')).toBe(true);
  });

  test('SamlReadOnly pins SAML:aud to the global and the regional console endpoints, 8 hours, Department tags only', () => {
    template.hasResourceProperties('AWS::IAM::Role', {
      RoleName: 'SamlReadOnly',
      MaxSessionDuration: 28800,
      AssumeRolePolicyDocument: {
        Statement: [
          {
            Effect: 'Allow',
            Principal: { Federated: { Ref: Match.stringLikeRegexp('^Idp') } },
            Action: ['sts:AssumeRoleWithSAML', 'sts:TagSession'],
            Condition: {
              StringEquals: {
                'SAML:aud': ['https://signin.aws.amazon.com/saml', 'https://us-east-1.signin.aws.amazon.com/saml'],
              },
              'ForAllValues:StringEquals': { 'aws:TagKeys': 'Department' },
            },
          },
        ],
      },
    });
  });

  test('SamlAdmins keeps the persistent-subject condition next to the audience, 1 hour, source identity allowed', () => {
    template.hasResourceProperties('AWS::IAM::Role', {
      RoleName: 'SamlAdmins',
      MaxSessionDuration: 3600,
      AssumeRolePolicyDocument: {
        Statement: [
          {
            Action: ['sts:AssumeRoleWithSAML', 'sts:SetSourceIdentity'],
            Condition: {
              StringEquals: {
                'SAML:aud': ['https://signin.aws.amazon.com/saml', 'https://us-east-1.signin.aws.amazon.com/saml'],
                'SAML:sub_type': 'persistent',
              },
            },
          },
        ],
      },
    });
  });

  test('the outputs give the IdP its Role attribute values and a valid SessionDuration', () => {
    const outputs = template.toJSON().Outputs;
    expect(Object.keys(outputs).sort()).toEqual([
      'AdminsIdpRoleAttribute',
      'ReadOnlyIdpRoleAttribute',
      'ReadOnlySessionDuration',
      'SamlProviderArn',
    ]);
    expect(outputs.ReadOnlySessionDuration.Value).toBe('28800');
    // "<role ARN>,<provider ARN>"
    for (const [output, role] of [
      ['ReadOnlyIdpRoleAttribute', stack.readOnly],
      ['AdminsIdpRoleAttribute', stack.admins],
    ] as const) {
      expect(outputs[output].Value).toEqual({
        'Fn::Join': [
          '',
          [
            { 'Fn::GetAtt': [stack.getLogicalId(role.node.defaultChild as any), 'Arn'] },
            ',',
            { Ref: stack.getLogicalId(stack.provider.node.defaultChild as any) },
          ],
        ],
      });
    }
  });

  test('AwsSolutions finds nothing unacknowledged, and the acknowledgements are needed', () => {
    expect(new AwsSolutionsChecks(app).validateScope(stack).violations).toEqual([]);
    const bare = build();
    dropAcknowledgements(bare.app);
    const ids = new AwsSolutionsChecks(bare.app)
      .validateScope(bare.stack)
      .violations.map((v) => v.ruleName)
      .sort();
    expect(ids).toEqual([
      'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/AdministratorAccess]',
      'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/ReadOnlyAccess]',
    ]);
  });

  test("the project's StsChecks pack finds nothing", () => {
    expect(new StsChecks(app).validateScope(stack).violations).toEqual([]);
  });

  test('snapshot', () => {
    expect(template.toJSON()).toMatchSnapshot();
  });
});
