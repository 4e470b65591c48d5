/**
 * Web identity issuers: who owns the tokens an issuer signs, and which claims the holder of a token can choose.
 *
 * A web identity trust is only as narrow as the claims it tests *and who controls them*. An issuer shared by every
 * customer of a platform (GitHub Actions, GitLab.com, HCP Terraform, Buildkite, Google, Cognito) signs tokens for
 * anyone who signs up: the trust must fix the tenant (the owner of the tokens) through a claim the platform sets, not
 * one the token's holder chooses. An issuer whose URL is per tenant (a GitHub Enterprise slug, a CircleCI organization,
 * a Bitbucket workspace, an Entra ID tenant, an EKS cluster) fixes the tenant by itself.
 *
 * `judgeSubject(issuer, clauses)` answers, for the subject clauses of one trust statement:
 * - PINNED: every admitted token has its tenant fixed to one owner and its identity (repository, project, workspace,
 *   pipeline, service account, user) pinned;
 * - BROAD: the tenant is fixed, but any repository / project / service account of it is admitted;
 * - UNPINNED: tokens of other tenants can match (or nothing is tested), with a one-line reason.
 *
 * Pure functions over plain data: no CDK, no template. Values may hold deploy-time placeholders (`{{Ref.X}}`, the
 * convention of the IAM model); a placeholder is one concrete, unknown name, never a wildcard.
 *
 * Sources (each fact below cites one of these):
 * - [GH-REF]    GitHub, OpenID Connect reference (claims, subject formats, customisation, enterprise issuer, `:` escaped
 *               as `%3A`, immutable `OWNER@ID/REPO@ID` subjects):
 *               https://docs.github.com/en/actions/reference/security/oidc
 * - [GH-HARD]   GitHub, About security hardening with OpenID Connect:
 *               https://docs.github.com/en/actions/security-for-github-actions/security-hardening-your-deployments/about-security-hardening-with-openid-connect
 * - [GH-AWS]    GitHub, Configuring OpenID Connect in AWS ("AWS does not support custom claims for OIDC"; evaluate `:sub`):
 *               https://docs.github.com/en/actions/how-tos/security-for-github-actions/security-hardening-your-deployments/configuring-openid-connect-in-amazon-web-services
 * - [GH-REUSE]  GitHub, Using OpenID Connect with reusable workflows (`job_workflow_ref` is the called workflow):
 *               https://docs.github.com/en/actions/security-for-github-actions/security-hardening-your-deployments/using-openid-connect-with-reusable-workflows
 * - [GH-GCP]    google-github-actions/auth, Security considerations (claims are not unique across owners; names are
 *               recycled, use `*_id`): https://github.com/google-github-actions/auth/blob/main/docs/SECURITY_CONSIDERATIONS.md
 * - [DD]        Datadog Security Labs, "No keys attached: Exploring GitHub-to-AWS keyless authentication flaws":
 *               https://securitylabs.datadoghq.com/articles/exploring-github-to-aws-keyless-authentication-flaws/
 * - [TINDER]    Tinder Security Labs, "Identifying vulnerabilities in GitHub Actions & AWS OIDC Configurations":
 *               https://medium.com/tinder/identifying-vulnerabilities-in-github-actions-aws-oidc-configurations-8067c400d5b8
 * - [U42]       Unit 42 (Palo Alto Networks), OIDC misconfigurations in CI/CD ("Oh-My-DC", DEF CON 32: loosely configured
 *               policies, reliance on user-controllable claim values):
 *               https://unit42.paloaltonetworks.com/oidc-misconfigurations-in-ci-cd/
 * - [ASTRIX]    Astrix Security, "Sub:jugation - hijacking cloud identities by recycling namespaces in global OIDC issuers"
 *               (GitHub, GitLab and Terraform Cloud share one issuer across tenants):
 *               https://astrix.security/learn/blog/subjugation-hijacking-cloud-identities-by-recycling-namespaces-in-global-oidc-issuers/
 * - [GL]        GitLab, OpenID Connect (OIDC) Authentication Using ID Tokens (`sub` =
 *               `project_path:{group}/{project}:ref_type:{type}:ref:{branch_name}`, `iss` = the instance):
 *               https://docs.gitlab.com/ci/secrets/id_token_authentication/
 * - [EKS]       Amazon EKS, IAM roles for service accounts (`sub` = `system:serviceaccount:NAMESPACE:NAME`, one issuer
 *               per cluster): https://docs.aws.amazon.com/eks/latest/userguide/iam-roles-for-service-accounts.html
 * - [TFC]       HashiCorp, Workload identity tokens (`sub` = `organization:ORG:project:PROJECT:workspace:WS:run_phase:PHASE`):
 *               https://developer.hashicorp.com/terraform/cloud-docs/workspaces/dynamic-provider-credentials/workload-identity-tokens
 *               and the project change: https://support.hashicorp.com/hc/en-us/articles/13138701895699-Updating-Workload-Identity-for-Projects
 * - [BK]        Buildkite, OIDC with AWS (`iss` = https://agent.buildkite.com for every organization, `sub` =
 *               `organization:ORG:pipeline:PIPELINE:ref:REF:commit:SHA:step:KEY`, session tags):
 *               https://buildkite.com/docs/pipelines/security/oidc/aws ; shared issuer:
 *               https://buildkite.com/docs/apis/workload-identity-federation/buildkite-agents
 * - [BB]        Atlassian, Integrate Pipelines with resource servers using OIDC (one identity provider URL per workspace,
 *               `api.bitbucket.org/2.0/workspaces/WORKSPACE/pipelines-config/identity/oidc`):
 *               https://support.atlassian.com/bitbucket-cloud/docs/integrate-pipelines-with-resource-servers-using-oidc/
 *               and https://support.atlassian.com/bitbucket-cloud/docs/deploy-on-aws-using-bitbucket-pipelines-openid-connect/
 * - [CCI]       CircleCI, Using OpenID Connect tokens in jobs (`iss` = `oidc.circleci.com/org/ORG_ID`, `sub` =
 *               `org/ORG_ID/project/PROJECT_ID/user/USER_ID`): https://circleci.com/docs/openid-connect-tokens/
 * - [GOOGLE]    Google Identity, ID token claims (`sub` is the account's unique numeric id, never reused; email is not):
 *               https://developers.google.com/identity/openid-connect/openid-connect#an-id-tokens-payload
 * - [ENTRA]     Microsoft identity platform, ID token claims (`iss` names the tenant; consumer accounts share tenant
 *               9188040d-6c67-4c5b-b112-36a304b66dad; `sub` is pairwise per application):
 *               https://learn.microsoft.com/en-us/entra/identity-platform/id-token-claims-reference
 * - [COGNITO]   Amazon Cognito, Role trust and permissions (`aud` = identity pool id, multi-valued `amr` =
 *               `authenticated` or `unauthenticated` plus the providers):
 *               https://docs.aws.amazon.com/cognito/latest/developerguide/role-trust-and-permissions.html
 * - [IAM-WIF]   AWS IAM, Available keys for OIDC federation (`aud`, `sub`, `amr`, `oaud`, Facebook `app_id`/`id`,
 *               Amazon `app_id`/`user_id`):
 *               https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_iam-condition-keys.html#condition-keys-wif
 * - [OIDC-CORE] OpenID Connect Core 1.0, ID Token (`sub` is unique only within the issuer):
 *               https://openid.net/specs/openid-connect-core-1_0.html#IDToken
 * - [IDP-HOSTS] Oracle API Gateway, identity provider details (Okta `https://TENANT.okta.com`, Auth0
 *               `https://ACCOUNT.auth0.com/`: one issuer per tenant):
 *               https://docs.oracle.com/en-us/iaas/Content/APIGateway/Tasks/apigatewayusingjwttokens-identityprovider.htm
 *               and Okta's org authorization server (`https://${yourOktaDomain}`):
 *               https://developer.okta.com/docs/guides/oie-embedded-common-download-setup-app/android/main/
 *
 * Internal: not exported from the package root.
 */

