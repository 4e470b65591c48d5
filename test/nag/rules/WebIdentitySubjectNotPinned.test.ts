import { CfnJson, Fn } from 'aws-cdk-lib';
import { NagRuleCompliance } from 'cdk-nag';
import * as iam from 'aws-cdk-lib/aws-iam';
import WebIdentitySubjectNotPinned from '../../../lib/nag/rules/WebIdentitySubjectNotPinned';
import { allow, doc, newStack, onNode, onTrust, role } from '../helpers';
import { roleTemplate, runOnTemplate } from '../template-helpers';

const web = 'sts:AssumeRoleWithWebIdentity';
const oidc = (issuer: string) => ({ Federated: `arn:aws:iam::444444444444:oidc-provider/${issuer}` });
const GH = 'token.actions.githubusercontent.com';
const GL = 'gitlab.com';
const EKS = 'oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE';
const TFC = 'app.terraform.io';
const aud = (issuer: string) => ({ StringEquals: { [`${issuer}:aud`]: 'sts.amazonaws.com' } });
/** A trust of `issuer` with its audience pinned and `sub` matched by StringLike. */
const subLike = (issuer: string, sub: string | string[]) =>
  allow(oidc(issuer), web, { ...aud(issuer), StringLike: { [`${issuer}:sub`]: sub } });

