/**
 * The identities of a template (users, groups, roles) with the statements that apply to them and the groups of each
 * user, read through the one IAM model (lib/private/iam: `IamTemplate`, `documentVariants`). Only the lookup of
 * which document attaches to which identity lives here; reading documents and statements is the model's.
 */
import { documentVariants, PolicyStatement } from '../private/iam/policy';
import { IamResource, IamTemplate } from '../private/iam/template';
import { textOf } from '../private/iam/values';
import { referenceOf } from '../private/iam/text';

/** An identity of a template and the statements of every policy attached to it. */
export interface TemplateIdentity {
  readonly kind: 'user' | 'group' | 'role';
  readonly resource: IamResource;
  /** Its name: UserName / GroupName / RoleName when readable, else the logical id. */
  readonly name: string;
  /** Whether `name` is the physical name (false: the logical id stands for a name generated at deployment). */
  readonly named: boolean;
  /** Statements of its own policies (inline, AWS::IAM::Policy, the template's managed policies). */
  readonly statements: PolicyStatement[];
  /** For a user: the logical ids (or names) of its groups. */
  readonly groups: string[];
}

const TYPES: Record<string, TemplateIdentity['kind']> = { 'AWS::IAM::User': 'user', 'AWS::IAM::Group': 'group', 'AWS::IAM::Role': 'role' };
const NAME_PROPERTY = { user: 'UserName', group: 'GroupName', role: 'RoleName' } as const;
const LIST_PROPERTY = { user: 'Users', group: 'Groups', role: 'Roles' } as const;

function texts(template: IamTemplate, value: unknown): string[] {
  const first = template.values.variants(value)[0]?.value;
  const list = Array.isArray(first) ? first : first === undefined ? [] : [first];
  return list.map(textOf);
}

/** The name of an identity resource, and whether it is its physical name. */
export function identityName(template: IamTemplate, resource: IamResource): { name: string; named: boolean } {
  const kind = TYPES[resource.type];
  const raw = kind ? resource.properties[NAME_PROPERTY[kind]] : undefined;
  if (raw !== undefined) {
    const text = textOf(template.values.variants(raw)[0]?.value);
    if (text && !text.includes('{{')) return { name: text, named: true };
  }
  return { name: resource.logicalId, named: false };
}

/** Whether a value of a `Users`/`Groups`/`Roles` list names this identity (a Ref to it, or its name). */
function names(text: string, identity: IamResource, name: string): boolean {
  const ref = referenceOf(text);
  return ref !== undefined ? ref.logicalId === identity.logicalId : text === name;
}

function statementsOf(template: IamTemplate, document: unknown): PolicyStatement[] {
  return documentVariants(template, document).flatMap((v) => v.statements);
}

/** Every user, group and role of a template with its statements and (users) its groups. */
export function templateIdentities(template: IamTemplate): TemplateIdentity[] {
  return template.memoize('graph:identities', () => {
    const policies = template.ofType('AWS::IAM::Policy', 'AWS::IAM::ManagedPolicy');
    const additions = template.ofType('AWS::IAM::UserToGroupAddition');
    const out: TemplateIdentity[] = [];
    for (const resource of template.ofType('AWS::IAM::User', 'AWS::IAM::Group', 'AWS::IAM::Role')) {
      const kind = TYPES[resource.type];
      const { name, named } = identityName(template, resource);
      const statements: PolicyStatement[] = [];
      const inline = template.values.variants(resource.properties.Policies)[0]?.value;
      for (const p of Array.isArray(inline) ? inline : []) {
        if (p && typeof p === 'object') statements.push(...statementsOf(template, (p as any).PolicyDocument));
      }
      const managedArns = texts(template, resource.properties.ManagedPolicyArns);
      for (const policy of policies) {
        const listed = texts(template, policy.properties[LIST_PROPERTY[kind]]).some((t) => names(t, resource, name));
        const byArn = policy.type === 'AWS::IAM::ManagedPolicy' && managedArns.some((t) => referenceOf(t)?.logicalId === policy.logicalId);
        if (listed || byArn) statements.push(...statementsOf(template, policy.properties.PolicyDocument));
      }
      const groups = kind !== 'user' ? [] : [
        ...texts(template, resource.properties.Groups),
        ...additions.filter((a) => texts(template, a.properties.Users).some((t) => names(t, resource, name)))
          .map((a) => textOf(template.values.variants(a.properties.GroupName)[0]?.value)),
      ];
      out.push({ kind, resource, name, named, statements, groups });
    }
    return out;
  });
}

/** The group a `Groups` entry of a user names: a Ref to a group of the template, or a group name. */
export function findGroup(identities: readonly TemplateIdentity[], entry: string): TemplateIdentity | undefined {
  const ref = referenceOf(entry);
  return identities.find((i) => i.kind === 'group' && (ref ? i.resource.logicalId === ref.logicalId : i.name === entry));
}
