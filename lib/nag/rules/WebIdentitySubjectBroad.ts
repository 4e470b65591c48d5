import { NagMessageLevel, NagRuleCompliance } from 'cdk-nag/lib/nag-rules';
import {
  allowTrustStatementsOf, federatedPrincipalsOf, isWebIdentity, SubjectStrength, subjectStrength, templateOf,
} from '../policy-reader';
import { defineRule } from '../sts-rule';

/**
 * A web identity trust whose subject is anchored to one owner, group, namespace or organization but not to one
 * repository, project, service account or workspace: `repo:OWNER/*` (or `repo:OWNER/app*`), `project_path:GROUP/*`,
 * `system:serviceaccount:NAMESPACE:*`, `organization:ORG:*`. Allowed, but a wider grant than most roles need: a
 * warning, so that it is either narrowed or acknowledged with a reason.
 */
export default defineRule(__filename, {
  level: NagMessageLevel.WARN,
  info: 'The trust policy pins the web identity subject to an owner, group, namespace or organization, not to one repository, project, service account or workspace.',
  explanation: 'A subject such as repo:OWNER/*, project_path:GROUP/*, system:serviceaccount:NAMESPACE:* or '
    + 'organization:ORG:* lets every present and future repository, project, service account or workspace under that '
    + 'owner assume the role, including ones created by anyone who can create repositories there. Pin one '
    + '(repo:OWNER/REPO:ref:refs/heads/main, system:serviceaccount:NAMESPACE:NAME, ...) or acknowledge the finding '
    + 'with the reason the whole owner needs it.',
}, (node) => {
  if (node.cfnResourceType !== 'AWS::IAM::Role') return NagRuleCompliance.NOT_APPLICABLE;
  for (const statement of allowTrustStatementsOf(node)) {
    for (const info of federatedPrincipalsOf(statement, templateOf(node))) {
      if (!isWebIdentity(info.kind)) continue;
      if (subjectStrength(statement, info) === SubjectStrength.BROAD) return NagRuleCompliance.NON_COMPLIANT;
    }
  }
  return NagRuleCompliance.COMPLIANT;
});
