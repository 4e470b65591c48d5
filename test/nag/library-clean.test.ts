/**
 * The library's own constructs, used as their documentation shows, and the example app pass StsChecks with no
 * finding. The only findings allowed are the warnings a caller opts into in writing (guest access, a namespace-wide
 * service account), which the caller then acknowledges with a reason.
 */
import * as path from 'path';
import { App, Duration, Stack, Validations } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as iam from 'aws-cdk-lib/aws-iam';
import { buildExampleApp } from '../../examples';
import { addSwitchRoleExample } from '../../examples/multi-account-switch-role/app';
import { readConfig } from '../../examples/multi-account-switch-role/config';
import { AssumeOnlyUser } from '../../lib/cross-account/assume-only-user';
import { CrossAccountRole } from '../../lib/cross-account/cross-account-role';
import { SwitchRoleGroup } from '../../lib/cross-account/switch-role-group';
import { CognitoIdentityPool } from '../../lib/federation/cognito/cognito-identity-pool';
import { CognitoIdentityPoolRole, CognitoIdentityType } from '../../lib/federation/cognito/cognito-identity-pool-role';
import { EksPodIdentityRole } from '../../lib/federation/oidc/eks-pod-identity-role';
import { EksServiceAccount } from '../../lib/federation/oidc/eks-service-account';
import { EksServiceAccountRole } from '../../lib/federation/oidc/eks-service-account-role';
import { GenericOidcProvider } from '../../lib/federation/oidc/generic-oidc-provider';
import { GenericOidcRole } from '../../lib/federation/oidc/generic-oidc-role';
import { GitHubActionsOidcProvider } from '../../lib/federation/oidc/github-actions-oidc-provider';
import { GitHubActionsRole } from '../../lib/federation/oidc/github-actions-role';
import { GitHubActionsSubject } from '../../lib/federation/oidc/github-actions-subject';
import { GitLabCiRole } from '../../lib/federation/oidc/gitlab-ci-role';
import { GitLabCiSubject } from '../../lib/federation/oidc/gitlab-ci-subject';
import { GitLabOidcProvider } from '../../lib/federation/oidc/gitlab-oidc-provider';
import { GoogleOidcRole } from '../../lib/federation/oidc/google-oidc-role';
import { SamlFederatedRole } from '../../lib/federation/saml/saml-federated-role';
import { SamlIdentityProvider } from '../../lib/federation/saml/saml-identity-provider';
import { TrustedParty } from '../../lib/trust/trusted-party';
import { packFindings } from './helpers';

const EKS_ISSUER = 'https://oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE';
const SAML_METADATA = path.join(__dirname, '../../examples/federation/fixtures/idp-metadata.xml');

/** Every construct of the library, with the props of its documentation, in one stack. */
function libraryStack(app: App, id: string, env?: { account: string; region: string }): Stack {
  const s = new Stack(app, id, { env });
  const admin = new CrossAccountRole(s, 'Admin', {
    roleName: 'Admin',
    trustedParties: [TrustedParty.account('111111111111')],
    managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('AdministratorAccess')],
  });
  new CrossAccountRole(s, 'Vendor', {
    roleName: 'Vendor',
    trustedParties: [TrustedParty.thirdParty('999999999999', ['vendor-7f3a9c'])],
  });
  new CrossAccountRole(s, 'Org', {
    roleName: 'OrgReader',
    trustedParties: [TrustedParty.organization('o-a1b2c3d4e5', { requireMfa: false })],
  });
  new CrossAccountRole(s, 'Ci', {
    roleName: 'CiDeploy',
    trustedParties: [
      TrustedParty.principalArn('arn:aws:iam::111111111111:role/ci', {
        requireMfa: false,
        unguardedReason: 'the CI pipeline role deploys here',
      }),
    ],
  });
  const admins = new SwitchRoleGroup(s, 'Admins', { groupName: 'Admins', roles: [admin] });
  new AssumeOnlyUser(s, 'Alice', { userName: 'alice', groups: [admins.group], consoleAccess: true });

  const github = new GitHubActionsOidcProvider(s, 'GitHub');
  new GitHubActionsRole(s, 'Deploy', {
    provider: github,
    subjects: [
      GitHubActionsSubject.environment('acme', 'shop', 'production'),
      GitHubActionsSubject.branch('acme', 'shop', 'main', { ownerId: 1234, repositoryId: 5678 }),
    ],
  });
  const gitlab = new GitLabOidcProvider(s, 'GitLab', { clientIds: ['https://gitlab.com'] });
  new GitLabCiRole(s, 'GitLabDeploy', {
    provider: gitlab,
    audience: 'https://gitlab.com',
    subjects: [GitLabCiSubject.branch('acme/shop', 'main')],
  });
  new EksServiceAccountRole(s, 'Checkout', {
    issuerUrl: EKS_ISSUER,
    serviceAccounts: [EksServiceAccount.of('shop', 'checkout')],
  });
  new EksPodIdentityRole(s, 'Pod', {
    clusterNames: ['shop-dev'],
    serviceAccounts: [EksServiceAccount.of('shop', 'checkout')],
  });
  const tfc = new GenericOidcProvider(s, 'TerraformCloud', {
    url: 'https://app.terraform.io',
    clientIds: ['aws.workload.identity'],
  });
  new GenericOidcRole(s, 'TerraformApply', {
    provider: tfc,
    audiences: ['aws.workload.identity'],
    subjects: ['organization:acme:project:infra:workspace:network:run_phase:apply'],
  });
  new GoogleOidcRole(s, 'FromGcp', {
    audiences: ['111122223333444455556'],
    subjects: ['111122223333444455556'],
    originalAudiences: ['https://sts.amazonaws.com/acme-dev'],
  });

  const userPool = new cognito.UserPool(s, 'Users');
  const userPoolClient = userPool.addClient('Client');
  new CognitoIdentityPool(s, 'Pool', { identityPoolName: 'PhotoApp', userPools: [{ userPool, userPoolClient }] });
  new CognitoIdentityPoolRole(s, 'Readers', {
    identityPoolId: 'eu-west-1:11111111-2222-3333-4444-555555555555',
    identityType: CognitoIdentityType.AUTHENTICATED,
  });

  const idp = new SamlIdentityProvider(s, 'Idp', {
    name: 'CorporateIdp',
    metadataDocument: iam.SamlMetadataDocument.fromFile(SAML_METADATA),
  });
  new SamlFederatedRole(s, 'SamlAdmins', {
    roleName: 'SamlAdmins',
    provider: idp,
    maxSessionDuration: Duration.hours(8),
  });
  return s;
}

