// Writes the StsChecks corpus: dangerous/NN-*.json, safe/NN-*.json and index.json (run: node test/nag/corpus/generate.js).
// Each template is written here from the public research named in its source line; the JSON files are what tests read.
const fs = require('fs');
const path = require('path');
const OUT = __dirname;

const GH = 'token.actions.githubusercontent.com';
const SRC = {
  datadog: 'https://securitylabs.datadoghq.com/articles/exploring-github-to-aws-keyless-authentication-flaws/',
  datadogAtlas: 'https://securitylabs.datadoghq.com/cloud-security-atlas/vulnerabilities/iam-role-can-be-assumed-by-any-github-action/',
  tinder: 'https://medium.com/tinder/identifying-vulnerabilities-in-github-actions-aws-oidc-configurations-8067c400d5b8',
  unit42: 'https://unit42.paloaltonetworks.com/oidc-misconfigurations-in-ci-cd',
  ghOidc: 'https://docs.github.com/en/actions/reference/security/oidc',
  ghCustom: 'https://docs.github.com/en/actions/security-for-github-actions/security-hardening-your-deployments/about-security-hardening-with-openid-connect#customizing-the-token-claims',
  ghAws: 'https://docs.github.com/en/actions/security-for-github-actions/security-hardening-your-deployments/configuring-openid-connect-in-amazon-web-services',
  gitlab: 'https://docs.gitlab.com/ci/cloud_services/aws/',
  gitlabClaims: 'https://docs.gitlab.com/ci/secrets/id_token_authentication/',
  buildkite: 'https://buildkite.com/docs/pipelines/security/oidc/aws',
  tfc: 'https://developer.hashicorp.com/terraform/cloud-docs/workspaces/dynamic-provider-credentials/aws-configuration',
  circleci: 'https://circleci.com/docs/openid-connect-tokens/',
  wifKeys: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_iam-condition-keys.html#condition-keys-wif',
  irsa: 'https://docs.aws.amazon.com/eks/latest/userguide/associate-service-account-role.html',
  cognitoFlow: 'https://docs.aws.amazon.com/cognito/latest/developerguide/authentication-flow.html',
  cognitoRoles: 'https://docs.aws.amazon.com/cognito/latest/developerguide/role-trust-and-permissions.html',
  cognitoIam: 'https://docs.aws.amazon.com/cognito/latest/developerguide/iam-roles.html',
  ddClassic: 'https://docs.datadoghq.com/security/default_rules/def-000-k8u',
  saml: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_providers_create_saml.html',
  samlKeys: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_iam-condition-keys.html#condition-keys-saml',
  deputy: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/confused-deputy.html',
  externalId: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_common-scenarios_third-party.html',
  operators: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html',
  ifExists: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_IfExists',
  multiValued: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-single-vs-multi-valued-context-keys.html',
  globalKeys: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html',
  principal: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html',
  notPrincipal: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notprincipal.html',
  evaluation: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html',
  sfnDeputy: 'https://docs.aws.amazon.com/step-functions/latest/dg/procedure-create-iam-role.html',
  quotas: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html',
  roleProps: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-iam-role.html',
  cfnParams: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/parameters-section-structure.html',
  cfnIf: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/intrinsic-function-reference-conditions.html',
  cfnMap: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/intrinsic-function-reference-findinmap.html',
  cfnSub: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/intrinsic-function-reference-sub.html',
  cfnJoin: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/intrinsic-function-reference-join.html',
  podIdentity: 'https://docs.aws.amazon.com/eks/latest/userguide/pod-id-role.html',
  secretsGuest: 'https://docs.aws.amazon.com/secretsmanager/latest/userguide/auth-and-access.html',
};

const R = {
  wildcard: 'StsChecks-WildcardPrincipalTrust',
  cross: 'StsChecks-CrossAccountTrustWithoutGuard',
  extId: 'StsChecks-ExternalIdWeakCondition',
  aud: 'StsChecks-WebIdentityAudienceNotPinned',
  sub: 'StsChecks-WebIdentitySubjectNotPinned',
  broad: 'StsChecks-WebIdentitySubjectBroad',
  foreign: 'StsChecks-WebIdentityForeignProviderKeys',
  misuse: 'StsChecks-TrustConditionOperatorMisuse',
  action: 'StsChecks-TrustActionMismatch',
  saml: 'StsChecks-SamlAudienceNotPinned',
  notP: 'StsChecks-TrustNotPrincipalOrNotAction',
  anyRole: 'StsChecks-AssumeRoleOnAnyRole',
  guestWrite: 'StsChecks-CognitoUnauthenticatedRoleWrite',
  guest: 'StsChecks-CognitoGuestAccessEnabled',
  classic: 'StsChecks-CognitoClassicFlowEnabled',
  service: 'StsChecks-ServiceTrustWithoutSourceCondition',
  size: 'StsChecks-TrustPolicyTooLarge',
  session: 'StsChecks-MaxSessionDurationOutOfRange',
};

const sub = s => ({ 'Fn::Sub': s });
const ref = r => ({ Ref: r });
const own = sub('arn:${AWS::Partition}:iam::${AWS::AccountId}:root');
const ghProvider = sub('arn:${AWS::Partition}:iam::${AWS::AccountId}:oidc-provider/' + GH);
const provider = host => sub('arn:${AWS::Partition}:iam::${AWS::AccountId}:oidc-provider/' + host);
const saml = sub('arn:${AWS::Partition}:iam::${AWS::AccountId}:saml-provider/Okta');
const doc = (...Statement) => ({ Version: '2012-10-17', Statement });
const allow = (Principal, Action, Condition) => ({ Effect: 'Allow', Principal, Action, ...(Condition ? { Condition } : {}) });
const deny = (Principal, Action, Condition) => ({ Effect: 'Deny', Principal, Action, ...(Condition ? { Condition } : {}) });
const web = (Principal, Condition) => allow({ Federated: Principal }, 'sts:AssumeRoleWithWebIdentity', Condition);
const gh = Condition => web(ghProvider, Condition);
const ghAud = { [`${GH}:aud`]: 'sts.amazonaws.com' };
const assume = (Principal, Condition) => allow(Principal, 'sts:AssumeRole', Condition);
const STRONG_ID = '7d8c1f0e-5b2a-4c39-9e61-2f4a8b0c3d17';
const READ_POLICY = [{ PolicyName: 'Read', PolicyDocument: doc({ Effect: 'Allow', Action: 's3:GetObject', Resource: sub('arn:${AWS::Partition}:s3:::acme-app-assets/public/*') }) }];

function tpl(description, trust, extra = {}) {
  const { roleProps = {}, resources = {}, ...top } = extra;
  return {
    AWSTemplateFormatVersion: '2010-09-09',
    Description: description,
    ...top,
    Resources: {
      Role: { Type: 'AWS::IAM::Role', Properties: { AssumeRolePolicyDocument: trust, Policies: READ_POLICY, ...roleProps } },
      ...resources,
    },
  };
}