/** The issuers this table knows. */
export enum IssuerId {
  GITHUB = 'github',
  GITHUB_TENANT = 'github-tenant',
  GITLAB = 'gitlab',
  EKS = 'eks',
  TERRAFORM = 'terraform',
  BUILDKITE = 'buildkite',
  BITBUCKET = 'bitbucket',
  CIRCLECI = 'circleci',
  GOOGLE = 'google',
  ENTRA = 'entra',
  ENTRA_CONSUMERS = 'entra-consumers',
  COGNITO = 'cognito',
  FACEBOOK = 'facebook',
  AMAZON = 'amazon',
  SINGLE_TENANT_IDP = 'single-tenant-idp',
  UNKNOWN = 'unknown',
}

/** Whether one issuer URL signs tokens for every customer of a platform, or for one tenant only. */
export enum Tenancy {
  /** One issuer for everyone: a claim must fix the tenant. */
  SHARED = 'shared',
  /** The issuer URL itself names the tenant (an enterprise, organization, workspace, cluster, directory). */
  PER_TENANT = 'per-tenant',
}

/** What the table knows of one issuer. */
export interface IssuerProfile {
  readonly id: IssuerId;
  /** A readable name, e.g. "GitHub Actions". */
  readonly name: string;
  readonly tenancy: Tenancy;
  /**
   * Whether the issuer alone fixes the owner of the tokens. False for shared issuers, and for EKS: a cluster is one
   * issuer, but its namespaces are its tenants (whoever may create a namespace or service account gets tokens).
   */
  readonly issuerFixesTenant: boolean;
  /** The claim (or issuer part) that fixes the owner of the tokens, as a reader would look for it. */
  readonly tenantClaim: string;
  /** The shape of the subject, as documented. */
  readonly subjectFormat: string;
  /** Condition-key claims (lower case, without the issuer prefix) that say who the token is about. */
  readonly subjectClaims: readonly string[];
  /** Condition-key claims (lower case) that carry the audience. */
  readonly audienceClaims: readonly string[];
  /** Claims whose value the holder of a token (any tenant of a shared issuer) chooses. */
  readonly chosenClaims: readonly string[];
  /**
   * Set when a trust without any subject condition admits more than the tenant's own members, although the issuer is
   * per tenant (the reason).
   */
  readonly noSubjectAdmitsOutsiders?: string;
  /** Public sources of these facts. */
  readonly sources: readonly string[];
}

const GH_REF = 'https://docs.github.com/en/actions/reference/security/oidc';
const GH_HARD = 'https://docs.github.com/en/actions/security-for-github-actions/security-hardening-your-deployments/about-security-hardening-with-openid-connect';
const GH_REUSE = 'https://docs.github.com/en/actions/security-for-github-actions/security-hardening-your-deployments/using-openid-connect-with-reusable-workflows';
const GH_GCP = 'https://github.com/google-github-actions/auth/blob/main/docs/SECURITY_CONSIDERATIONS.md';
const DD = 'https://securitylabs.datadoghq.com/articles/exploring-github-to-aws-keyless-authentication-flaws/';
const TINDER = 'https://medium.com/tinder/identifying-vulnerabilities-in-github-actions-aws-oidc-configurations-8067c400d5b8';
const U42 = 'https://unit42.paloaltonetworks.com/oidc-misconfigurations-in-ci-cd/';
const ASTRIX = 'https://astrix.security/learn/blog/subjugation-hijacking-cloud-identities-by-recycling-namespaces-in-global-oidc-issuers/';
const IAM_WIF = 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_iam-condition-keys.html#condition-keys-wif';

/**
 * The issuer table. GitHub's chosen claims: with a customised subject template (`include_claim_keys`), any repository
 * owner decides which claims make up its tokens' `sub` and the values of `environment`, `ref`, `workflow`, `context`,
 * `job_workflow_ref` (the *called* reusable workflow, which any repository may call when it is public) and `actor`
 * (a person, who acts in many owners' repositories) [GH-REF, GH-REUSE, U42]. Only `repo` / `repository*` /
 * `repository_owner*` values are set by GitHub from the repository that runs the job.
 *
 * The audience never fixes the owner on a shared issuer: the job chooses it (GitHub `core.getIDToken(audience)`, whose
 * default `https://github.com/OWNER` any workflow can request for any owner [GH-REF]; GitLab `id_tokens: aud` [GL];
 * Buildkite `--audience` [BK]; HCP Terraform `TFC_WORKLOAD_IDENTITY_AUDIENCE` [TFC]), so `aud` is listed among the
 * chosen claims and the subject judgment ignores it.
 */
