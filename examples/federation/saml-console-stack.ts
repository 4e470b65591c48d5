import * as path from 'path';
import { CfnOutput, Duration, Stack, StackProps, Token, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { SamlAudience } from '../../lib/federation/saml/saml-audience';
import { SamlFederatedRole } from '../../lib/federation/saml/saml-federated-role';
import { SamlIdentityProvider } from '../../lib/federation/saml/saml-identity-provider';

/** The example's IdP metadata: a self-made test fixture (see the comment in the file). */
export const FIXTURE_IDP_METADATA = path.join(__dirname, 'fixtures', 'idp-metadata.xml');

export interface SamlConsoleAccessStackProps extends StackProps {
  /**
   * Path of your IdP's SAML 2.0 metadata file.
   * @default - the example's test fixture, which no real IdP can sign for
   */
  readonly metadataFile?: string;
}

/**
 * SAML console access for the identity account (111111111111): one IAM SAML provider and two roles the
 * IdP offers.
 *
 * - `SamlReadOnly`: AWS's ReadOnlyAccess, up to 8-hour console sessions, global or regional sign-in
 *   endpoint, session tags limited to `Department`.
 * - `SamlAdmins`: AdministratorAccess, 1-hour sessions, persistent subjects only, source identity allowed.
 *
 * The outputs are what the IdP needs: the `Role` attribute value of each role
 * (`<role ARN>,<provider ARN>`) and a valid `SessionDuration`.
 */
export class SamlConsoleAccessStack extends Stack {
  public readonly provider: SamlIdentityProvider;
  public readonly readOnly: SamlFederatedRole;
  public readonly admins: SamlFederatedRole;

  constructor(scope: Construct, id: string, props: SamlConsoleAccessStackProps = {}) {
    super(scope, id, props);
    this.provider = new SamlIdentityProvider(this, 'Idp', {
      name: 'CorporateIdp',
      metadataDocument: iam.SamlMetadataDocument.fromFile(props.metadataFile ?? FIXTURE_IDP_METADATA),
    });

    const audiences = [SamlAudience.console()];
    if (!Token.isUnresolved(this.region)) audiences.push(SamlAudience.regionalConsole(this.region));

    this.readOnly = new SamlFederatedRole(this, 'ReadOnly', {
      roleName: 'SamlReadOnly',
      description: 'Console read-only access for people of the corporate IdP',
      provider: this.provider,
      audiences,
      maxSessionDuration: Duration.hours(8),
      allowedSessionTagKeys: ['Department'],
      managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('ReadOnlyAccess')],
    });
    this.admins = new SamlFederatedRole(this, 'Admins', {
      roleName: 'SamlAdmins',
      description: 'Console administrator access for people of the corporate IdP (persistent subjects only)',
      provider: this.provider,
      audiences,
      maxSessionDuration: Duration.hours(1),
      additionalConditions: [{ conditionOperator: 'StringEquals', key: 'SAML:sub_type', values: ['persistent'] }],
      allowSourceIdentity: true,
      managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('AdministratorAccess')],
    });
    for (const [role, policy] of [
      [this.readOnly, 'ReadOnlyAccess'],
      [this.admins, 'AdministratorAccess'],
    ] as const) {
      Validations.of(role).acknowledge({
        id: `AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/${policy}]`,
        reason: `${policy} is an AWS job-function policy for people signing in to the console; AWS keeps it current as services are added.`,
      });
    }

    new CfnOutput(this, 'SamlProviderArn', {
      value: this.provider.samlProviderArn,
      description: 'The IAM SAML provider (second half of the IdP Role attribute)',
    });
    new CfnOutput(this, 'ReadOnlyIdpRoleAttribute', {
      value: this.readOnly.idpRoleAttributeValue(),
      description: `Value of ${SamlFederatedRole.ROLE_ATTRIBUTE} offering SamlReadOnly`,
    });
    new CfnOutput(this, 'ReadOnlySessionDuration', {
      value: this.readOnly.sessionDurationAttributeValue(Duration.hours(8)),
      description: `Longest ${SamlFederatedRole.SESSION_DURATION_ATTRIBUTE} for SamlReadOnly (seconds)`,
    });
    new CfnOutput(this, 'AdminsIdpRoleAttribute', {
      value: this.admins.idpRoleAttributeValue(),
      description: `Value of ${SamlFederatedRole.ROLE_ATTRIBUTE} offering SamlAdmins`,
    });
  }
}