function cognito(description, { pool = {}, unauthPolicy, authTrust, unauthTrust, extraRoles = {}, roleMappings } = {}) {
  const poolId = ref('Pool');
  const trustFor = amr => doc(web('cognito-identity.amazonaws.com', {
    StringEquals: { 'cognito-identity.amazonaws.com:aud': poolId },
    'ForAnyValue:StringLike': { 'cognito-identity.amazonaws.com:amr': amr },
  }));
  const resources = {
    Pool: { Type: 'AWS::Cognito::IdentityPool', Properties: { AllowUnauthenticatedIdentities: false, ...pool } },
    AuthRole: { Type: 'AWS::IAM::Role', Properties: { AssumeRolePolicyDocument: authTrust ?? trustFor('authenticated'), Policies: READ_POLICY } },
    ...extraRoles,
    Attachment: {
      Type: 'AWS::Cognito::IdentityPoolRoleAttachment',
      Properties: {
        IdentityPoolId: poolId,
        Roles: { authenticated: { 'Fn::GetAtt': ['AuthRole', 'Arn'] }, ...(unauthPolicy || unauthTrust ? { unauthenticated: { 'Fn::GetAtt': ['GuestRole', 'Arn'] } } : {}) },
        ...(roleMappings ? { RoleMappings: roleMappings } : {}),
      },
    },
  };
  if (unauthPolicy || unauthTrust) {
    resources.GuestRole = {
      Type: 'AWS::IAM::Role',
      Properties: {
        AssumeRolePolicyDocument: unauthTrust ?? trustFor('unauthenticated'),
        Policies: [{ PolicyName: 'Guest', PolicyDocument: doc(unauthPolicy ?? { Effect: 'Allow', Action: 's3:GetObject', Resource: sub('arn:${AWS::Partition}:s3:::acme-app-assets/public/*') }) }],
      },
    };
  }
  return { AWSTemplateFormatVersion: '2010-09-09', Description: description, Resources: resources };
}

const dangerous = [];
const safe = [];
const D = (name, expect, source, template, more = {}) => dangerous.push({ name, expect, source, template, ...more });
const S = (name, source, template, more = {}) => safe.push({ name, source, template, ...more });

// ---------- GitHub Actions OIDC ----------
D('github-aud-only', [R.sub], `${SRC.datadog} — roles pinning only aud=sts.amazonaws.com can be assumed from any GitHub repository`,
  tpl('GitHub OIDC trust with the audience and no subject', doc(gh({ StringEquals: ghAud }))));
D('github-no-condition', [R.aud, R.sub], `${SRC.datadogAtlas} — a GitHub OIDC trust without conditions admits every workflow on GitHub`,
  tpl('GitHub OIDC trust without any condition', doc(gh())));
D('github-sub-star', [R.sub], `${SRC.tinder} — StringLike sub "*" was among the vulnerable configurations found`,
  tpl('GitHub subject matched with a bare wildcard', doc(gh({ StringEquals: ghAud, StringLike: { [`${GH}:sub`]: '*' } }))));
D('github-sub-repo-star', [R.sub], `${SRC.datadog} — "repo:*" lets any repository of any owner assume the role`,
  tpl('GitHub subject repo:* (any owner)', doc(gh({ StringEquals: ghAud, StringLike: { [`${GH}:sub`]: 'repo:*' } }))));
D('github-sub-owner-prefix', [R.sub], `${SRC.ghAws} — the owner must be delimited: repo:acme* also matches an attacker's org acme-evil`,
  tpl('GitHub subject with an owner prefix without the slash', doc(gh({ StringEquals: ghAud, StringLike: { [`${GH}:sub`]: 'repo:acme*' } }))));
D('github-sub-owner-wildcard', [R.broad], `${SRC.unit42} — an organization-wide subject (repo:ORG/*) admits every repository and fork workflow of the owner`,
  tpl('GitHub subject pinned to an owner only', doc(gh({ StringEquals: ghAud, StringLike: { [`${GH}:sub`]: 'repo:acme/*' } }))));
D('github-sub-parameter-default-star', [R.broad], `${SRC.cfnParams} + ${SRC.datadog} — the repository part of the subject is a parameter whose Default is "*": deployed with defaults it admits every repository of the owner`,
  tpl('GitHub subject from a parameter that defaults to *', doc(gh({ StringEquals: ghAud, StringLike: { [`${GH}:sub`]: sub('repo:${GitHubOrg}/${RepositoryName}:*') } })), {
    Parameters: { GitHubOrg: { Type: 'String', Default: 'acme' }, RepositoryName: { Type: 'String', Default: '*', Description: 'Repository allowed to deploy (* for all)' } },
  }));
D('github-owner-parameter-default-star', [R.sub], `${SRC.cfnParams} + ${SRC.datadog} — the owner part of the subject is a parameter whose Default is "*": deployed with defaults any owner's repository named app can assume`,
  tpl('GitHub owner from a parameter that defaults to *', doc(gh({ StringEquals: ghAud, StringLike: { [`${GH}:sub`]: sub('repo:${GitHubOrg}/app:ref:refs/heads/main') } })), {
    Parameters: { GitHubOrg: { Type: 'String', Default: '*', Description: 'Owner allowed to deploy' } },
  }));
D('github-sub-parameter-allowedvalues-star', [R.sub], `${SRC.cfnParams} — one AllowedValues entry of the owner parameter is "*", a reachable deployment that admits any owner`,
  tpl('GitHub owner parameter that allows *', doc(gh({ StringEquals: ghAud, StringLike: { [`${GH}:sub`]: sub('repo:${Owner}/app:ref:refs/heads/main') } })), {
    Parameters: { Owner: { Type: 'String', Default: 'acme', AllowedValues: ['acme', '*'] } },
  }));
D('github-sub-if-branch', [R.sub], `${SRC.cfnIf} — one Fn::If branch (dev) opens the subject to every repository`,
  tpl('GitHub subject chosen by Fn::If, one branch open', doc(gh({ StringEquals: ghAud, StringLike: { [`${GH}:sub`]: { 'Fn::If': ['IsDev', 'repo:*', 'repo:acme/app:ref:refs/heads/main'] } } })), {
    Parameters: { Env: { Type: 'String', Default: 'prod', AllowedValues: ['dev', 'prod'] } },
    Conditions: { IsDev: { 'Fn::Equals': [ref('Env'), 'dev'] } },
  }));
D('github-sub-findinmap', [R.sub], `${SRC.cfnMap} — a mapping value for one environment is a wildcard subject`,
  tpl('GitHub subject read from a mapping, one entry open', doc(gh({ StringEquals: ghAud, StringLike: { [`${GH}:sub`]: { 'Fn::FindInMap': ['Subjects', ref('Env'), 'Sub'] } } })), {
    Parameters: { Env: { Type: 'String', Default: 'prod', AllowedValues: ['sandbox', 'prod'] } },
    Mappings: { Subjects: { sandbox: { Sub: 'repo:*' }, prod: { Sub: 'repo:acme/app:environment:prod' } } },
  }));
D('github-json-string-sub', [R.sub], `${SRC.roleProps} — the trust policy is a JSON string built with Fn::Sub; it pins only aud`,
  tpl('GitHub trust as a JSON string without a subject', sub(JSON.stringify(doc(web('arn:${AWS::Partition}:iam::${AWS::AccountId}:oidc-provider/' + GH, { StringEquals: ghAud }))))));
D('github-join-policy', [R.sub], `${SRC.cfnJoin} — the trust policy is assembled with Fn::Join from text pieces; the subject is "repo:*"`,
  tpl('GitHub trust joined from strings with repo:*', { 'Fn::Join': ['', [
    '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Federated":"arn:', ref('AWS::Partition'), ':iam::', ref('AWS::AccountId'),
    `:oidc-provider/${GH}"},"Action":"sts:AssumeRoleWithWebIdentity","Condition":{"StringEquals":{"${GH}:aud":"sts.amazonaws.com"},"StringLike":{"${GH}:sub":"repo:*"}}}]}`,
  ] ] }));
D('github-stringequals-wildcard', [R.misuse], `${SRC.operators} — StringEquals compares literally; "repo:acme/app:*" never matches and the author meant StringLike`,
  tpl('GitHub subject pattern under StringEquals', doc(gh({ StringEquals: { ...ghAud, [`${GH}:sub`]: 'repo:acme/app:*' } }))));
D('github-forallvalues-sub', [R.misuse], `${SRC.multiValued} — ForAllValues on the single-valued sub claim is true when the key is absent`,
  tpl('GitHub subject under ForAllValues', doc(gh({ StringEquals: ghAud, 'ForAllValues:StringLike': { [`${GH}:sub`]: 'repo:acme/app:*' } }))));