export const ISSUERS: { readonly [id in IssuerId]: IssuerProfile } = {
  [IssuerId.GITHUB]: {
    id: IssuerId.GITHUB,
    name: 'GitHub Actions (token.actions.githubusercontent.com, shared by every owner)',
    tenancy: Tenancy.SHARED,
    issuerFixesTenant: false,
    tenantClaim: 'the owner in sub (repo:OWNER/REPO:...), or repository_owner / repository_owner_id',
    subjectFormat: 'repo:OWNER/REPO:ref:refs/heads/BRANCH | repo:OWNER/REPO:environment:NAME | repo:OWNER/REPO:pull_request '
      + '(immutable: repo:OWNER@ID/REPO@ID:...), or a customised template of claim keys',
    subjectClaims: ['sub', 'repository', 'repository_id', 'repository_owner', 'repository_owner_id', 'job_workflow_ref', 'actor', 'actor_id'],
    audienceClaims: ['aud'],
    chosenClaims: ['aud', 'environment', 'ref', 'ref_type', 'workflow', 'workflow_ref', 'context', 'event_name', 'job_workflow_ref', 'actor', 'head_ref', 'base_ref'],
    sources: [GH_REF, GH_HARD, GH_REUSE, GH_GCP, DD, TINDER, U42, ASTRIX],
  },
  [IssuerId.GITHUB_TENANT]: {
    id: IssuerId.GITHUB_TENANT,
    name: 'GitHub Actions with a per-tenant issuer (enterprise slug, GHE.com data residency, GitHub Enterprise Server)',
    tenancy: Tenancy.PER_TENANT,
    issuerFixesTenant: true,
    tenantClaim: 'the issuer (token.actions.githubusercontent.com/ENTERPRISE, token.actions.SUBDOMAIN.ghe.com, HOST/_services/token)',
    subjectFormat: 'as GitHub Actions',
    subjectClaims: ['sub', 'repository', 'repository_id', 'repository_owner', 'repository_owner_id', 'job_workflow_ref', 'actor', 'actor_id'],
    audienceClaims: ['aud'],
    chosenClaims: ['aud', 'environment', 'ref', 'ref_type', 'workflow', 'workflow_ref', 'context', 'event_name', 'job_workflow_ref', 'actor', 'head_ref', 'base_ref'],
    sources: [GH_REF],
  },
  [IssuerId.GITLAB]: {
    id: IssuerId.GITLAB,
    name: 'GitLab CI ID tokens (gitlab.com shared; a self-managed instance is treated the same: its groups are its tenants)',
    tenancy: Tenancy.SHARED,
    issuerFixesTenant: false,
    tenantClaim: 'the top-level group in sub (project_path:GROUP/...), or namespace_path / namespace_id',
    subjectFormat: 'project_path:GROUP/PROJECT:ref_type:TYPE:ref:REF',
    subjectClaims: ['sub', 'project_path', 'project_id', 'namespace_path', 'namespace_id'],
    audienceClaims: ['aud'],
    chosenClaims: ['aud', 'ref', 'ref_type', 'environment', 'user_login', 'user_email', 'pipeline_source'],
    sources: ['https://docs.gitlab.com/ci/secrets/id_token_authentication/', ASTRIX],
  },
  [IssuerId.EKS]: {
    id: IssuerId.EKS,
    name: 'Amazon EKS service account tokens (one issuer per cluster)',
    tenancy: Tenancy.PER_TENANT,
    issuerFixesTenant: false,
    tenantClaim: 'the issuer (the cluster); within it, the namespace in sub',
    subjectFormat: 'system:serviceaccount:NAMESPACE:NAME',
    subjectClaims: ['sub'],
    audienceClaims: ['aud'],
    chosenClaims: [],
    sources: ['https://docs.aws.amazon.com/eks/latest/userguide/iam-roles-for-service-accounts.html'],
  },
  [IssuerId.TERRAFORM]: {
    id: IssuerId.TERRAFORM,
    name: 'HCP Terraform workload identity (app.terraform.io, shared by every organization)',
    tenancy: Tenancy.SHARED,
    issuerFixesTenant: false,
    tenantClaim: 'the organization in sub (organization:ORG:...), or terraform_organization_id / terraform_organization_name',
    subjectFormat: 'organization:ORG:project:PROJECT:workspace:WORKSPACE:run_phase:plan|apply',
    subjectClaims: ['sub', 'terraform_organization_id', 'terraform_organization_name', 'terraform_workspace_id'],
    audienceClaims: ['aud'],
    chosenClaims: ['aud', 'terraform_run_phase', 'terraform_project_name', 'terraform_workspace_name'],
    sources: [
      'https://developer.hashicorp.com/terraform/cloud-docs/workspaces/dynamic-provider-credentials/workload-identity-tokens',
      'https://support.hashicorp.com/hc/en-us/articles/13138701895699-Updating-Workload-Identity-for-Projects',
      ASTRIX,
    ],
  },
  [IssuerId.BUILDKITE]: {
    id: IssuerId.BUILDKITE,
    name: 'Buildkite agent OIDC (agent.buildkite.com, shared by every organization)',
    tenancy: Tenancy.SHARED,
    issuerFixesTenant: false,
    tenantClaim: 'the organization in sub (organization:ORG:...), or the session tags organization_slug / organization_id',
    subjectFormat: 'organization:ORG:pipeline:PIPELINE:ref:REF:commit:SHA:step:KEY',
    subjectClaims: ['sub', 'aws:requesttag/organization_slug', 'aws:requesttag/organization_id', 'aws:requesttag/pipeline_slug', 'aws:requesttag/pipeline_id'],
    audienceClaims: ['aud'],
    chosenClaims: ['aud', 'ref', 'commit', 'step'],
    sources: ['https://buildkite.com/docs/pipelines/security/oidc/aws', 'https://buildkite.com/docs/apis/workload-identity-federation/buildkite-agents'],
  },
  [IssuerId.BITBUCKET]: {
    id: IssuerId.BITBUCKET,
    name: 'Bitbucket Pipelines OIDC (one issuer per workspace)',
    tenancy: Tenancy.PER_TENANT,
    issuerFixesTenant: true,
    tenantClaim: 'the issuer (api.bitbucket.org/2.0/workspaces/WORKSPACE/pipelines-config/identity/oidc)',
    subjectFormat: '{REPOSITORY_UUID}[:{ENVIRONMENT_UUID}]:{STEP_UUID}',
    subjectClaims: ['sub'],
    audienceClaims: ['aud'],
    chosenClaims: [],
    sources: [
      'https://support.atlassian.com/bitbucket-cloud/docs/integrate-pipelines-with-resource-servers-using-oidc/',
      'https://support.atlassian.com/bitbucket-cloud/docs/deploy-on-aws-using-bitbucket-pipelines-openid-connect/',
    ],
  },
  [IssuerId.CIRCLECI]: {
    id: IssuerId.CIRCLECI,
    name: 'CircleCI OIDC (one issuer per organization)',
    tenancy: Tenancy.PER_TENANT,
    issuerFixesTenant: true,
    tenantClaim: 'the issuer (oidc.circleci.com/org/ORG_ID)',
    subjectFormat: 'org/ORG_ID/project/PROJECT_ID/user/USER_ID',
    subjectClaims: ['sub'],
    audienceClaims: ['aud'],
    chosenClaims: [],
    noSubjectAdmitsOutsiders: 'no subject condition: every project of the CircleCI organization is admitted, and builds of forked pull '
      + 'requests get tokens when a project passes secrets to them (CircleCI docs; Unit 42 found CircleCI tokens reachable this way)',
    sources: ['https://circleci.com/docs/openid-connect-tokens/', U42],
  },
  [IssuerId.GOOGLE]: {
    id: IssuerId.GOOGLE,
    name: 'Google (accounts.google.com, every Google account)',
    tenancy: Tenancy.SHARED,
    issuerFixesTenant: false,
    tenantClaim: 'none: sub (a numeric account id) must name the account',
    subjectFormat: 'a numeric id, unique and never reused (not the email address)',
    subjectClaims: ['sub'],
    audienceClaims: ['aud', 'oaud'],
    chosenClaims: [],
    sources: ['https://developers.google.com/identity/openid-connect/openid-connect#an-id-tokens-payload', IAM_WIF],
  },
  [IssuerId.ENTRA]: {
    id: IssuerId.ENTRA,
    name: 'Microsoft Entra ID (one issuer per directory tenant)',
    tenancy: Tenancy.PER_TENANT,
    issuerFixesTenant: true,
    tenantClaim: 'the issuer (sts.windows.net/TENANT_ID/ or login.microsoftonline.com/TENANT_ID/v2.0)',
    subjectFormat: 'a pairwise id per application and user',
    subjectClaims: ['sub', 'oid'],
    audienceClaims: ['aud'],
    chosenClaims: [],
    sources: ['https://learn.microsoft.com/en-us/entra/identity-platform/id-token-claims-reference'],
  },
  [IssuerId.ENTRA_CONSUMERS]: {
    id: IssuerId.ENTRA_CONSUMERS,
    name: 'Microsoft personal accounts (tenant 9188040d-6c67-4c5b-b112-36a304b66dad, anyone can sign up)',
    tenancy: Tenancy.SHARED,
    issuerFixesTenant: false,
    tenantClaim: 'none: sub must name the account',
    subjectFormat: 'a pairwise id per application and user',
    subjectClaims: ['sub', 'oid'],
    audienceClaims: ['aud'],
    chosenClaims: [],
    sources: ['https://learn.microsoft.com/en-us/entra/identity-platform/id-token-claims-reference'],
  },
  [IssuerId.COGNITO]: {
    id: IssuerId.COGNITO,
    name: 'Amazon Cognito identity pools (cognito-identity.amazonaws.com, shared by every AWS account)',
    tenancy: Tenancy.SHARED,
    issuerFixesTenant: false,
    tenantClaim: 'aud (the identity pool id)',
    subjectFormat: 'sub = the identity id; amr = authenticated | unauthenticated, plus the login providers',
    subjectClaims: ['amr'],
    audienceClaims: ['aud'],
    chosenClaims: [],
    sources: ['https://docs.aws.amazon.com/cognito/latest/developerguide/role-trust-and-permissions.html', IAM_WIF],
  },
  [IssuerId.FACEBOOK]: {
    id: IssuerId.FACEBOOK,
    name: 'Facebook (graph.facebook.com)',
    tenancy: Tenancy.SHARED,
    issuerFixesTenant: false,
    tenantClaim: 'app_id (the application)',
    subjectFormat: 'id = the user id',
    subjectClaims: ['id'],
    audienceClaims: ['app_id'],
    chosenClaims: [],
    sources: [IAM_WIF],
  },
  [IssuerId.AMAZON]: {
    id: IssuerId.AMAZON,
    name: 'Login with Amazon (www.amazon.com)',
    tenancy: Tenancy.SHARED,
    issuerFixesTenant: false,
    tenantClaim: 'app_id (the application)',
    subjectFormat: 'user_id = the user id',
    subjectClaims: ['user_id'],
    audienceClaims: ['app_id'],
    chosenClaims: [],
    sources: [IAM_WIF],
  },
  [IssuerId.SINGLE_TENANT_IDP]: {
    id: IssuerId.SINGLE_TENANT_IDP,
    name: 'A per-tenant identity provider host (Auth0 TENANT.auth0.com, Okta ORG.okta.com)',
    tenancy: Tenancy.PER_TENANT,
    issuerFixesTenant: true,
    tenantClaim: 'the issuer host',
    subjectFormat: 'the provider\'s user or client id',
    subjectClaims: ['sub'],
    audienceClaims: ['aud'],
    chosenClaims: [],
    sources: [
      'https://docs.oracle.com/en-us/iaas/Content/APIGateway/Tasks/apigatewayusingjwttokens-identityprovider.htm',
      'https://developer.okta.com/docs/guides/oie-embedded-common-download-setup-app/android/main/',
    ],
  },
  [IssuerId.UNKNOWN]: {
    id: IssuerId.UNKNOWN,
    name: 'an issuer this table does not know',
    tenancy: Tenancy.SHARED,
    issuerFixesTenant: false,
    tenantClaim: 'unknown: aud and sub must be pinned exactly',
    subjectFormat: 'unknown',
    subjectClaims: ['sub'],
    audienceClaims: ['aud'],
    chosenClaims: [],
    sources: ['https://openid.net/specs/openid-connect-core-1_0.html#IDToken'],
  },
};

