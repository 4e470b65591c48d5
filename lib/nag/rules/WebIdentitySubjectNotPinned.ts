import { NagMessageLevel } from 'cdk-nag/lib/nag-rules';
import { SubjectStrength } from '../../private/iam/issuers';
import { defineRule, judgeTrust } from '../sts-rule';
import { subjectJudgedAt } from '../web-identity-subject';

/**
 * A role trusts a web identity provider and admits tokens of other tenants: the subject conditions do not fix the
 * owner of the tokens, judged by who controls each claim (the issuer table of private/iam/issuers.ts, with sources).
 *
 * - GitHub (`token.actions.githubusercontent.com`, one issuer for every owner): `sub` (or `repository`,
 *   `repository_id`, `repository_owner[_id]`) must fix the owner: `*`, `repo:*`, `repo:acme*`, `repo:*\/app:*`,
 *   `*acme/app*` do not. A customised subject made only of claims the workflow chooses (`environment:prod`,
 *   `job_workflow_ref:...` (the *called* reusable workflow), `actor:alice`, `pull_request`) does not either.
 *   An enterprise issuer (`token.actions.githubusercontent.com/SLUG`) fixes the owner by itself.
 * - GitLab (`project_path:GROUP/...`), HCP Terraform (`organization:ORG:...`), Buildkite (`organization:ORG:...`
 *   or the `organization_slug` session tag): shared issuers, the group / organization must be fixed.
 * - EKS: the namespace must be fixed (`system:serviceaccount:NS:...`).
 * - Google: `sub` must be the numeric account id. Cognito: `amr` must not admit both signed-in and guest identities
 *   (`*authenticated` does; `ForAnyValue:StringNotEquals amr unauthenticated` and
 *   `ForAllValues:StringLike amr ["authenticated", "cognito-idp.*"]` exclude guests, issuers.ts `AmrSetMode`).
 *   Facebook `id`, Amazon `user_id`.
 * - Per-tenant issuers (Bitbucket workspace, CircleCI organization, Entra ID tenant, Auth0/Okta hosts) fix the tenant.
 * - Any other issuer: `sub` must be pinned exactly (its format is unknown, so a wildcard is not bounded).
 * Judged on the effective trust of every reachable variant (a parameter default `*`, both `Fn::If` branches).
 * A subject that fixes the owner but not the repository / project is reported by WebIdentitySubjectBroad instead.
 */
export default defineRule(
  __filename,
  {
    level: NagMessageLevel.ERROR,
    info: 'The trust policy trusts a web identity provider without subject conditions that fix the owner of the tokens (repository owner, group, organization, namespace or identity).',
    explanation:
      'The audience only says which client a token was minted for; the subject says who it is about, and only ' +
      'the claims the platform sets from the running job can be trusted: GitHub, GitLab.com, HCP Terraform, Buildkite and ' +
      'Google sign tokens for anyone with an account. With no subject pin, or with "*", "repo:*", "repo:acme*", ' +
      '"system:serviceaccount:*", or a customised GitHub subject such as "environment:prod" or "job_workflow_ref:..." (the ' +
      'called workflow, not the caller), repositories of other owners can assume the role (Datadog Security Labs, ' +
      '"No keys attached"; Unit 42, "OIDC misconfigurations in CI/CD"). Pin the subject: ' +
      'repo:OWNER/REPO:ref:refs/heads/main or repo:OWNER/REPO:environment:prod (GitHub), ' +
      'project_path:GROUP/PROJECT:ref_type:branch:ref:main (GitLab), system:serviceaccount:NAMESPACE:NAME (EKS), ' +
      'organization:ORG:project:P:workspace:W:run_phase:apply (HCP Terraform), organization:ORG:pipeline:P:* (Buildkite), ' +
      'the numeric account id (Google), ForAnyValue:StringLike cognito-identity.amazonaws.com:amr = authenticated (Cognito).',
  },
  (subject) =>
    judgeTrust(subject, (variant) => subjectJudgedAt(variant.allow, subject.template, SubjectStrength.UNPINNED)),
);