D('github-sub-ifexists', [R.misuse], `${SRC.ifExists} — StringLikeIfExists on the subject makes the pin optional`,
  tpl('GitHub subject under StringLikeIfExists', doc(gh({ StringEquals: ghAud, StringLikeIfExists: { [`${GH}:sub`]: 'repo:acme/app:*' } }))));
D('github-custom-sub-environment', [R.sub], `${SRC.ghCustom} + ${SRC.tinder} — a custom subject of only the environment ("environment:production") is produced by any repository that names an environment so`,
  tpl('GitHub custom subject without a repository: environment only', doc(gh({ StringEquals: { ...ghAud, [`${GH}:sub`]: 'environment:production' } }))));
D('github-custom-sub-job-workflow-ref', [R.sub], `${SRC.ghCustom} — job_workflow_ref names the called reusable workflow, not the caller: any repository may call a public reusable workflow`,
  tpl('GitHub custom subject of only job_workflow_ref', doc(gh({ StringEquals: { ...ghAud, [`${GH}:sub`]: 'job_workflow_ref:acme/shared-workflows/.github/workflows/deploy.yml@refs/heads/main' } }))));
D('github-custom-sub-actor', [R.sub], `${SRC.ghCustom} — the actor claim names who triggered the run; that user can run workflows in repositories they own`,
  tpl('GitHub custom subject of only the actor', doc(gh({ StringEquals: { ...ghAud, [`${GH}:sub`]: 'actor:octocat' } }))));
D('github-custom-sub-owner-only', [], `${SRC.ghCustom} — repository_owner without a repository admits every present and future repository of the owner`,
  tpl('GitHub custom subject of only the repository owner', doc(gh({ StringEquals: { ...ghAud, [`${GH}:sub`]: 'repository_owner:acme' } }))), { expectOneOf: [R.sub, R.broad] });
D('github-sub-any-owner-one-repo', [R.sub], `${SRC.datadog} — a leading wildcard in the owner ("repo:*/infra:...") admits any owner's repository of that name`,
  tpl('GitHub subject with a wildcard owner', doc(gh({ StringEquals: ghAud, StringLike: { [`${GH}:sub`]: 'repo:*/infra:ref:refs/heads/main' } }))));
D('github-deny-not-restricting', [R.sub], `${SRC.evaluation} — the Deny only removes one foreign owner; every other repository is still admitted`,
  tpl('GitHub trust with a Deny that removes only one owner', doc(gh({ StringEquals: ghAud }), deny({ Federated: ghProvider }, 'sts:AssumeRoleWithWebIdentity', { StringLike: { [`${GH}:sub`]: 'repo:evil-corp/*' } }))));
D('github-second-statement-open', [R.sub], `${SRC.datadog} — a second Allow statement pins only the audience; statements are OR-ed`,
  tpl('GitHub trust with one pinned statement and one open', doc(gh({ StringEquals: { ...ghAud, [`${GH}:sub`]: 'repo:acme/app:ref:refs/heads/main' } }), gh({ StringEquals: ghAud }))));
D('github-aud-wildcard', [R.aud], `${SRC.wifKeys} — the audience matched with StringLike "*" accepts tokens minted for any client`,
  tpl('GitHub audience matched by *', doc(gh({ StringLike: { [`${GH}:aud`]: '*', [`${GH}:sub`]: 'repo:acme/app:ref:refs/heads/main' } }))));
D('github-foreign-provider-keys', [R.foreign], `${SRC.wifKeys} — keys of gitlab.com never appear in GitHub tokens: the intended pin does nothing`,
  tpl('GitHub trust tested on GitLab claims', doc(gh({ StringEquals: { ...ghAud, 'gitlab.com:sub': 'project_path:acme/app:ref_type:branch:ref:main' } }))));
D('github-wrong-action', [R.action], `${SRC.principal} — an OIDC provider can only use sts:AssumeRoleWithWebIdentity; sts:AssumeRole with a federated principal never works`,
  tpl('GitHub provider with sts:AssumeRole', doc(allow({ Federated: ghProvider }, 'sts:AssumeRole', { StringEquals: { ...ghAud, [`${GH}:sub`]: 'repo:acme/app:ref:refs/heads/main' } }))));

// ---------- GitLab, EKS, multi-tenant and unknown issuers ----------
D('gitlab-aud-only', [R.sub], `${SRC.gitlab} — GitLab.com is one issuer for every project; without sub any project can assume`,
  tpl('GitLab trust with only the audience', doc(web(provider('gitlab.com'), { StringEquals: { 'gitlab.com:aud': 'https://gitlab.com' } }))));
D('gitlab-project-path-star', [R.sub], `${SRC.gitlabClaims} — project_path:* admits any GitLab.com project`,
  tpl('GitLab subject project_path:*', doc(web(provider('gitlab.com'), { StringEquals: { 'gitlab.com:aud': 'https://gitlab.com' }, StringLike: { 'gitlab.com:sub': 'project_path:*' } }))));
D('gitlab-group-wildcard', [R.broad], `${SRC.gitlabClaims} — project_path:GROUP/* admits every project of the group`,
  tpl('GitLab subject pinned to a group only', doc(web(provider('gitlab.com'), { StringEquals: { 'gitlab.com:aud': 'https://gitlab.com' }, StringLike: { 'gitlab.com:sub': 'project_path:acme/*:ref_type:branch:ref:main' } }))));
const eks = 'oidc.eks.eu-west-1.amazonaws.com/id/0123456789ABCDEF0123456789ABCDEF';
D('eks-aud-only', [R.sub], `${SRC.irsa} — IRSA without sub lets every service account of the cluster assume the role`,
  tpl('EKS IRSA trust without a subject', doc(web(provider(eks), { StringEquals: { [`${eks}:aud`]: 'sts.amazonaws.com' } }))));
D('eks-sub-any-namespace', [R.sub], `${SRC.irsa} — system:serviceaccount:* admits every namespace`,
  tpl('EKS subject of any namespace', doc(web(provider(eks), { StringEquals: { [`${eks}:aud`]: 'sts.amazonaws.com' }, StringLike: { [`${eks}:sub`]: 'system:serviceaccount:*' } }))));
D('eks-sub-namespace-wildcard', [R.broad], `${SRC.irsa} — system:serviceaccount:NS:* admits every service account of the namespace`,
  tpl('EKS subject of a whole namespace', doc(web(provider(eks), { StringEquals: { [`${eks}:aud`]: 'sts.amazonaws.com' }, StringLike: { [`${eks}:sub`]: 'system:serviceaccount:prod:*' } }))));
D('eks-stringequals-wildcard', [R.misuse], `${SRC.operators} — a pattern under StringEquals is literal`,
  tpl('EKS subject pattern under StringEquals', doc(web(provider(eks), { StringEquals: { [`${eks}:aud`]: 'sts.amazonaws.com', [`${eks}:sub`]: 'system:serviceaccount:prod:*' } }))));
D('buildkite-leading-wildcard', [R.sub], `${SRC.buildkite} + ${SRC.unit42} — agent.buildkite.com serves every organization; a wildcard organization slug crosses tenants`,
  tpl('Buildkite subject with a wildcard organization', doc(web(provider('agent.buildkite.com'), { StringEquals: { 'agent.buildkite.com:aud': 'sts.amazonaws.com' }, StringLike: { 'agent.buildkite.com:sub': 'organization:*:pipeline:deploy:ref:refs/heads/main:*' } }))));