describe('the library and the examples under StsChecks', () => {
  test('every construct, in an account-bound and an environment-agnostic stack, has no finding', () => {
    // GIVEN every construct of the library with its documented props
    const app = new App();
    libraryStack(app, 'Bound', { account: '222222222222', region: 'eu-west-1' });
    libraryStack(app, 'Agnostic');
    // WHEN the pack validates the app (the Ci party, a role of another account without MFA or ExternalId, carries its
    // written unguardedReason, which the construct records as the CrossAccountTrustWithoutGuard acknowledgement)
    // THEN nothing is reported
    expect(packFindings(app)).toEqual({});
  });

  test('opt-ins written by the caller raise only their warning, which an acknowledgement clears', () => {
    // GIVEN guest access and a namespace-wide service account, both opted into
    const app = new App();
    const s = new Stack(app, 'OptIns');
    const userPool = new cognito.UserPool(s, 'Users');
    const pool = new CognitoIdentityPool(s, 'Maps', {
      identityPoolName: 'Maps',
      userPools: [{ userPool, userPoolClient: userPool.addClient('Client') }],
      allowGuestAccess: true,
    });
    const batch = new EksServiceAccountRole(s, 'Batch', {
      issuerUrl: EKS_ISSUER,
      serviceAccounts: [EksServiceAccount.anyInNamespace('batch', { acknowledgeNamespaceWideTrust: true })],
    });
    // WHEN validated THEN only the two judgment warnings are reported
    expect(packFindings(app)).toEqual({
      'StsChecks-CognitoGuestAccessEnabled': ['OptIns/Maps/Resource'],
      'StsChecks-WebIdentitySubjectBroad': ['OptIns/Batch/Resource'],
    });
    // AND acknowledging them with a reason clears the report
    Validations.of(pool).acknowledge({
      id: 'StsChecks-CognitoGuestAccessEnabled',
      reason: 'Anonymous map tiles, read-only guest role',
    });
    Validations.of(batch).acknowledge({
      id: 'StsChecks-WebIdentitySubjectBroad',
      reason: 'Every batch job of the namespace reads the same bucket',
    });
    expect(packFindings(app)).toEqual({});
  });

  test('the multi-account switch-role example has no finding', () => {
    // GIVEN the switch-role example alone  WHEN the pack validates it  THEN nothing is reported
    const app = new App();
    addSwitchRoleExample(app, readConfig(app.node));
    expect(packFindings(app)).toEqual({});
  });

  test('every example stack of the example app has no unacknowledged finding', () => {
    // GIVEN the whole example app (switch-role and federation examples)
    const { app } = buildExampleApp(new App());
    // WHEN the pack validates it THEN nothing is reported
    expect(app.node.findAll().filter((c) => c instanceof Stack).length).toBeGreaterThan(4);
    expect(packFindings(app)).toEqual({});
  });
});
