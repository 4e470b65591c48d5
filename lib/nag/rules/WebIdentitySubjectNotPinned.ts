import { NagMessageLevel, NagRuleCompliance } from 'cdk-nag/lib/nag-rules';
import {
  allowTrustStatementsOf, federatedPrincipalsOf, isWebIdentity, SubjectStrength, subjectStrength, templateOf,
} from '../policy-reader';
import { defineRule } from '../sts-rule';

/**
 * A role trusts a web identity provider without pinning who the token is about.
 *
 * GitHub (`token.actions.githubusercontent.com[/enterprise]`): `:sub` (or `:repository`, `:repository_id`,
 * `:job_workflow_ref`) must anchor an owner and a repository; `*`, `repo:*`, `repo:acme*` and `repo:acme*\/x` do not.
 * GitLab: `project_path:GROUP/PROJECT:...`. EKS: `system:serviceaccount:NAMESPACE:NAME`
 * (`system:serviceaccount:*` and a wildcard namespace do not anchor). Terraform Cloud:
 * `organization:ORG:project:P:workspace:W:...`. Cognito: `cognito-identity.amazonaws.com:amr` (authenticated or
 * unauthenticated identities). Google `:sub`, Facebook `:id`, Amazon `:user_id`. Any other OIDC provider needs at
 * least a `:sub` condition that is not only wildcards. A subject anchored only to an owner / group / namespace /
 * organization passes this rule and is reported by WebIdentitySubjectBroad instead.
 */
export default defineRule(__filename, {
  level: NagMessageLevel.ERROR,
  info: 'The trust policy trusts a web identity provider without a subject condition that anchors the owner/repository, project, namespace or identity.',
  explanation: 'The audience only says which client a token was minted for; the subject says who it is about. Without a '
    + 'subject pin, or with one such as "*", "repo:*", "repo:acme*" or "system:serviceaccount:*", every repository on '
    + 'GitHub, every GitLab project or every service account of the cluster can assume the role. Pin the subject with '
    + 'StringEquals/StringLike: repo:OWNER/REPO:ref:refs/heads/main or repo:OWNER/REPO:environment:prod (GitHub), '
    + 'project_path:GROUP/PROJECT:ref_type:branch:ref:main (GitLab), system:serviceaccount:NAMESPACE:NAME (EKS), '
    + 'organization:ORG:project:P:workspace:W:run_phase:apply (Terraform Cloud), ForAnyValue:StringLike '
    + 'cognito-identity.amazonaws.com:amr = authenticated (Cognito).',
}, (node) => {
  if (node.cfnResourceType !== 'AWS::IAM::Role') return NagRuleCompliance.NOT_APPLICABLE;
  for (const statement of allowTrustStatementsOf(node)) {
    for (const info of federatedPrincipalsOf(statement, templateOf(node))) {
      if (!isWebIdentity(info.kind)) continue;
      if (subjectStrength(statement, info) === SubjectStrength.UNPINNED) return NagRuleCompliance.NON_COMPLIANT;
    }
  }
  return NagRuleCompliance.COMPLIANT;
});