D('terraform-cloud-any-org', [R.sub], `${SRC.tfc} — app.terraform.io serves every organization; organization:* admits any workspace named prod`,
  tpl('Terraform Cloud subject with a wildcard organization', doc(web(provider('app.terraform.io'), { StringEquals: { 'app.terraform.io:aud': 'aws.workload.identity' }, StringLike: { 'app.terraform.io:sub': 'organization:*:project:*:workspace:prod:run_phase:*' } }))));
D('terraform-cloud-no-sub', [R.sub], `${SRC.tfc} — without sub any HCP Terraform workspace of any organization gets the role`,
  tpl('Terraform Cloud trust without a subject', doc(web(provider('app.terraform.io'), { StringEquals: { 'app.terraform.io:aud': 'aws.workload.identity' } }))));
D('circleci-no-sub', [], `${SRC.circleci} + ${SRC.unit42} — the per-organization issuer fixes the tenant, but without sub every project of the organization (and every job, on any branch) can assume`,
  tpl('CircleCI trust with only the organization audience', doc(web(provider('oidc.circleci.com/org/4c1e7b52-8a34-4d7e-9b6f-2d0d5c1e9a11'), { StringEquals: { 'oidc.circleci.com/org/4c1e7b52-8a34-4d7e-9b6f-2d0d5c1e9a11:aud': '4c1e7b52-8a34-4d7e-9b6f-2d0d5c1e9a11' } }))), { expectOneOf: [R.sub, R.broad] });
D('google-aud-only', [R.sub], `${SRC.wifKeys} — Google tokens for your client id are minted for every Google account that signs in; pin :sub`,
  tpl('Google trust without a subject', doc(web('accounts.google.com', { StringEquals: { 'accounts.google.com:aud': '123456789012-abc.apps.googleusercontent.com' } }))));
D('unknown-issuer-sub-star', [R.sub], `${SRC.unit42} — an unknown issuer needs sub pinned exactly; "*" admits every token it issues`,
  tpl('Unknown issuer with a wildcard subject', doc(web(provider('auth.example.com'), { StringEquals: { 'auth.example.com:aud': 'aws' }, StringLike: { 'auth.example.com:sub': '*' } }))));
D('unknown-issuer-no-aud', [R.aud], `${SRC.wifKeys} — without aud the role accepts tokens the issuer minted for any client`,
  tpl('Unknown issuer with a subject and no audience', doc(web(provider('auth.example.com'), { StringEquals: { 'auth.example.com:sub': 'svc-deployer' } }))));

// ---------- Cognito identity pools ----------
D('cognito-amr-star-authenticated', [R.sub], `${SRC.cognitoRoles} — amr "*authenticated" also matches "unauthenticated": guests get the signed-in role`,
  cognito('Authenticated role whose amr pattern also matches guests', { pool: { AllowUnauthenticatedIdentities: true }, authTrust: doc(web('cognito-identity.amazonaws.com', { StringEquals: { 'cognito-identity.amazonaws.com:aud': ref('Pool') }, 'ForAnyValue:StringLike': { 'cognito-identity.amazonaws.com:amr': '*authenticated' } })) }));
D('cognito-no-aud', [R.aud], `${SRC.cognitoRoles} — without cognito-identity.amazonaws.com:aud any identity pool of any account can assume the role`,
  cognito('Cognito role without the pool audience', { authTrust: doc(web('cognito-identity.amazonaws.com', { 'ForAnyValue:StringLike': { 'cognito-identity.amazonaws.com:amr': 'authenticated' } })) }));
D('cognito-no-amr', [R.sub], `${SRC.cognitoRoles} — without amr both guests and signed-in identities of the pool can assume the role`,
  cognito('Cognito role without amr', { pool: { AllowUnauthenticatedIdentities: true }, authTrust: doc(web('cognito-identity.amazonaws.com', { StringEquals: { 'cognito-identity.amazonaws.com:aud': ref('Pool') } })) }));
D('cognito-guest-get-secret', [R.guestWrite, R.guest], `${SRC.cognitoIam} — a guest role reading secretsmanager:GetSecretValue hands secrets to anyone with the pool id`,
  cognito('Guest role that reads Secrets Manager secrets', { pool: { AllowUnauthenticatedIdentities: true }, unauthPolicy: { Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: '*' } }));
D('cognito-guest-kms-decrypt', [R.guestWrite, R.guest], `${SRC.cognitoIam} — kms:Decrypt for guests decrypts any data encrypted with the account's keys`,
  cognito('Guest role with kms:Decrypt', { pool: { AllowUnauthenticatedIdentities: true }, unauthPolicy: { Effect: 'Allow', Action: 'kms:Decrypt', Resource: '*' } }));
D('cognito-guest-ssm-parameters', [R.guestWrite, R.guest], `${SRC.cognitoIam} — ssm:GetParameters* on * reads SecureString configuration`,
  cognito('Guest role reading every SSM parameter', { pool: { AllowUnauthenticatedIdentities: true }, unauthPolicy: { Effect: 'Allow', Action: ['ssm:GetParameter', 'ssm:GetParametersByPath'], Resource: '*' } }));
D('cognito-guest-by-amr-pattern', [R.guestWrite], `${SRC.cognitoRoles} — a role trusted with amr "unauth*" is a guest role even when the attachment does not say so`,
  { AWSTemplateFormatVersion: '2010-09-09', Description: 'Guest role recognised only by an amr pattern, with s3:PutObject',
    Resources: { GuestRole: { Type: 'AWS::IAM::Role', Properties: {
      AssumeRolePolicyDocument: doc(web('cognito-identity.amazonaws.com', { StringEquals: { 'cognito-identity.amazonaws.com:aud': 'eu-west-1:6f1b7f3e-1c2d-4e5f-8a9b-0c1d2e3f4a5b' }, 'ForAnyValue:StringLike': { 'cognito-identity.amazonaws.com:amr': 'unauth*' } })),
      Policies: [{ PolicyName: 'Upload', PolicyDocument: doc({ Effect: 'Allow', Action: 's3:PutObject', Resource: 'arn:aws:s3:::acme-uploads/*' }) }] } } } });
D('cognito-classic-flow', [R.classic], `${SRC.cognitoFlow} + ${SRC.ddClassic} — the basic (classic) flow lets any identity call AssumeRoleWithWebIdentity on any role trusting the pool, bypassing role mappings`,
  cognito('Identity pool with AllowClassicFlow and a rule-mapped admin role', { pool: { AllowClassicFlow: true },
    extraRoles: { AdminRole: { Type: 'AWS::IAM::Role', Properties: { AssumeRolePolicyDocument: doc(web('cognito-identity.amazonaws.com', { StringEquals: { 'cognito-identity.amazonaws.com:aud': ref('Pool') }, 'ForAnyValue:StringLike': { 'cognito-identity.amazonaws.com:amr': 'authenticated' } })), ManagedPolicyArns: [sub('arn:${AWS::Partition}:iam::aws:policy/AdministratorAccess')] } } },
    roleMappings: { userpool: { Type: 'Rules', AmbiguousRoleResolution: 'AuthenticatedRole', IdentityProvider: 'cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbCdEf123:1a2b3c4d5e6f7g8h9i0j', RulesConfiguration: { Rules: [{ Claim: 'cognito:groups', MatchType: 'Contains', Value: 'admins', RoleARN: { 'Fn::GetAtt': ['AdminRole', 'Arn'] } }] } } } }));
D('cognito-classic-flow-parameter', [R.classic], `${SRC.cognitoFlow} — AllowClassicFlow from a parameter whose Default is true`,
  cognito('Identity pool whose classic flow comes from a parameter', { pool: { AllowClassicFlow: ref('ClassicFlow') } }), { patch: t => { t.Parameters = { ClassicFlow: { Type: 'String', Default: 'true', AllowedValues: ['true', 'false'] } }; } });

// ---------- SAML ----------
D('saml-no-aud', [R.saml], `${SRC.samlKeys} — without SAML:aud an assertion issued for another service provider can be replayed`,
  tpl('SAML trust without SAML:aud', doc(allow({ Federated: saml }, 'sts:AssumeRoleWithSAML'))));
