/**
 * The identities of a template (users, groups, roles) with the statements that apply to them and the groups of each
 * user, as the one IAM model (lib/private/iam attachments.ts) reads them.
 */
import { PolicyStatement } from '../private/iam/policy';
import {
  groupsOf,
  managedPoliciesOf,
  ownStatements,
  physicalNameOf,
  policyResourcesOf,
} from '../private/iam/attachments';
import { IamResource, IamTemplate } from '../private/iam/template';

/** An identity of a template and the statements of every policy attached to it. */
export interface TemplateIdentity {
  readonly kind: 'user' | 'group' | 'role';
  readonly resource: IamResource;
  /** Its name: UserName / GroupName / RoleName when readable, else the logical id. */
  readonly name: string;
  /** Whether `name` is the physical name (false: the logical id stands for a name generated at deployment). */
  readonly named: boolean;
  /** Statements of its own policies (inline, AWS::IAM::Policy and the like, the template's managed policies). */
  readonly statements: PolicyStatement[];
  /** For a user: the template's groups it is a member of. */
  readonly groups: IamResource[];
}

const TYPES: Record<string, TemplateIdentity['kind']> = {
  'AWS::IAM::User': 'user',
  'AWS::IAM::Group': 'group',
  'AWS::IAM::Role': 'role',
};

/** Every user, group and role of a template with its statements and (users) its groups. */
export function templateIdentities(template: IamTemplate): TemplateIdentity[] {
  return template.memoize('graph:identities', () =>
    template.ofType('AWS::IAM::User', 'AWS::IAM::Group', 'AWS::IAM::Role').map((resource) => {
      const kind = TYPES[resource.type];
      const physical = physicalNameOf(template, resource);
      const statements = [
        ...ownStatements(template, resource),
        ...policyResourcesOf(template, resource).flatMap((p) => ownStatements(template, p)),
        ...managedPoliciesOf(template, resource).flatMap((m) => (m.local ? ownStatements(template, m.local) : [])),
      ];
      const groups = kind === 'user' ? groupsOf(template, resource).groups : [];
      return {
        kind,
        resource,
        name: physical ?? resource.logicalId,
        named: physical !== undefined,
        statements,
        groups,
      };
    }),
  );
}
