/**
 * Web identity issuers: who owns the tokens an issuer signs, and which claims the holder of a token can choose.
 *
 * A web identity trust is only as narrow as the claims it tests *and who controls them*. An issuer shared by every
 * customer of a platform (GitHub Actions, GitLab.com, HCP Terraform, Buildkite, Google, Cognito) signs tokens for
 * anyone who signs up: the trust must fix the tenant (the owner of the tokens) through a claim the platform sets, not
 * one the token's holder chooses. An issuer whose URL is per tenant (a GitHub Enterprise slug, a CircleCI organization,
 * a Bitbucket workspace, an Entra ID tenant, an EKS cluster) fixes the tenant by itself.
 *
 * This file is the table: per issuer its tenancy, the claim that fixes the tenant, the subject claims, the claims a
 * token's holder chooses, and the public sources of these facts. issuers.ts judges subjects with it (and re-exports it).
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
const GH_HARD =
  'https://docs.github.com/en/actions/security-for-github-actions/security-hardening-your-deployments/about-security-hardening-with-openid-connect';
const GH_REUSE =
  'https://docs.github.com/en/actions/security-for-github-actions/security-hardening-your-deployments/using-openid-connect-with-reusable-workflows';
const GH_GCP = 'https://github.com/google-github-actions/auth/blob/main/docs/SECURITY_CONSIDERATIONS.md';
const DD = 'https://securitylabs.datadoghq.com/articles/exploring-github-to-aws-keyless-authentication-flaws/';
const TINDER =
  'https://medium.com/tinder/identifying-vulnerabilities-in-github-actions-aws-oidc-configurations-8067c400d5b8';
const U42 = 'https://unit42.paloaltonetworks.com/oidc-misconfigurations-in-ci-cd/';
const ASTRIX =
  'https://astrix.security/learn/blog/subjugation-hijacking-cloud-identities-by-recycling-namespaces-in-global-oidc-issuers/';
const IAM_WIF =
  'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_iam-condition-keys.html#condition-keys-wif';

/** GitHub Actions' subject claims, the same on the shared and on per-tenant issuers. */
const GITHUB_SUBJECT_CLAIMS = [
  'sub',
  'repository',
  'repository_id',
  'repository_owner',
  'repository_owner_id',
  'job_workflow_ref',
  'actor',
  'actor_id',
] as const;
/** GitHub Actions' claims the job chooses (see below), the same on the shared and on per-tenant issuers. */
const GITHUB_CHOSEN_CLAIMS = [
  'aud',
  'environment',
  'ref',
  'ref_type',
  'workflow',
  'workflow_ref',
  'context',
  'event_name',
  'job_workflow_ref',
  'actor',
  'head_ref',
  'base_ref',
] as const;

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
    subjectFormat:
      'repo:OWNER/REPO:ref:refs/heads/BRANCH | repo:OWNER/REPO:environment:NAME | repo:OWNER/REPO:pull_request ' +
      '(immutable: repo:OWNER@ID/REPO@ID:...), or a customised template of claim keys',
    subjectClaims: GITHUB_SUBJECT_CLAIMS,
    audienceClaims: ['aud'],
    chosenClaims: GITHUB_CHOSEN_CLAIMS,
    sources: [GH_REF, GH_HARD, GH_REUSE, GH_GCP, DD, TINDER, U42, ASTRIX],
  },
  [IssuerId.GITHUB_TENANT]: {
    id: IssuerId.GITHUB_TENANT,
    name: 'GitHub Actions with a per-tenant issuer (enterprise slug, GHE.com data residency, GitHub Enterprise Server)',
    tenancy: Tenancy.PER_TENANT,
    issuerFixesTenant: true,
    tenantClaim:
      'the issuer (token.actions.githubusercontent.com/ENTERPRISE, token.actions.SUBDOMAIN.ghe.com, HOST/_services/token)',
    subjectFormat: 'as GitHub Actions',
    subjectClaims: GITHUB_SUBJECT_CLAIMS,
    audienceClaims: ['aud'],
    chosenClaims: GITHUB_CHOSEN_CLAIMS,
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
    tenantClaim:
      'the organization in sub (organization:ORG:...), or terraform_organization_id / terraform_organization_name',
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
    tenantClaim:
      'the organization in sub (organization:ORG:...), or the session tags organization_slug / organization_id',
    subjectFormat: 'organization:ORG:pipeline:PIPELINE:ref:REF:commit:SHA:step:KEY',
    subjectClaims: [
      'sub',
      'aws:requesttag/organization_slug',
      'aws:requesttag/organization_id',
      'aws:requesttag/pipeline_slug',
      'aws:requesttag/pipeline_id',
    ],
    audienceClaims: ['aud'],
    chosenClaims: ['aud', 'ref', 'commit', 'step'],
    sources: [
      'https://buildkite.com/docs/pipelines/security/oidc/aws',
      'https://buildkite.com/docs/apis/workload-identity-federation/buildkite-agents',
    ],
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
    noSubjectAdmitsOutsiders:
      'no subject condition: every project of the CircleCI organization is admitted, and builds of forked pull ' +
      'requests get tokens when a project passes secrets to them (CircleCI docs; Unit 42 found CircleCI tokens reachable this way)',
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
    subjectFormat: "the provider's user or client id",
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
  const iss = issuer
    .trim()
    .toLowerCase()
    .replace(/^https:\/\//, '')
    .replace(/\/+$/, '');
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
      return /^2\.0\/workspaces\/[^/]+\/pipelines-config\/identity\/oidc$/.test(path)
        ? IssuerId.BITBUCKET
        : IssuerId.UNKNOWN;
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
  if (
    /^[a-z0-9-]+(\.[a-z]{2})?\.auth0\.com$/.test(host) ||
    /^[a-z0-9-]+\.(okta|oktapreview|okta-emea)\.com$/.test(host)
  ) {
    return IssuerId.SINGLE_TENANT_IDP;
  }
  return IssuerId.UNKNOWN;
}