D('saml-aud-wildcard', [R.saml], `${SRC.saml} — a wildcard audience accepts any recipient`,
  tpl('SAML audience matched by a wildcard', doc(allow({ Federated: saml }, 'sts:AssumeRoleWithSAML', { StringLike: { 'SAML:aud': 'https://*' } }))));
D('saml-aud-foreign-sp', [R.saml], `${SRC.saml} — the audience is another service provider, not the AWS sign-in endpoint`,
  tpl('SAML audience of another service provider', doc(allow({ Federated: saml }, 'sts:AssumeRoleWithSAML', { StringEquals: { 'SAML:aud': 'https://sso.example.com/saml/acs' } }))));
D('saml-wrong-action', [R.action], `${SRC.principal} — a SAML provider can only use sts:AssumeRoleWithSAML`,
  tpl('SAML provider with AssumeRoleWithWebIdentity', doc(allow({ Federated: saml }, 'sts:AssumeRoleWithWebIdentity', { StringEquals: { 'SAML:aud': 'https://signin.aws.amazon.com/saml' } }))));

// ---------- Wildcard and cross-account principals ----------
D('principal-star', [R.wildcard], `${SRC.principal} — Principal "*" in a trust policy lets anyone in any account assume the role`,
  tpl('Trust of every principal', doc(assume('*'))));
D('aws-star-principalaccount-foreign', [R.cross], `${SRC.globalKeys} — {"AWS":"*"} narrowed by aws:PrincipalAccount to a foreign account trusts that whole account, like its root, with no ExternalId`,
  tpl('AWS * narrowed to a foreign account by aws:PrincipalAccount', doc(assume({ AWS: '*' }, { StringEquals: { 'aws:PrincipalAccount': '999999999999' } }))));
D('aws-star-principalarn-foreign-account', [R.cross], `${SRC.globalKeys} — aws:PrincipalArn "arn:aws:iam::999999999999:*" admits every principal of a foreign account`,
  tpl('AWS * narrowed to any principal of a foreign account', doc(assume({ AWS: '*' }, { ArnLike: { 'aws:PrincipalArn': 'arn:aws:iam::999999999999:*' } }))));
D('aws-star-principalaccount-ifexists', [R.misuse], `${SRC.ifExists} — IfExists on a key that decides who may assume`,
  tpl('AWS * with StringEqualsIfExists aws:PrincipalAccount', doc(assume({ AWS: '*' }, { StringEqualsIfExists: { 'aws:PrincipalAccount': '111111111111' } }))));
D('aws-star-orgid-wildcard', [R.wildcard], `${SRC.globalKeys} — aws:PrincipalOrgID "o-*" matches every organization`,
  tpl('AWS * with a wildcard organization id', doc(assume({ AWS: '*' }, { StringLike: { 'aws:PrincipalOrgID': 'o-*' } }))));