/** The tenant of Microsoft personal accounts [ENTRA]. */
export const ENTRA_CONSUMERS_TENANT = '9188040d-6c67-4c5b-b112-36a304b66dad';

/**
 * The profile of an issuer, from the prefix of its condition keys / its provider URL without scheme (case-insensitive,
 * a trailing `/` ignored): `token.actions.githubusercontent.com`, `oidc.eks.eu-west-1.amazonaws.com/id/ABC`, ...
 * `undefined` or a value with a placeholder gives UNKNOWN.
 */
export function issuerProfile(issuer: string | undefined): IssuerProfile {
  return ISSUERS[issuerIdOf(issuer)];
}

/** The table id of an issuer (see `issuerProfile`). */
export function issuerIdOf(issuer: string | undefined): IssuerId {
  if (issuer === undefined || issuer.includes('{{') || issuer.includes('${')) return IssuerId.UNKNOWN;
  const iss = issuer.trim().toLowerCase().replace(/^https:\/\//, '').replace(/\/+$/, '');
  const [host, ...rest] = iss.split('/');
  const path = rest.join('/');
  switch (host) {
    case 'token.actions.githubusercontent.com':
      // an enterprise's own issuer: token.actions.githubusercontent.com/<enterpriseSlug> [GH-REF]
      return path === '' ? IssuerId.GITHUB : IssuerId.GITHUB_TENANT;
    case 'gitlab.com':
      return IssuerId.GITLAB;
    case 'app.terraform.io':
    case 'app.eu.terraform.io':
      return IssuerId.TERRAFORM;
    case 'agent.buildkite.com':
      return IssuerId.BUILDKITE;
    case 'accounts.google.com':
      return IssuerId.GOOGLE;
    case 'cognito-identity.amazonaws.com':
    case 'cognito-identity.amazonaws.com.cn':
      return IssuerId.COGNITO;
    case 'graph.facebook.com':
      return IssuerId.FACEBOOK;
    case 'www.amazon.com':
      return IssuerId.AMAZON;
    case 'api.bitbucket.org':
      return /^2\.0\/workspaces\/[^/]+\/pipelines-config\/identity\/oidc$/.test(path) ? IssuerId.BITBUCKET : IssuerId.UNKNOWN;
    case 'oidc.circleci.com':
      return /^org\/[^/]+$/.test(path) ? IssuerId.CIRCLECI : IssuerId.UNKNOWN;
    case 'sts.windows.net':
    case 'login.microsoftonline.com':
    case 'login.microsoftonline.us':
    case 'login.partner.microsoftonline.cn': {
      const tenant = rest[0] ?? '';
      if (tenant === ENTRA_CONSUMERS_TENANT) return IssuerId.ENTRA_CONSUMERS;
      return /^[0-9a-f-]{36}$/.test(tenant) ? IssuerId.ENTRA : IssuerId.UNKNOWN;
    }
    default:
      break;
  }
  // GHE.com data residency: token.actions.SUBDOMAIN.ghe.com; GitHub Enterprise Server: HOST/_services/token [GH-REF]
  if (/^token\.actions\.[a-z0-9-]+\.ghe\.com$/.test(host) || path === '_services/token') return IssuerId.GITHUB_TENANT;
  if (/^oidc\.eks\.[a-z0-9-]+\.amazonaws\.com(\.cn)?$/.test(host) && /^id\/[^/]+$/.test(path)) return IssuerId.EKS;
  if (/(^|\.)gitlab\./.test(host)) return IssuerId.GITLAB;
  if (/^[a-z0-9-]+(\.[a-z]{2})?\.auth0\.com$/.test(host) || /^[a-z0-9-]+\.(okta|oktapreview|okta-emea)\.com$/.test(host)) {
    return IssuerId.SINGLE_TENANT_IDP;
  }
  return IssuerId.UNKNOWN;
}

// ---------------------------------------------------------------------------------------------------------------------
// Judging subjects
// ---------------------------------------------------------------------------------------------------------------------

/** How tightly a trust statement pins the tokens it admits. Ordered: a larger value is tighter. */
export enum SubjectStrength {
  /** Tokens of other tenants can match, or nothing is tested. */
  UNPINNED = 1,
  /** The tenant is fixed, but any repository / project / service account / user of it is admitted. */
  BROAD = 2,
  /** The tenant is fixed to one owner and the identity within it is pinned. */
  PINNED = 3,
}

/** One condition clause on a claim of the trusted issuer, as read from a trust statement. */
export interface SubjectClause {
  /**
   * The claim, lower case, without the issuer prefix (`sub`, `amr`, `repository_owner`), or a whole request-tag key
   * (`aws:requesttag/organization_slug`) for issuers whose tokens set session tags.
   */
  readonly claim: string;
  /** The values (ORed); placeholders (`{{...}}`) are concrete unknown names. */
  readonly values: readonly string[];
  /** Whether the operator reads `*` and `?` as wildcards (StringLike, ArnLike). */
  readonly wildcards: boolean;
  /**
   * Whether the clause narrows an Allow: a positive match, not `...IfExists`, not `ForAllValues:` (both are true when
   * the claim is absent), not negated. Default true. Non-narrowing clauses are ignored.
   */
  readonly narrowing?: boolean;
}

/** The verdict on the subject clauses of one trust statement. */
export interface SubjectJudgement {
  readonly strength: SubjectStrength;
  /** One line: why. */
  readonly why: string;
  readonly issuer: IssuerProfile;
}

/** What one value (or clause, or statement) fixes. */
interface Pin {
  /** The owner of the tokens is fixed. */
  readonly tenant: boolean;
  /** The repository / project / workspace / service account / user within the tenant is fixed. */
  readonly identity: boolean;
  readonly why: string;
}

const PLACEHOLDER = /\{\{[^{}]*\}\}/g;

/**
 * Judges the subject clauses of one trust statement for an issuer (see the module comment). Clauses are ANDed (what
 * any of them fixes is fixed); the values of one clause are ORed (a clause fixes only what all its values fix).
 */
export function judgeSubject(issuer: string | undefined, clauses: readonly SubjectClause[]): SubjectJudgement {
  const profile = issuerProfile(issuer);
  const relevant = clauses.filter(c => c.narrowing !== false && c.values.length > 0 && isSubjectClaim(profile, c.claim));
  if (profile.id === IssuerId.COGNITO) return judgeCognito(profile, relevant);
  const perTenant = profile.issuerFixesTenant;
  if (relevant.length === 0) {
    if (profile.noSubjectAdmitsOutsiders) return { strength: SubjectStrength.UNPINNED, why: profile.noSubjectAdmitsOutsiders, issuer: profile };
    return perTenant
      ? { strength: SubjectStrength.BROAD, why: `no subject condition: every identity of the tenant fixed by the issuer (${profile.tenantClaim}) is admitted`, issuer: profile }
      : { strength: SubjectStrength.UNPINNED, why: `no subject condition: any token of ${profile.name} is admitted`, issuer: profile };
  }
  let tenant = perTenant;
  let identity = false;
  const reasons: string[] = [];
  for (const clause of relevant) {
    const pins = clause.values.map(v => judgeValue(profile, clause.claim, v, clause.wildcards));
    const clauseTenant = pins.every(p => p.tenant);
    const clauseIdentity = pins.every(p => p.identity);
    tenant ||= clauseTenant;
    identity ||= clauseIdentity;
    const weakest = pins.find(p => !p.tenant) ?? pins.find(p => !p.identity);
    if (weakest) reasons.push(weakest.why);
  }
  if (tenant && identity) return { strength: SubjectStrength.PINNED, why: 'tenant and identity pinned', issuer: profile };
  const why = reasons[0] ?? 'the subject is not pinned';
  if (tenant) return { strength: SubjectStrength.BROAD, why, issuer: profile };
  return { strength: SubjectStrength.UNPINNED, why, issuer: profile };
}

function isSubjectClaim(profile: IssuerProfile, claim: string): boolean {
  return profile.subjectClaims.includes(claim.toLowerCase());
}

function judgeValue(profile: IssuerProfile, claim: string, raw: string, wildcards: boolean): Pin {
  const value = raw.trim();
  if (value !== '' && value.replace(PLACEHOLDER, '') === '') {
    // a value known only at deploy time (a parameter without default, an import): one exact value, not judged
    return { tenant: true, identity: true, why: 'a value known only at deploy time' };
  }
  const wild = wildcards && /[*?]/.test(value.replace(PLACEHOLDER, ''));
  const c = claim.toLowerCase();
  switch (profile.id) {
    case IssuerId.GITHUB:
    case IssuerId.GITHUB_TENANT:
      return github(profile, c, value, wild);
    case IssuerId.GITLAB:
      return gitlab(c, value, wild);
    case IssuerId.EKS:
      return eks(value, wild);
    case IssuerId.TERRAFORM:
      return terraform(c, value, wild);
    case IssuerId.BUILDKITE:
      return buildkite(c, value, wild);
    case IssuerId.BITBUCKET:
      return anchored(/^\{?([0-9a-f-]{36}|\{\{[^{}]*\}\})\}?(:|$)/i.test(value) && !startsWild(value, wild), true,
        'a Bitbucket subject that does not start with one repository UUID admits any repository of the workspace');
    case IssuerId.CIRCLECI:
      return circleci(value, wild);
    case IssuerId.GOOGLE:
      return google(value, wild);
    case IssuerId.ENTRA:
    case IssuerId.SINGLE_TENANT_IDP:
      return wild
        ? { tenant: true, identity: false, why: `'${value}' is a pattern: any matching identity of the tenant` }
        : { tenant: true, identity: true, why: 'exact subject' };
    default:
      // Facebook, Amazon, Microsoft consumer accounts, unknown issuers: an exact value, or nothing.
      return wild
        ? { tenant: false, identity: false, why: `'${value}' is a pattern on ${profile.name}: its subject format is not known to bound a wildcard, so the subject must be exact` }
        : { tenant: true, identity: true, why: 'exact subject' };
  }
}

/** A Pin for a value that is anchored (tenant) and, when `identity`, pinned within it. */
function anchored(tenant: boolean, identity: boolean, whyNot: string): Pin {
  return { tenant, identity: tenant && identity, why: tenant && identity ? 'pinned' : whyNot };
}

/** Whether a (wildcard-reading) value starts with a wildcard. */
function startsWild(value: string, wild: boolean): boolean {
  return wild && /^[*?]/.test(value);
}

/** A segment that is concrete: no wildcard (placeholders count as concrete names), not empty. */
function concrete(segment: string | undefined, wild: boolean): boolean {
  if (segment === undefined || segment === '') return false;
  return !wild || !/[*?]/.test(segment.replace(PLACEHOLDER, ''));
}

// --- GitHub ----------------------------------------------------------------------------------------------------------

/**
 * GitHub subjects are `key:value` pairs joined by `:`; a `:` inside a value is sent as `%3A` [GH-REF], so a pattern can
 * only meet `repo:OWNER/REPO` where GitHub wrote it. Anchors, in the order GitHub sets them from the running repository:
 * `repo:OWNER/REPO` (immutable `repo:OWNER@ID/REPO@ID`), `repository_id:N` (unique, never reused [GH-GCP]),
 * `repository_owner:OWNER`, `repository_owner_id:N`. Everything else in a customised subject is chosen by whoever runs
 * the workflow: `environment:prod`, `job_workflow_ref:...` (the called workflow [GH-REUSE]), `actor:alice`.
 */
function github(profile: IssuerProfile, claim: string, value: string, wild: boolean): Pin {
  switch (claim) {
    case 'repository': { // OWNER/REPO
      const [owner, repo] = splitOwner(value);
      return ownerRepoPin(owner, repo, wild, `repository '${value}'`);
    }
    case 'repository_id':
      return concrete(value, wild) && /^(\d|\{\{[^{}]*\}\})+$/.test(value)
        ? { tenant: true, identity: true, why: 'pinned' }
        : { tenant: false, identity: false, why: `repository_id '${value}' is not one numeric repository id` };
    case 'repository_owner':
    case 'repository_owner_id':
      return concrete(value, wild)
        ? { tenant: true, identity: false, why: `${claim} '${value}' admits every repository of the owner` }
        : { tenant: false, identity: false, why: `${claim} '${value}' is a pattern: owners whose name matches it are admitted` };
    case 'job_workflow_ref':
      return { tenant: false, identity: false, why: `job_workflow_ref names the called reusable workflow, not the calling repository: any repository allowed to call '${value}' is admitted` };
    case 'actor':
    case 'actor_id':
      return { tenant: false, identity: false, why: `${claim} names a person, who can run workflows in repositories of any owner` };
    default:
      return githubSubject(profile, value, wild);
  }
}

function githubSubject(profile: IssuerProfile, value: string, wild: boolean): Pin {
  // Find anchors at the start of the subject or right after a literal ':' (never after a wildcard: `*repo:...`
  // matches a branch or environment name ending in "repo").
  let best: Pin | undefined;
  const re = /(^|:)(repo|repository|repository_id|repository_owner|repository_owner_id):([^:]*)/g;
  for (let m = re.exec(value); m; m = re.exec(value)) {
    const [, , key, segment] = m;
    let pin: Pin;
    if ((key === 'repo' || key === 'repository') && segment === '') {
      // `repo::...` (an empty owner, e.g. a parameter left empty): no GitHub token has it
      pin = { tenant: true, identity: true, why: 'an empty repository matches no token' };
    } else if (key === 'repo' || key === 'repository') {
      const [owner, repo] = splitOwner(segment);
      pin = ownerRepoPin(owner, repo, wild, `'${value}'`);
    } else {
      pin = github(profile, key, segment, wild);
    }
    if (!best || score(pin) > score(best)) best = pin;
    if (best.tenant && best.identity) break;
  }
  if (best) return best;
  if (!wild && !/:/.test(value)) {
    return { tenant: false, identity: false, why: `'${value}' is not a GitHub subject (repo:OWNER/REPO:...): it matches no token, or one a customised template makes` };
  }
  const chosen = /(^|:)(environment|ref|workflow|job_workflow_ref|actor|context|event_name|pull_request)(:|$)/.exec(value)?.[2];
  const why = chosen === 'job_workflow_ref'
    ? `'${value}' has no repository: job_workflow_ref names the called reusable workflow, not the caller`
    : chosen
      ? `'${value}' has no repository or owner: with a customised subject template any repository can send ${chosen === 'pull_request' ? 'pull_request' : `${chosen}:...`}`
      : `'${value}' does not fix the owner: repositories of other owners can match`;
  return { tenant: false, identity: false, why };
}

function score(pin: Pin): number {
  return (pin.tenant ? 2 : 0) + (pin.identity ? 1 : 0);
}

function splitOwner(segment: string): [string, string | undefined] {
  const i = segment.indexOf('/');
  return i < 0 ? [segment, undefined] : [segment.slice(0, i), segment.slice(i + 1)];
}

function ownerRepoPin(owner: string, repo: string | undefined, wild: boolean, what: string): Pin {
  if (!concrete(owner, wild) || repo === undefined) {
    return { tenant: false, identity: false, why: `${what} does not fix the owner: other owners' repositories can match` };
  }
  if (!concrete(repo, wild)) return { tenant: true, identity: false, why: `${what} admits every matching repository of the owner` };
  return { tenant: true, identity: true, why: 'pinned' };
}

// --- GitLab, EKS, Terraform, Buildkite, CircleCI, Google --------------------------------------------------------------

function gitlab(claim: string, value: string, wild: boolean): Pin {
  switch (claim) {
    case 'project_path': {
      const [group, rest] = splitOwner(value);
      return ownerRepoPin(group, rest, wild, `project_path '${value}'`);
    }
    case 'project_id':
      return concrete(value, wild) ? { tenant: true, identity: true, why: 'pinned' } : { tenant: false, identity: false, why: `project_id '${value}' is a pattern` };
    case 'namespace_path':
    case 'namespace_id':
      return concrete(value, wild)
        ? { tenant: true, identity: false, why: `${claim} '${value}' admits every project of the group` }
        : { tenant: false, identity: false, why: `${claim} '${value}' is a pattern: other groups can match` };
    default: {
      // sub always starts with project_path [GL]
      const m = /^project_path:([^:]*)/.exec(value);
      if (!m || startsWild(value, wild)) return { tenant: false, identity: false, why: `'${value}' does not start with project_path:GROUP/...: projects of other groups can match` };
      const [group, rest] = splitOwner(m[1]);
      return ownerRepoPin(group, rest, wild, `'${value}'`);
    }
  }
}

function eks(value: string, wild: boolean): Pin {
  const m = /^system:serviceaccount:([^:]*)(?::(.*))?$/.exec(value);
  if (!m) {
    return wild
      ? { tenant: false, identity: false, why: `'${value}' is not system:serviceaccount:NAMESPACE:NAME: service accounts of any namespace can match` }
      : { tenant: true, identity: true, why: 'exact subject' };
  }
  const [, ns, sa] = m;
  if (!concrete(ns, wild)) return { tenant: false, identity: false, why: `'${value}' does not fix the namespace: service accounts of any namespace of the cluster can match` };
  if (!concrete(sa, wild)) return { tenant: true, identity: false, why: `'${value}' admits every service account of namespace ${ns}` };
  return { tenant: true, identity: true, why: 'pinned' };
}

function terraform(claim: string, value: string, wild: boolean): Pin {
  switch (claim) {
    case 'terraform_workspace_id':
      return concrete(value, wild) ? { tenant: true, identity: true, why: 'pinned' } : { tenant: false, identity: false, why: `terraform_workspace_id '${value}' is a pattern` };
    case 'terraform_organization_id':
    case 'terraform_organization_name':
      return concrete(value, wild)
        ? { tenant: true, identity: false, why: `${claim} '${value}' admits every workspace of the organization` }
        : { tenant: false, identity: false, why: `${claim} '${value}' is a pattern: other organizations can match` };
    default: {
      // organization:ORG[:project:PROJECT]:workspace:WS:run_phase:PHASE [TFC]
      const m = /^organization:([^:]*)(?::(.*))?$/.exec(value);
      if (!m || !concrete(m[1], wild)) return { tenant: false, identity: false, why: `'${value}' does not fix the organization: workspaces of other HCP Terraform organizations can match` };
      const ws = /^(project:[^:]*:)?workspace:([^:]*)(:|$)/.exec(m[2] ?? '');
      if (!ws || !concrete(ws[2], wild) || (ws[1] === undefined && wild && /^[*?]/.test(m[2] ?? ''))) {
        return { tenant: true, identity: false, why: `'${value}' admits every workspace of organization ${m[1]}` };
      }
      return { tenant: true, identity: true, why: 'pinned' };
    }
  }
}

function buildkite(claim: string, value: string, wild: boolean): Pin {
  switch (claim) {
    case 'aws:requesttag/organization_slug':
    case 'aws:requesttag/organization_id':
      return concrete(value, wild)
        ? { tenant: true, identity: false, why: `${claim} '${value}' admits every pipeline of the organization` }
        : { tenant: false, identity: false, why: `${claim} '${value}' is a pattern: other organizations can match` };
    case 'aws:requesttag/pipeline_slug':
    case 'aws:requesttag/pipeline_id':
      // a pipeline slug is unique within its organization only
      return concrete(value, wild)
        ? { tenant: claim.endsWith('_id'), identity: true, why: `${claim} '${value}' names a pipeline, not its organization` }
        : { tenant: false, identity: false, why: `${claim} '${value}' is a pattern` };
    default: {
      // organization:ORG:pipeline:PIPELINE:ref:REF:commit:SHA:step:KEY [BK]
      const m = /^organization:([^:]*)(?::pipeline:([^:]*))?/.exec(value);
      if (!m || !concrete(m[1], wild)) return { tenant: false, identity: false, why: `'${value}' does not fix the organization: pipelines of other Buildkite organizations can match` };
      if (!concrete(m[2], wild)) return { tenant: true, identity: false, why: `'${value}' admits every pipeline of organization ${m[1]}` };
      return { tenant: true, identity: true, why: 'pinned' };
    }
  }
}

function circleci(value: string, wild: boolean): Pin {
  // org/ORG_ID/project/PROJECT_ID/user/USER_ID [CCI]; the issuer already fixes the organization
  const m = /^org\/([^/]*)\/project\/([^/]*)(\/|$)/.exec(value);
  if (m && concrete(m[2], wild)) return { tenant: true, identity: true, why: 'pinned' };
  if (!wild) return { tenant: true, identity: true, why: 'exact subject' };
  return { tenant: true, identity: false, why: `'${value}' admits every project of the CircleCI organization` };
}

function google(value: string, wild: boolean): Pin {
  if (wild) return { tenant: false, identity: false, why: `'${value}' is a pattern: Google accounts of anyone can match` };
  if (/^(\d|\{\{[^{}]*\}\})+$/.test(value)) return { tenant: true, identity: true, why: 'pinned' };
  return { tenant: false, identity: false, why: `'${value}' is not a Google account id: the subject is the account's numeric id (an email address is never the subject)` };
}

// --- Cognito ---------------------------------------------------------------------------------------------------------

/** The `amr` value Cognito gives guest (unauthenticated) identities [COGNITO]. */
export const COGNITO_GUEST_AMR = 'unauthenticated';
/** The `amr` value Cognito gives signed-in identities [COGNITO]. */
export const COGNITO_SIGNED_IN_AMR = 'authenticated';

/**
 * Whether an `amr` value of a clause admits guest identities: it is `unauthenticated`, or a pattern matching it
 * (`*authenticated`, `*`, `*auth*`, `un*`).
 */
export function amrValueAdmitsGuests(value: string, wildcards: boolean): boolean {
  return likeMatch(value, COGNITO_GUEST_AMR, wildcards);
}

/** Whether an `amr` value of a clause admits signed-in identities (`authenticated` or a pattern matching it). */
export function amrValueAdmitsSignedIn(value: string, wildcards: boolean): boolean {
  return likeMatch(value, COGNITO_SIGNED_IN_AMR, wildcards);
}

function judgeCognito(profile: IssuerProfile, clauses: readonly SubjectClause[]): SubjectJudgement {
  if (clauses.length === 0) {
    return { strength: SubjectStrength.UNPINNED, why: 'no amr condition: every identity of the pool is admitted, guests included when the pool allows them', issuer: profile };
  }
  // clauses are ANDed: a clause whose values never match both kinds narrows to one kind
  for (const clause of clauses) {
    const both = clause.values.some(v => amrValueAdmitsGuests(v, clause.wildcards) && amrValueAdmitsSignedIn(v, clause.wildcards))
      || (clause.values.some(v => amrValueAdmitsGuests(v, clause.wildcards)) && clause.values.some(v => amrValueAdmitsSignedIn(v, clause.wildcards)));
    if (!both) return { strength: SubjectStrength.PINNED, why: 'pinned', issuer: profile };
  }
  const v = clauses[0].values.find(x => amrValueAdmitsGuests(x, clauses[0].wildcards)) ?? clauses[0].values[0];
  return { strength: SubjectStrength.UNPINNED, why: `amr '${v}' admits both signed-in and unauthenticated (guest) identities`, issuer: profile };
}

// --- Matching --------------------------------------------------------------------------------------------------------

/**
 * IAM string matching: with `wildcards`, `*` is any run and `?` one character (StringLike, case-sensitive); without,
 * an exact comparison. A placeholder in the pattern matches any non-empty run (an unknown value).
 */
export function likeMatch(pattern: string, text: string, wildcards: boolean): boolean {
  const parts = pattern.split(PLACEHOLDER);
  const holes = pattern.match(PLACEHOLDER)?.length ?? 0;
  if (!wildcards && holes === 0) return pattern === text;
  const body = parts
    .map(part => part.split('').map(ch => (wildcards && ch === '*' ? '.*' : wildcards && ch === '?' ? '.' : ch.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'))).join(''))
    .join('.+');
  return new RegExp(`^${body}$`, 's').test(text);
}