describe('WebIdentitySubjectNotPinned', () => {
  describe('Noncompliance', () => {
    test.each([
      ['GitHub without a subject', allow(oidc(GH), web, aud(GH))],
      // a policy variable is read from the request: the token's own subject matches itself
      [
        'GitHub sub = ${token.actions.githubusercontent.com:sub}',
        allow(oidc(GH), web, { StringEquals: { [`${GH}:aud`]: 'sts.amazonaws.com', [`${GH}:sub`]: `\${${GH}:sub}` } }),
      ],
      ['GitHub repo:${aws:PrincipalTag/owner}/app:*', subLike(GH, 'repo:${aws:PrincipalTag/owner}/app:*')],
      ['GitHub "*"', subLike(GH, '*')],
      ['GitHub repo:*', subLike(GH, 'repo:*')],
      ['GitHub repo:acme*', subLike(GH, 'repo:acme*')],
      ['GitHub repo:acme*/x', subLike(GH, 'repo:acme*/x')],
      ['GitHub repo:*/app:*', subLike(GH, 'repo:*/app:*')],
      ['GitHub one safe and one open value', subLike(GH, ['repo:acme/app:ref:refs/heads/main', 'repo:*'])],
      ['GitHub repo:acme*/app:* (owners acme-evil, acmecorp...)', subLike(GH, 'repo:acme*/app:*')],
      ['GitHub a leading wildcard before the owner', subLike(GH, '*acme/app:*')],
      ['GitHub a wildcard glued to repo:', subLike(GH, '*repo:acme/app:*')],
      ['GitHub an environment only (customised subject)', subLike(GH, 'environment:prod')],
      [
        'GitHub an environment only, exact',
        allow(oidc(GH), web, {
          StringEquals: { [`${GH}:aud`]: 'sts.amazonaws.com', [`${GH}:sub`]: 'environment:prod' },
        }),
      ],
      [
        'GitHub job_workflow_ref names the called workflow, not the caller',
        allow(oidc(GH), web, {
          ...aud(GH),
          StringLike: { [`${GH}:job_workflow_ref`]: 'acme/pipelines/.github/workflows/deploy.yml@*' },
        }),
      ],
      [
        'GitHub job_workflow_ref in a customised subject',
        subLike(GH, 'job_workflow_ref:acme/pipelines/.github/workflows/deploy.yml@refs/heads/main'),
      ],
      [
        'GitHub the owner URL as audience (any workflow can request it)',
        allow(oidc(GH), web, { StringEquals: { [`${GH}:aud`]: 'https://github.com/acme' } }),
      ],
      ['GitHub actor', allow(oidc(GH), web, { ...aud(GH), StringEquals: { [`${GH}:actor`]: 'alice' } })],
      ['GitHub pull_request of any repository', subLike(GH, '*:pull_request')],
      [
        'an unknown provider with a partial pattern (its subject format bounds nothing)',
        subLike('idp.example.com', 'svc-*'),
      ],
      ['Buildkite organization:*', subLike('agent.buildkite.com', 'organization:*:pipeline:deploy:*')],
      ['Terraform Cloud an organization prefix', subLike(TFC, 'organization:acme*')],
      [
        'Google an email address as subject',
        allow({ Federated: 'accounts.google.com' }, web, {
          StringEquals: { 'accounts.google.com:aud': 'client-id', 'accounts.google.com:sub': 'alice@example.com' },
        }),
      ],
      [
        'Cognito amr *authenticated (also matches unauthenticated)',
        allow({ Federated: 'cognito-identity.amazonaws.com' }, web, {
          StringEquals: { 'cognito-identity.amazonaws.com:aud': 'eu-west-1:12345678-1234-1234-1234-123456789012' },
          'ForAnyValue:StringLike': { 'cognito-identity.amazonaws.com:amr': '*authenticated' },
        }),
      ],
      ['GitHub custom template with no repository anchor', subLike(GH, 'workflow:deploy:*')],
      [
        'GitHub sub under StringLikeIfExists',
        allow(oidc(GH), web, { ...aud(GH), StringLikeIfExists: { [`${GH}:sub`]: 'repo:acme/app:*' } }),
      ],
      [
        'GitHub sub under StringNotLike',
        allow(oidc(GH), web, { ...aud(GH), StringNotLike: { [`${GH}:sub`]: 'repo:evil/*' } }),
      ],
      ['GitLab project_path:*', subLike(GL, 'project_path:*')],
      ['GitLab project_path:acme*', subLike(GL, 'project_path:acme*')],
      ['EKS system:serviceaccount:*', subLike(EKS, 'system:serviceaccount:*')],
      ['EKS system:serviceaccount:team*', subLike(EKS, 'system:serviceaccount:team*')],
      ['EKS a wildcard namespace', subLike(EKS, 'system:serviceaccount:*:api')],
      ['EKS a value in another form', subLike(EKS, 'payments*')],
      ['Terraform Cloud organization:*', subLike(TFC, 'organization:*')],
      ['an unknown provider "*"', subLike('idp.example.com', '*')],
      ['an unknown provider without sub', allow(oidc('idp.example.com'), web, aud('idp.example.com'))],
      [
        'Cognito without amr',
        allow({ Federated: 'cognito-identity.amazonaws.com' }, web, {
          StringEquals: { 'cognito-identity.amazonaws.com:aud': 'eu-west-1:12345678-1234-1234-1234-123456789012' },
        }),
      ],
      [
        'Google without sub',
        allow({ Federated: 'accounts.google.com' }, web, { StringEquals: { 'accounts.google.com:aud': 'client-id' } }),
      ],
      [
        'the subject of another provider',
        allow(oidc(GH), web, { ...aud(GH), StringLike: { 'gitlab.com:sub': 'project_path:acme/app:*' } }),
      ],
    ])('%s', (_name, statement) => {
      // GIVEN web identity trust whose subject is open  WHEN the rule runs  THEN it is reported
      expect(onTrust(WebIdentitySubjectNotPinned, statement)).toBe(NagRuleCompliance.NON_COMPLIANT);
    });
  });

  describe('conditions computed by CfnJson (as eks.ServiceAccount writes them)', () => {
    /** An IRSA role whose condition keys hold the provider's issuer token, through CfnJson. */
    function irsaRole(sub: string): iam.CfnRole {
      const stack = newStack();
      const provider = new iam.OpenIdConnectProvider(stack, 'Provider', {
        url: Fn.importValue('ClusterIssuerUrl'),
        clientIds: ['sts.amazonaws.com'],
      });
      const condition = new CfnJson(stack, 'ConditionJson', {
        value: {
          [`${provider.openIdConnectProviderIssuer}:aud`]: 'sts.amazonaws.com',
          [`${provider.openIdConnectProviderIssuer}:sub`]: sub,
        },
      });
      const r = new iam.Role(stack, 'Sa', {
        assumedBy: new iam.OpenIdConnectPrincipal(provider).withConditions({ StringLike: condition }),
      });
      return r.node.defaultChild as iam.CfnRole;
    }

    test('one service account passes', () => {
      // GIVEN a computed condition pinning one service account  WHEN the rule runs  THEN it passes
      expect(onNode(WebIdentitySubjectNotPinned, irsaRole('system:serviceaccount:shop:checkout'))).toBe(
        NagRuleCompliance.COMPLIANT,
      );
    });

    test('a whole namespace is not reported here (WebIdentitySubjectBroad reports it): only a Kubernetes issuer writes service account subjects', () => {
      // GIVEN a computed condition with system:serviceaccount:shop:*  WHEN the rule runs  THEN it passes
      expect(onNode(WebIdentitySubjectNotPinned, irsaRole('system:serviceaccount:shop:*'))).toBe(
        NagRuleCompliance.COMPLIANT,
      );
    });

    test('every service account of the cluster is reported', () => {
      // GIVEN a computed condition with system:serviceaccount:*  WHEN the rule runs  THEN it is reported
      expect(onNode(WebIdentitySubjectNotPinned, irsaRole('system:serviceaccount:*'))).toBe(
        NagRuleCompliance.NON_COMPLIANT,
      );
    });
  });

  describe('Compliance', () => {
    test.each([
      ['GitHub a branch', subLike(GH, 'repo:acme/app:ref:refs/heads/main')],
      ['GitHub an environment', subLike(GH, 'repo:acme/app:environment:prod')],
      ['GitHub pull requests', subLike(GH, 'repo:acme/app:pull_request')],
      ['GitHub any ref of one repository', subLike(GH, 'repo:acme/app:*')],
      ['GitHub immutable owner and repository ids', subLike(GH, 'repo:acme@1234/app@5678:ref:refs/heads/main')],
      ['GitHub every repo of one owner (reported by WebIdentitySubjectBroad instead)', subLike(GH, 'repo:acme/*')],
      [
        'GitHub a subject under StringEquals',
        allow(oidc(GH), web, {
          StringEquals: { [`${GH}:aud`]: 'sts.amazonaws.com', [`${GH}:sub`]: 'repo:acme/app:ref:refs/heads/main' },
        }),
      ],
      [
        'GitHub repository_id instead of sub',
        allow(oidc(GH), web, { StringEquals: { [`${GH}:aud`]: 'sts.amazonaws.com', [`${GH}:repository_id`]: '5678' } }),
      ],
      ['GitHub custom template with a repository id', subLike(GH, 'repository_owner_id:1234:repository_id:5678:*')],
      [
        'GitHub a subject from a parameter',
        allow(oidc(GH), web, { ...aud(GH), StringLike: { [`${GH}:sub`]: { 'Fn::Sub': 'repo:${Owner}/${Repo}:*' } } }),
      ],
      [
        'GitHub an open clause ANDed with a pinned one',
        allow(oidc(GH), web, {
          ...aud(GH),
          StringLike: { [`${GH}:sub`]: '*' },
          'ForAnyValue:StringEquals': { [`${GH}:sub`]: 'repo:acme/app:pull_request' },
        }),
      ],
      ['GitLab one project', subLike(GL, 'project_path:acme/payments/api:ref_type:branch:ref:main')],
      ['GitLab self-managed host', subLike('gitlab.acme.io', 'project_path:platform/app:*')],
      ['EKS one service account', subLike(EKS, 'system:serviceaccount:payments:api')],
      [
        'EKS a whole namespace (reported by WebIdentitySubjectBroad instead)',
        subLike(EKS, 'system:serviceaccount:payments:*'),
      ],
      [
        'Terraform Cloud one workspace',
        subLike(TFC, 'organization:acme:project:Default Project:workspace:network:run_phase:apply'),
      ],
      [
        'Terraform Cloud one workspace in any run phase',
        subLike(TFC, 'organization:acme:project:*:workspace:network:run_phase:*'),
      ],
      ['an unknown provider with an exact subject', subLike('idp.example.com', 'svc-deployer')],
      ['GitHub the repository after another claim of a customised subject', subLike(GH, '*:repo:acme/app:*')],
      [
        'GitHub an owner claim and a repository in the subject',
        allow(oidc(GH), web, {
          ...aud(GH),
          StringEquals: { [`${GH}:repository_owner`]: 'acme' },
          StringLike: { [`${GH}:sub`]: 'repo:acme/app:*' },
        }),
      ],
      [
        'GitHub Enterprise issuer with repo:* (the issuer fixes the owner: reported by WebIdentitySubjectBroad)',
        subLike(`${GH}/acme`, 'repo:*'),
      ],
      [
        'Buildkite one pipeline',
        subLike('agent.buildkite.com', 'organization:acme:pipeline:deploy:ref:refs/heads/main:*'),
      ],
      [
        'Bitbucket one repository of the workspace',
        subLike(
          'api.bitbucket.org/2.0/workspaces/acme/pipelines-config/identity/oidc',
          '{0c8b9a4c-4c8d-4e0c-9b1a-2f0e6c1d2a3b}:*',
        ),
      ],
      [
        'CircleCI one project',
        subLike(
          'oidc.circleci.com/org/1b8b9a4c-4c8d-4e0c-9b1a-2f0e6c1d2a3b',
          'org/1b8b9a4c-4c8d-4e0c-9b1a-2f0e6c1d2a3b/project/5c2a/user/*',
        ),
      ],
      [
        'Cognito authenticated identities',
        allow({ Federated: 'cognito-identity.amazonaws.com' }, web, {
          'ForAnyValue:StringLike': { 'cognito-identity.amazonaws.com:amr': 'authenticated' },
        }),
      ],
      [
        'Google a subject',
        allow({ Federated: 'accounts.google.com' }, web, {
          StringEquals: { 'accounts.google.com:sub': '110169484474386276334' },
        }),
      ],
      [
        'SAML is not web identity',
        allow({ Federated: 'arn:aws:iam::444444444444:saml-provider/Okta' }, 'sts:AssumeRoleWithSAML'),
      ],
    ])('%s', (_name, statement) => {
      // GIVEN web identity trust whose subject is pinned  WHEN the rule runs  THEN it passes
      expect(onTrust(WebIdentitySubjectNotPinned, statement)).toBe(NagRuleCompliance.COMPLIANT);
    });

    test('an OIDC provider of the same template is read through its Url', () => {
      // GIVEN an OIDC provider for EKS and a role tested on its subject
      const stack = newStack();
      new iam.CfnOIDCProvider(stack, 'Eks', { url: `https://${EKS}`, clientIdList: ['sts.amazonaws.com'] });
      const node = role(
        stack,
        doc(
          allow({ Federated: { 'Fn::GetAtt': ['Eks', 'Arn'] } }, web, {
            StringEquals: { [`${EKS}:aud`]: 'sts.amazonaws.com', [`${EKS}:sub`]: 'system:serviceaccount:payments:api' },
          }),
        ),
      );
      // WHEN the rule runs THEN it passes
      expect(onNode(WebIdentitySubjectNotPinned, node)).toBe(NagRuleCompliance.COMPLIANT);
    });
  });

  describe('intrinsic, Deny and JSON-string spellings (raw templates, every reachable variant)', () => {
    const ownerSub = (owner: unknown) =>
      doc(
        allow(oidc(GH), web, {
          ...aud(GH),
          StringLike: { [`${GH}:sub`]: { 'Fn::Sub': ['repo:${Owner}/app:*', { Owner: owner }] } },
        }),
      );

    test('a parameter whose default is * fails, naming the parameter', () => {
      // GIVEN the owner of the subject from a parameter whose default is '*'
      const json = roleTemplate(ownerSub({ Ref: 'Owner' }), {
        Parameters: { Owner: { Type: 'String', Default: '*' } },
      });
      // WHEN the rule runs THEN it fails in the variant that keeps the default
      const result = runOnTemplate(WebIdentitySubjectNotPinned, json);
      expect(result.failed).toBe(true);
      expect(result.variant).toMatch(/Owner/);
    });

    test('a parameter whose default and allowed values are one owner passes', () => {
      // GIVEN the same subject with the owner parameter restricted to acme  WHEN the rule runs  THEN it passes
      const json = roleTemplate(ownerSub({ Ref: 'Owner' }), {
        Parameters: { Owner: { Type: 'String', Default: 'acme', AllowedValues: ['acme'] } },
      });
      expect(runOnTemplate(WebIdentitySubjectNotPinned, json).failed).toBe(false);
    });

    test('an Fn::If branch with an open subject fails, naming the condition', () => {
      // GIVEN a subject that is '*' when a condition is false
      const json = roleTemplate(ownerSub({ 'Fn::If': ['IsProd', 'acme', '*'] }), {
        Parameters: { Env: { Type: 'String' } },
        Conditions: { IsProd: { 'Fn::Equals': [{ Ref: 'Env' }, 'prod'] } },
      });
      // WHEN the rule runs THEN it fails in that branch
      const result = runOnTemplate(WebIdentitySubjectNotPinned, json);
      expect(result.failed).toBe(true);
      expect(result.variant).toMatch(/IsProd/);
    });

    test('a trust policy written as a JSON string is read', () => {
      // GIVEN the whole trust document as a JSON string built by Fn::Sub, without a subject
      const text = JSON.stringify(
        doc(
          allow(
            {
              Federated:
                'arn:${AWS::Partition}:iam::${AWS::AccountId}:oidc-provider/token.actions.githubusercontent.com',
            },
            web,
            aud(GH),
          ),
        ),
      );
      // WHEN the rule runs THEN it fails; with the subject pinned it passes
      expect(runOnTemplate(WebIdentitySubjectNotPinned, roleTemplate({ 'Fn::Sub': text })).failed).toBe(true);
      const pinned = JSON.stringify(
        doc(
          allow(
            {
              Federated:
                'arn:${AWS::Partition}:iam::${AWS::AccountId}:oidc-provider/token.actions.githubusercontent.com',
            },
            web,
            { ...aud(GH), StringLike: { [`${GH}:sub`]: 'repo:acme/app:*' } },
          ),
        ),
      );
      expect(runOnTemplate(WebIdentitySubjectNotPinned, roleTemplate({ 'Fn::Sub': pinned })).failed).toBe(false);
    });

    test('a Deny that requires one repository pins the subject; a Deny that requires repo:* does not', () => {
      // GIVEN an Allow without subject and a Deny StringNotLike on the subject
      const trust = (pattern: string) =>
        doc(allow(oidc(GH), web, aud(GH)), {
          Effect: 'Deny',
          Principal: oidc(GH),
          Action: web,
          Condition: { StringNotLike: { [`${GH}:sub`]: pattern } },
        });
      // WHEN the rule runs THEN the Deny counts as the condition it stands for
      expect(runOnTemplate(WebIdentitySubjectNotPinned, roleTemplate(trust('repo:acme/app:*'))).failed).toBe(false);
      expect(runOnTemplate(WebIdentitySubjectNotPinned, roleTemplate(trust('repo:*'))).failed).toBe(true);
    });

    test('the failure says why', () => {
      // GIVEN a customised subject of an environment only  WHEN the rule runs  THEN the detail names the reason
      const result = runOnTemplate(WebIdentitySubjectNotPinned, roleTemplate(doc(subLike(GH, 'environment:prod'))));
      expect(result.detail).toMatch(/no repository or owner/);
    });
  });

  describe('values no token can carry, and amr clauses that exclude guests', () => {
    const POOL = 'eu-west-1:12345678-1234-1234-1234-123456789012';
    const cognito = (condition: object) =>
      allow({ Federated: 'cognito-identity.amazonaws.com' }, web, {
        StringEquals: { 'cognito-identity.amazonaws.com:aud': POOL },
        ...condition,
      });

    test('a mis-cased GitHub "Repo:" pin matches no token: the role is locked, not open; lower case "repo:*" stays open', () => {
      // GIVEN a GitHub trust whose sub starts with "Repo:" (GitHub writes "repo:", and StringLike/StringEquals compare
      // case-sensitively), and one with the open pattern "repo:*"
      const locked = [
        subLike(GH, 'Repo:acme/app:ref:refs/heads/main'),
        allow(oidc(GH), web, {
          StringEquals: { [`${GH}:aud`]: 'sts.amazonaws.com', [`${GH}:sub`]: 'Repo:acme/app:ref:refs/heads/main' },
        }),
      ];
      const open = subLike(GH, 'repo:*');
      // WHEN the rule runs THEN the locked trusts are not reported; the open one is
      for (const statement of locked)
        expect(onTrust(WebIdentitySubjectNotPinned, statement)).toBe(NagRuleCompliance.COMPLIANT);
      expect(onTrust(WebIdentitySubjectNotPinned, open)).toBe(NagRuleCompliance.NON_COMPLIANT);
    });

    test('a mis-cased pin next to an open value is judged by the open value, and its message names it', () => {
      // GIVEN sub values "Repo:acme/app:*" (no token) and "ref:refs/heads/main" (customised subject, any repository)
      const result = runOnTemplate(
        WebIdentitySubjectNotPinned,
        roleTemplate(doc(subLike(GH, ['Repo:acme/app:*', 'ref:refs/heads/main']))),
      );
      // WHEN the rule runs THEN it is reported for the open value, not the locked one
      expect(result.failed).toBe(true);
      expect(result.detail).toMatch(/'ref:refs\/heads\/main'/);
      expect(result.detail).not.toMatch(/Repo:/);
    });

    test('StringEqualsIgnoreCase "Repo:acme/app:..." matches repo:acme/app: it is pinned', () => {
      // GIVEN a case-insensitive pin on one repository
      const statement = allow(oidc(GH), web, {
        StringEquals: { [`${GH}:aud`]: 'sts.amazonaws.com' },
        StringEqualsIgnoreCase: { [`${GH}:sub`]: 'Repo:acme/app:ref:refs/heads/main' },
      });
      // WHEN the rule runs THEN it passes (the repository is pinned)
      expect(onTrust(WebIdentitySubjectNotPinned, statement)).toBe(NagRuleCompliance.COMPLIANT);
    });

    test('ForAllValues:StringNotEquals amr unauthenticated admits signed-in identities only; without the amr clause every identity is admitted', () => {
      // GIVEN a Cognito trust whose amr clause is ForAllValues with a negated operator: a guest's amr is
      // ["unauthenticated"], so "no value equals unauthenticated" admits signed-in identities only; and the same trust
      // without the clause
      const signedIn = cognito({
        'ForAllValues:StringNotEquals': { 'cognito-identity.amazonaws.com:amr': 'unauthenticated' },
      });
      const everyone = cognito({});
      // WHEN the rule runs THEN the first passes; the second is reported
      expect(onTrust(WebIdentitySubjectNotPinned, signedIn)).toBe(NagRuleCompliance.COMPLIANT);
      expect(onTrust(WebIdentitySubjectNotPinned, everyone)).toBe(NagRuleCompliance.NON_COMPLIANT);
    });

    test('ForAllValues:StringNotEquals amr authenticated admits guests only: pinned to one kind, left to CognitoUnauthenticatedRoleWrite', () => {
      // GIVEN a Cognito trust excluding amr "authenticated" (signed-in identities carry it; guests do not)
      const guests = cognito({
        'ForAllValues:StringNotEquals': { 'cognito-identity.amazonaws.com:amr': 'authenticated' },
      });
      // WHEN the rule runs THEN it passes, as amr = unauthenticated does
      expect(onTrust(WebIdentitySubjectNotPinned, guests)).toBe(NagRuleCompliance.COMPLIANT);
    });

    test('ForAllValues:StringNotLike amr "un*" excludes guests; a pattern that matches nothing Cognito sends excludes no one', () => {
      // GIVEN negated ForAllValues patterns: "un*" matches the guests' amr, "x*" matches no amr value
      const signedIn = cognito({ 'ForAllValues:StringNotLike': { 'cognito-identity.amazonaws.com:amr': 'un*' } });
      const everyone = cognito({ 'ForAllValues:StringNotLike': { 'cognito-identity.amazonaws.com:amr': 'x*' } });
      // WHEN the rule runs THEN the first passes; the second is reported
      expect(onTrust(WebIdentitySubjectNotPinned, signedIn)).toBe(NagRuleCompliance.COMPLIANT);
      expect(onTrust(WebIdentitySubjectNotPinned, everyone)).toBe(NagRuleCompliance.NON_COMPLIANT);
    });

    const AMR = 'cognito-identity.amazonaws.com:amr';
    test.each([
      [
        'ForAnyValue:StringNotEquals amr unauthenticated',
        { 'ForAnyValue:StringNotEquals': { [AMR]: 'unauthenticated' } },
      ],
      ['ForAnyValue:StringNotLike amr unauth*', { 'ForAnyValue:StringNotLike': { [AMR]: 'unauth*' } }],
      [
        'ForAllValues:StringLike amr [authenticated, cognito-idp.*]',
        { 'ForAllValues:StringLike': { [AMR]: ['authenticated', 'cognito-idp.*'] } },
      ],
      [
        'ForAllValues:StringLike amr [authenticated, cognito-idp.*] with Null amr false',
        { 'ForAllValues:StringLike': { [AMR]: ['authenticated', 'cognito-idp.*'] }, Null: { [AMR]: 'false' } },
      ],
      [
        'ForAllValues:StringEquals amr [authenticated, graph.facebook.com]',
        { 'ForAllValues:StringEquals': { [AMR]: ['authenticated', 'graph.facebook.com'] } },
      ],
    ])('%s excludes guests: not reported', (_name, condition) => {
      // GIVEN a Cognito trust (aud pinned) whose amr clause is false for a guest's amr ["unauthenticated"]:
      // ForAnyValue negated (no value other than "unauthenticated") or ForAllValues positive ("unauthenticated" is
      // matched by no value)
      // WHEN the rule runs THEN it passes
      expect(onTrust(WebIdentitySubjectNotPinned, cognito(condition))).toBe(NagRuleCompliance.COMPLIANT);
    });

    test.each([
      ['ForAnyValue:StringNotEquals amr authenticated', { 'ForAnyValue:StringNotEquals': { [AMR]: 'authenticated' } }],
      ['ForAllValues:StringLike amr *', { 'ForAllValues:StringLike': { [AMR]: ['*'] } }],
      [
        'ForAllValues:StringLike amr [authenticated, cognito-idp.*, unauthenticated]',
        { 'ForAllValues:StringLike': { [AMR]: ['authenticated', 'cognito-idp.*', 'unauthenticated'] } },
      ],
    ])('%s admits guests and signed-in identities: reported', (_name, condition) => {
      // GIVEN a Cognito trust whose amr clause is true for a guest's ["unauthenticated"] and for signed-in identities
      // WHEN the rule runs THEN it is reported, saying why guests are admitted
      const result = runOnTemplate(WebIdentitySubjectNotPinned, roleTemplate(doc(cognito(condition))));
      expect(result.failed).toBe(true);
      expect(result.detail).toMatch(/guests are admitted/);
    });
  });
});