D('aws-star-principalarn-any-account', [R.wildcard], `${SRC.globalKeys} — aws:PrincipalArn with a wildcard account admits a role of that name in any account`,
  tpl('AWS * with PrincipalArn of any account', doc(assume({ AWS: '*' }, { ArnLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:role/Deployer' } }))));
D('aws-star-forallvalues-orgid', [R.wildcard, R.misuse], `${SRC.multiValued} — ForAllValues on aws:PrincipalOrgID is true for principals outside any organization (key absent)`,
  tpl('AWS * with ForAllValues aws:PrincipalOrgID', doc(assume({ AWS: '*' }, { 'ForAllValues:StringEquals': { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } }))));
D('aws-star-deny-not-restricting', [R.wildcard], `${SRC.evaluation} — the Deny removes only one other organization; every other account is still admitted`,
  tpl('AWS * with a Deny on one foreign organization', doc(assume({ AWS: '*' }), deny({ AWS: '*' }, 'sts:AssumeRole', { StringEquals: { 'aws:PrincipalOrgID': 'o-zzzzzzzzzz' } }))));
D('aws-star-account-parameter-default-star', [R.wildcard], `${SRC.cfnParams} — the account narrowing comes from a parameter whose Default is "*"`,
  tpl('AWS * narrowed by a parameter that defaults to *', doc(assume({ AWS: '*' }, { StringLike: { 'aws:PrincipalAccount': ref('TrustedAccount') } })), {
    Parameters: { TrustedAccount: { Type: 'String', Default: '*' } } }));
D('foreign-root', [R.cross], `${SRC.externalId} — a foreign account root without ExternalId, MFA or principal ARNs`,
  tpl('Foreign account root without a guard', doc(assume({ AWS: 'arn:aws:iam::999999999999:root' }))));
D('foreign-concrete-role-no-external-id', [R.cross], `${SRC.externalId} — a vendor's role in a literal foreign account trusted without ExternalId: the confused deputy (the vendor's role acts for every customer)`,
  tpl('Vendor role without ExternalId', doc(assume({ AWS: 'arn:aws:iam::999999999999:role/VendorIntegrationRole' }))));
D('foreign-root-parameter-default', [R.cross], `${SRC.cfnParams} — the trusted account comes from a parameter whose default is a foreign account`,
  tpl('Foreign account root from a parameter default', doc(assume({ AWS: sub('arn:${AWS::Partition}:iam::${TrustedAccountId}:root') })), {
    Parameters: { TrustedAccountId: { Type: 'String', Default: '999999999999' } } }));
D('foreign-root-if-branch', [R.cross], `${SRC.cfnIf} — one Fn::If branch trusts a vendor account root without a guard`,
  tpl('Foreign account root in one Fn::If branch', doc(assume({ AWS: { 'Fn::If': ['UseVendor', 'arn:aws:iam::999999999999:root', own] } })), {
    Parameters: { Vendor: { Type: 'String', Default: 'no', AllowedValues: ['yes', 'no'] } },
    Conditions: { UseVendor: { 'Fn::Equals': [ref('Vendor'), 'yes'] } } }));
D('foreign-root-bare-id', [R.cross], `${SRC.principal} — a bare 12-digit account id is the account root`,
  tpl('Foreign account as a bare account id', doc(assume({ AWS: '999999999999' }))));
D('foreign-root-findinmap', [R.cross], `${SRC.cfnMap} — one mapping entry trusts a foreign account root`,
  tpl('Foreign account root from a mapping', doc(assume({ AWS: { 'Fn::FindInMap': ['Accounts', ref('AWS::Region'), 'Trusted'] } })), {
    Mappings: { Accounts: { 'eu-west-1': { Trusted: 'arn:aws:iam::111111111111:root' }, 'us-east-1': { Trusted: 'arn:aws:iam::999999999999:root' } } } }));
D('foreign-root-mfa-ifexists', [R.cross], `${SRC.ifExists} — BoolIfExists aws:MultiFactorAuthPresent is true for access keys (key absent): no MFA guard`,
  tpl('Foreign root with an optional MFA condition', doc(assume({ AWS: 'arn:aws:iam::999999999999:root' }, { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'true' } }))));
D('foreign-root-deny-inverted-mfa', [R.cross], `${SRC.evaluation} — the Deny removes callers WITH MFA, so it restricts nothing an attacker needs`,
  tpl('Foreign root with a Deny that does not require MFA', doc(assume({ AWS: 'arn:aws:iam::999999999999:root' }), deny({ AWS: 'arn:aws:iam::999999999999:root' }, 'sts:AssumeRole', { Bool: { 'aws:MultiFactorAuthPresent': 'true' } }))));
D('foreign-root-deny-other-principal', [R.cross], `${SRC.evaluation} — the ExternalId Deny covers another principal, not the trusted vendor root`,
  tpl('Foreign root; the ExternalId Deny names another account', doc(assume({ AWS: 'arn:aws:iam::999999999999:root' }), deny({ AWS: 'arn:aws:iam::888888888888:root' }, 'sts:AssumeRole', { StringNotEquals: { 'sts:ExternalId': STRONG_ID } }))));
D('foreign-root-json-string', [R.cross], `${SRC.roleProps} — the trust policy is a JSON string; a foreign root without guard`,
  tpl('Foreign root in a JSON-string trust policy', JSON.stringify(doc(assume({ AWS: 'arn:aws:iam::999999999999:root' })))));

// ---------- ExternalId ----------
const vendor = { AWS: 'arn:aws:iam::999999999999:root' };
D('external-id-short', [R.extId], `${SRC.externalId} — a 4-character ExternalId is guessable`,
  tpl('Short ExternalId', doc(assume(vendor, { StringEquals: { 'sts:ExternalId': 'ab12' } }))));
D('external-id-digits', [R.extId], `${SRC.externalId} — an all-digit date-like ExternalId is guessable`,
  tpl('All-digit ExternalId', doc(assume(vendor, { StringEquals: { 'sts:ExternalId': '20240101' } }))));
D('external-id-account-id', [R.extId], `${SRC.deputy} — an ExternalId equal to the customer's account id is known to every other customer of the vendor`,
  tpl('ExternalId derived from the account id', doc(assume(vendor, { StringEquals: { 'sts:ExternalId': ref('AWS::AccountId') } }))));
D('external-id-account-id-sub', [R.extId], `${SRC.deputy} — an ExternalId built from AWS::AccountId with a fixed prefix is guessable`,
  tpl('ExternalId prefix plus account id', doc(assume(vendor, { StringEquals: { 'sts:ExternalId': sub('acme-${AWS::AccountId}') } }))));
D('external-id-stack-name', [R.extId], `${SRC.externalId} — the stack name is not a secret`,
  tpl('ExternalId from the stack name', doc(assume(vendor, { StringEquals: { 'sts:ExternalId': ref('AWS::StackName') } }))));
D('external-id-stringlike-star', [R.extId], `${SRC.operators} — StringLike "*" accepts any ExternalId`,
  tpl('ExternalId matched by *', doc(assume(vendor, { StringLike: { 'sts:ExternalId': '*' } }))));
D('external-id-ifexists', [R.extId], `${SRC.ifExists} — StringEqualsIfExists makes the ExternalId optional`,
  tpl('Optional ExternalId', doc(assume(vendor, { StringEqualsIfExists: { 'sts:ExternalId': STRONG_ID } }))));
D('external-id-negated', [R.extId], `${SRC.operators} — StringNotEquals in an Allow accepts every other ExternalId`,
  tpl('Negated ExternalId in an Allow', doc(assume(vendor, { StringNotEquals: { 'sts:ExternalId': STRONG_ID } }))));
D('external-id-parameter-default-digits', [R.extId], `${SRC.cfnParams} — the ExternalId parameter defaults to a guessable number`,
  tpl('ExternalId parameter with a guessable default', doc(assume(vendor, { StringEquals: { 'sts:ExternalId': ref('ExternalId') } })), {
    Parameters: { ExternalId: { Type: 'String', Default: '123456' } } }));
D('external-id-parameter-pattern-digits', [R.extId], `${SRC.cfnParams} — the ExternalId parameter has no default but its AllowedPattern admits only 6 digits: every value a deployer can give is guessable`,
  tpl('ExternalId parameter bounded to six digits', doc(assume(vendor, { StringEquals: { 'sts:ExternalId': ref('ExternalId') } })), {
    Parameters: { ExternalId: { Type: 'String', AllowedPattern: '^[0-9]{6}$' } } }));
D('external-id-vendor-account-id', [R.extId], `${SRC.deputy} — the vendor's own account id as ExternalId is the same for every customer`,
  tpl('ExternalId equal to the vendor account id', doc(assume(vendor, { StringEquals: { 'sts:ExternalId': '999999999999' } }))));

// ---------- Operators, actions, NotPrincipal ----------
D('not-principal-allow', [R.notP], `${SRC.notPrincipal} — NotPrincipal in an Allow trusts everyone except the listed principals`,
  tpl('Allow with NotPrincipal', doc({ Effect: 'Allow', NotPrincipal: { AWS: 'arn:aws:iam::999999999999:root' }, Action: 'sts:AssumeRole' })));
D('not-action-allow', [R.notP], `${SRC.principal} — NotAction in a trust policy allows every STS action but the listed ones`,
  tpl('Allow with NotAction', doc({ Effect: 'Allow', Principal: { AWS: own }, NotAction: 'sts:TagSession' })));
D('action-sts-star', [R.action], `${SRC.principal} — sts:* grants every kind of assume at once`,
  tpl('Trust with sts:*', doc(allow({ AWS: own }, 'sts:*'))));

// ---------- Service principals ----------
D('service-states-urlsuffix', [R.service], `${SRC.sfnDeputy} — states.\${AWS::URLSuffix} (as aws-cdk-lib writes it) without aws:SourceAccount/SourceArn`,
  tpl('Step Functions role written with AWS::URLSuffix and no source condition', doc(assume({ Service: { 'Fn::Join': ['', ['states.', ref('AWS::URLSuffix')]] } }))));
D('service-states-sub-urlsuffix', [R.service], `${SRC.sfnDeputy} — the Fn::Sub spelling of states.\${AWS::URLSuffix}`,
  tpl('Step Functions role via Fn::Sub URLSuffix', doc(assume({ Service: sub('states.${AWS::URLSuffix}') }))));
D('service-source-arn-any-account', [R.service], `${SRC.deputy} — aws:SourceArn with a wildcard account spans every customer's rules`,
  tpl('EventBridge role with a SourceArn of any account', doc(assume({ Service: 'events.amazonaws.com' }, { ArnLike: { 'aws:SourceArn': 'arn:aws:events:*:*:rule/*' } }))));
D('service-deny-not-restricting', [R.service], `${SRC.evaluation} — the Deny removes one foreign account only; any other customer's state machine can still use the role`,
  tpl('Step Functions role with a Deny on one account', doc(assume({ Service: 'states.amazonaws.com' }), deny({ Service: 'states.amazonaws.com' }, 'sts:AssumeRole', { StringEquals: { 'aws:SourceAccount': '999999999999' } }))));
D('service-source-account-ifexists', [R.misuse], `${SRC.ifExists} — IfExists on aws:SourceAccount makes the confused-deputy guard optional`,
  tpl('CloudTrail role with StringEqualsIfExists aws:SourceAccount', doc(assume({ Service: 'cloudtrail.amazonaws.com' }, { StringEqualsIfExists: { 'aws:SourceAccount': ref('AWS::AccountId') } }))));

// ---------- Identity policies, limits ----------
D('assume-role-on-any', [R.anyRole], `${SRC.deputy} — sts:AssumeRole on "*" assumes every role in any account that trusts this account`,
  { AWSTemplateFormatVersion: '2010-09-09', Description: 'User allowed sts:AssumeRole on *', Resources: {
    User: { Type: 'AWS::IAM::User', Properties: {} },
    Policy: { Type: 'AWS::IAM::Policy', Properties: { PolicyName: 'AssumeAny', Users: [ref('User')], PolicyDocument: doc({ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: '*' }) } } } });
D('assume-role-any-account', [R.anyRole], `${SRC.deputy} — role ARNs with a wildcard account span every account`,
  { AWSTemplateFormatVersion: '2010-09-09', Description: 'Role allowed sts:AssumeRole on a role name in any account', Resources: {
    Role: { Type: 'AWS::IAM::Role', Properties: { AssumeRolePolicyDocument: doc(assume({ Service: 'lambda.amazonaws.com' })),
      Policies: [{ PolicyName: 'Hop', PolicyDocument: doc({ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: 'arn:aws:iam::*:role/OrganizationAccountAccessRole' }) }] } } } });
D('max-session-too-long', [R.session], `${SRC.roleProps} — MaxSessionDuration above 43,200 seconds is rejected at deploy`,
  tpl('MaxSessionDuration of 50,000 seconds', doc(assume({ AWS: own })), { roleProps: { MaxSessionDuration: 50000 } }));
const many = Array.from({ length: 70 }, (_, i) => `arn:aws:iam::${String(100000000000 + i * 7919).padStart(12, '0')}:role/Auditor`);
D('trust-too-large', [R.size], `${SRC.quotas} — a trust policy over 2,048 characters is rejected at deploy`,
  tpl('Trust policy of 70 principals, over the default quota', doc(assume({ AWS: many }, { StringEquals: { 'sts:ExternalId': STRONG_ID } }))));

// ================= SAFE =================
S('github-pinned-branch', `${SRC.ghAws} — aud and a subject pinned to one repository and branch`,
  tpl('GitHub trust pinned to one repository branch', doc(gh({ StringEquals: { ...ghAud, [`${GH}:sub`]: 'repo:acme/app:ref:refs/heads/main' } }))));
S('github-pinned-repo-any-ref', `${SRC.datadogAtlas} — the recommended shape: aud plus repo:OWNER/REPO:*`,
  tpl('GitHub trust pinned to one repository, any ref', doc(gh({ StringEquals: ghAud, StringLike: { [`${GH}:sub`]: 'repo:acme/app:*' } }))));
S('github-pinned-environment', `${SRC.ghOidc} — repo:OWNER/REPO:environment:NAME`,
  tpl('GitHub trust pinned to a repository environment', doc(gh({ StringEquals: { ...ghAud, [`${GH}:sub`]: 'repo:acme/app:environment:production' } }))));
S('github-parameter-allowed-values-pinned', `${SRC.cfnParams} — every AllowedValue of the repository parameter is one concrete repository`,
  tpl('GitHub repository parameter restricted to concrete repositories', doc(gh({ StringEquals: ghAud, StringLike: { [`${GH}:sub`]: sub('repo:acme/${Repo}:ref:refs/heads/main') } })), {
    Parameters: { Repo: { Type: 'String', Default: 'app', AllowedValues: ['app', 'infra'] } } }));
S('github-if-both-pinned', `${SRC.cfnIf} — both Fn::If branches pin one repository`,
  tpl('GitHub subject by Fn::If, both branches pinned', doc(gh({ StringEquals: ghAud, StringLike: { [`${GH}:sub`]: { 'Fn::If': ['IsProd', 'repo:acme/app:environment:prod', 'repo:acme/app:ref:refs/heads/develop'] } } })), {
    Parameters: { Env: { Type: 'String', Default: 'prod', AllowedValues: ['dev', 'prod'] } },
    Conditions: { IsProd: { 'Fn::Equals': [ref('Env'), 'prod'] } } }));
S('github-json-string-pinned', `${SRC.roleProps} — JSON-string trust policy with aud and a pinned subject`,
  tpl('GitHub trust as a JSON string, pinned', sub(JSON.stringify(doc(web('arn:${AWS::Partition}:iam::${AWS::AccountId}:oidc-provider/' + GH, { StringEquals: { ...ghAud, [`${GH}:sub`]: 'repo:acme/app:ref:refs/heads/main' } }))))));
S('github-deny-requires-repo', `${SRC.evaluation} — the Allow pins only aud but a Deny StringNotLike sub removes every other repository: effective trust is pinned`,
  tpl('GitHub subject pinned through a Deny', doc(gh({ StringEquals: ghAud }), deny({ Federated: ghProvider }, 'sts:AssumeRoleWithWebIdentity', { StringNotLike: { [`${GH}:sub`]: 'repo:acme/app:*' } }))));
S('gitlab-pinned', `${SRC.gitlab} — project_path pinned to one project and branch`,
  tpl('GitLab trust pinned to one project', doc(web(provider('gitlab.com'), { StringEquals: { 'gitlab.com:aud': 'https://gitlab.com', 'gitlab.com:sub': 'project_path:acme/app:ref_type:branch:ref:main' } }))));
S('eks-pinned', `${SRC.irsa} — IRSA pinned to one namespace and service account`,
  tpl('EKS IRSA pinned to one service account', doc(web(provider(eks), { StringEquals: { [`${eks}:aud`]: 'sts.amazonaws.com', [`${eks}:sub`]: 'system:serviceaccount:prod:app' } }))));
S('terraform-cloud-pinned', `${SRC.tfc} — organization, project and workspace pinned`,
  tpl('Terraform Cloud trust pinned to one workspace', doc(web(provider('app.terraform.io'), { StringEquals: { 'app.terraform.io:aud': 'aws.workload.identity' }, StringLike: { 'app.terraform.io:sub': 'organization:acme:project:infra:workspace:prod:run_phase:*' } }))));
S('cognito-authenticated', `${SRC.cognitoRoles} — aud = the pool id and amr = authenticated`,
  cognito('Cognito authenticated role'));
S('cognito-guest-read-only', `${SRC.cognitoIam} — guest access on, guest role reads one public prefix (only the guest-access warning)`,
  cognito('Guest role with read-only access to public assets', { pool: { AllowUnauthenticatedIdentities: true }, unauthPolicy: { Effect: 'Allow', Action: 's3:GetObject', Resource: sub('arn:${AWS::Partition}:s3:::acme-app-assets/public/*') } }));
S('cognito-classic-flow-off', `${SRC.cognitoFlow} — enhanced flow only`,
  cognito('Identity pool with the classic flow explicitly off', { pool: { AllowClassicFlow: false } }));
S('saml-aud-global', `${SRC.saml} — SAML:aud is the AWS sign-in endpoint`,
  tpl('SAML trust pinned to the sign-in endpoint', doc(allow({ Federated: saml }, 'sts:AssumeRoleWithSAML', { StringEquals: { 'SAML:aud': 'https://signin.aws.amazon.com/saml' } }))));
S('saml-aud-regional', `${SRC.saml} — SAML:aud is a regional sign-in endpoint`,
  tpl('SAML trust pinned to a regional endpoint', doc(allow({ Federated: saml }, 'sts:AssumeRoleWithSAML', { StringEquals: { 'SAML:aud': 'https://eu-west-1.signin.aws.amazon.com/saml' } }))));
S('own-account-root', `${SRC.principal} — the stack's own account root`,
  tpl('Own account root', doc(assume({ AWS: own }))));
S('listed-own-account-root', `${SRC.principal} — an account listed in ownAccounts`,
  tpl('Root of an account listed as own', doc(assume({ AWS: 'arn:aws:iam::222222222222:root' }))));
S('foreign-root-external-id', `${SRC.externalId} — a vendor root with an unguessable ExternalId`,
  tpl('Vendor root with a UUID ExternalId', doc(assume(vendor, { StringEquals: { 'sts:ExternalId': STRONG_ID } }))));
S('foreign-root-mfa', `${SRC.globalKeys} — a foreign account's people with MFA`,
  tpl('Foreign root with MFA required', doc(assume(vendor, { Bool: { 'aws:MultiFactorAuthPresent': 'true' } }))));
S('foreign-root-deny-external-id', `${SRC.evaluation} — a Deny StringNotEquals sts:ExternalId on the same principal is the ExternalId guard`,
  tpl('Vendor root guarded by a Deny on the ExternalId', doc(assume(vendor), deny(vendor, 'sts:AssumeRole', { StringNotEquals: { 'sts:ExternalId': STRONG_ID } }))));
S('foreign-root-deny-no-mfa', `${SRC.evaluation} — a Deny BoolIfExists aws:MultiFactorAuthPresent false requires MFA`,
  tpl('Foreign root guarded by a Deny without MFA', doc(assume(vendor), deny({ AWS: '*' }, 'sts:AssumeRole', { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } }))));
S('foreign-concrete-role-external-id', `${SRC.externalId} — the vendor's role ARN with an unguessable ExternalId`,
  tpl('Vendor role with a UUID ExternalId', doc(assume({ AWS: 'arn:aws:iam::999999999999:role/VendorIntegrationRole' }, { StringEquals: { 'sts:ExternalId': STRONG_ID } }))));
S('external-id-parameter-pattern', `${SRC.cfnParams} — the ExternalId is a parameter without Default, bounded by a 32-hex-character AllowedPattern`,
  tpl('ExternalId parameter bounded by a long pattern', doc(assume(vendor, { StringEquals: { 'sts:ExternalId': ref('ExternalId') } })), {
    Parameters: { ExternalId: { Type: 'String', AllowedPattern: '^[a-f0-9]{32}$', NoEcho: true } } }));
S('external-id-if-both-strong', `${SRC.cfnIf} — both branches carry an unguessable ExternalId`,
  tpl('ExternalId chosen by Fn::If, both strong', doc(assume(vendor, { StringEquals: { 'sts:ExternalId': { 'Fn::If': ['IsProd', STRONG_ID, 'c2f1e4d6-8a7b-4b3c-9d2e-1f0a9b8c7d6e'] } } })), {
    Parameters: { Env: { Type: 'String', Default: 'prod', AllowedValues: ['dev', 'prod'] } },
    Conditions: { IsProd: { 'Fn::Equals': [ref('Env'), 'prod'] } } }));
S('external-id-json-join', `${SRC.cfnJoin} — JSON-string trust joined from pieces with a strong ExternalId`,
  tpl('Joined JSON trust with a strong ExternalId', { 'Fn::Join': ['', ['{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:', ref('AWS::Partition'), `:iam::999999999999:root"},"Action":"sts:AssumeRole","Condition":{"StringEquals":{"sts:ExternalId":"${STRONG_ID}"}}}]}`]] }));
S('aws-star-org', `${SRC.globalKeys} — {"AWS":"*"} narrowed to your organization`,
  tpl('AWS * narrowed to the own organization', doc(assume({ AWS: '*' }, { StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } }))));
S('aws-star-deny-outside-org', `${SRC.evaluation} — a Deny StringNotEquals aws:PrincipalOrgID narrows {"AWS":"*"} to your organization`,
  tpl('AWS * narrowed by a Deny outside the organization', doc(assume({ AWS: '*' }), deny({ AWS: '*' }, 'sts:AssumeRole', { StringNotEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } }))));
S('aws-star-own-principal-account', `${SRC.globalKeys} — {"AWS":"*"} narrowed to one own account`,
  tpl('AWS * narrowed to an own account', doc(assume({ AWS: '*' }, { StringEquals: { 'aws:PrincipalAccount': '111111111111' } }))));
S('aws-star-own-principal-arn', `${SRC.globalKeys} — {"AWS":"*"} narrowed to one concrete role of an own account`,
  tpl('AWS * narrowed to a concrete own role', doc(assume({ AWS: '*' }, { ArnEquals: { 'aws:PrincipalArn': 'arn:aws:iam::111111111111:role/Deployer' } }))));
S('own-accounts-findinmap', `${SRC.cfnMap} — every mapping entry is an own account`,
  tpl('Trusted account from a mapping of own accounts', doc(assume({ AWS: { 'Fn::FindInMap': ['Accounts', ref('AWS::Region'), 'Trusted'] } })), {
    Mappings: { Accounts: { 'eu-west-1': { Trusted: 'arn:aws:iam::111111111111:root' }, 'us-east-1': { Trusted: 'arn:aws:iam::222222222222:root' } } } }));
S('service-states-source-account', `${SRC.sfnDeputy} — states.\${AWS::URLSuffix} with aws:SourceAccount = own account`,
  tpl('Step Functions role with SourceAccount', doc(assume({ Service: sub('states.${AWS::URLSuffix}') }, { StringEquals: { 'aws:SourceAccount': ref('AWS::AccountId') } }))));
S('service-events-source-arn', `${SRC.deputy} — EventBridge with aws:SourceArn of one rule in the own account`,
  tpl('EventBridge role with a concrete SourceArn', doc(assume({ Service: 'events.amazonaws.com' }, { ArnEquals: { 'aws:SourceArn': sub('arn:${AWS::Partition}:events:${AWS::Region}:${AWS::AccountId}:rule/nightly') } }))));
S('service-deny-source-account', `${SRC.evaluation} — a Deny StringNotEquals aws:SourceAccount is the source guard`,
  tpl('Step Functions role guarded by a Deny on SourceAccount', doc(assume({ Service: 'states.amazonaws.com' }), deny({ Service: 'states.amazonaws.com' }, 'sts:AssumeRole', { StringNotEquals: { 'aws:SourceAccount': ref('AWS::AccountId') } }))));
S('service-lambda', `${SRC.deputy} — lambda.amazonaws.com assumes execution roles only for functions of the role's account`,
  tpl('Lambda execution role', doc(assume({ Service: 'lambda.amazonaws.com' }))));
S('eks-pod-identity', `${SRC.podIdentity} — pods.eks.amazonaws.com with sts:AssumeRole and sts:TagSession`,
  tpl('EKS Pod Identity role', doc(allow({ Service: 'pods.eks.amazonaws.com' }, ['sts:AssumeRole', 'sts:TagSession']))));
S('assume-named-roles', `${SRC.deputy} — sts:AssumeRole on listed role ARNs`,
  { AWSTemplateFormatVersion: '2010-09-09', Description: 'User allowed to assume two named roles', Resources: {
    User: { Type: 'AWS::IAM::User', Properties: { Policies: [{ PolicyName: 'Hop', PolicyDocument: doc({ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: ['arn:aws:iam::222222222222:role/Deployer', sub('arn:${AWS::Partition}:iam::${AWS::AccountId}:role/ReadOnly')] }) }] } } } });
S('max-session-12h', `${SRC.roleProps} — 43,200 seconds is the largest accepted MaxSessionDuration`,
  tpl('MaxSessionDuration of 12 hours', doc(assume({ AWS: own })), { roleProps: { MaxSessionDuration: 43200 } }));

function write() {
  for (const kind of ['dangerous', 'safe']) fs.rmSync(path.join(OUT, kind), { recursive: true, force: true });
  const entries = [];
  for (const [kind, list] of [['dangerous', dangerous], ['safe', safe]]) {
    fs.mkdirSync(path.join(OUT, kind), { recursive: true });
    list.forEach((e, i) => {
      const file = `${kind}/${String(i + 1).padStart(2, '0')}-${e.name}.json`;
      if (e.patch) e.patch(e.template);
      fs.writeFileSync(path.join(OUT, file), JSON.stringify(e.template, undefined, 2) + '\n');
      entries.push({ file, expect: kind === 'safe' ? [] : e.expect, ...(e.expectOneOf ? { expectOneOf: e.expectOneOf } : {}), ...(e.options ? { options: e.options } : {}), source: e.source });
    });
  }
  const index = {
    description: 'Trust templates written from public research for StsChecks (issue 8). Each dangerous file must trigger every rule of expect (and one of expectOneOf); each safe file must trigger no Error. Templates are original; source names the research each one follows.',
    options: { ownAccounts: ['111111111111', '222222222222'], organizationId: 'o-a1b2c3d4e5' },
    entries,
  };
  fs.writeFileSync(path.join(OUT, 'index.json'), JSON.stringify(index, undefined, 2) + '\n');
  console.log(`dangerous ${dangerous.length}, safe ${safe.length}`);
}
write();
