import { NagMessageLevel } from 'cdk-nag/lib/nag-rules';
import { SubjectStrength } from '../../private/iam/issuers';
import { defineRule, judgeTrust } from '../sts-rule';
import { subjectJudgedAt } from '../web-identity-subject';

/**
 * A web identity trust that fixes the owner of the tokens (one GitHub owner, GitLab group, HCP Terraform or Buildkite
 * organization, EKS namespace, or a per-tenant issuer: GitHub Enterprise slug, Bitbucket workspace, CircleCI
 * organization, Entra ID tenant) but not one repository, project, workspace, pipeline or service account:
 * `repo:OWNER/*`, `repository_owner:OWNER`, `project_path:GROUP/*`, `system:serviceaccount:NS:*`,
 * `organization:ORG:*`, or no subject at all under a per-tenant issuer. Allowed, but a wider grant than most roles
 * need: a warning, so that it is either narrowed or acknowledged with a reason.
 */
export default defineRule(
  __filename,
  {
    level: NagMessageLevel.WARN,
    info: 'The trust policy fixes the owner of the web identity tokens (owner, group, organization, namespace, tenant) but not one repository, project, workspace, pipeline or service account.',
    explanation:
      'A subject such as repo:OWNER/*, repository_owner:OWNER, project_path:GROUP/*, ' +
      'system:serviceaccount:NAMESPACE:* or organization:ORG:*, or a per-tenant issuer (a GitHub Enterprise slug, a ' +
      'Bitbucket workspace, a CircleCI organization) without a subject condition, lets every present and future ' +
      'repository, project, pipeline or service account of that owner assume the role, including ones created by anyone ' +
      'who can create repositories there. Pin one (repo:OWNER/REPO:ref:refs/heads/main, system:serviceaccount:NS:NAME, ' +
      '...) or acknowledge the finding with the reason the whole owner needs it.',
  },
  (subject) =>
    judgeTrust(subject, (variant) => subjectJudgedAt(variant.allow, subject.template, SubjectStrength.BROAD)),
);
