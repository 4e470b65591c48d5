/**
 * Which policies attach to which identity, in one template: inline `Policies` of roles, users and groups, the five
 * policy resources (`AWS::IAM::Policy`, `ManagedPolicy`, `RolePolicy`, `UserPolicy`, `GroupPolicy`), managed policy
 * ARNs, groups (`Groups` and `AWS::IAM::UserToGroupAddition`) and permissions boundaries; and the Cognito side:
 * identity pools, their role attachments (authenticated / unauthenticated roles, role mappings) and classic flow.
 *
 * Values are read in variants mode and unioned over variants (the cautious reading: a policy that attaches in any
 * reachable variant attaches).
 */
import { PolicyStatement, readStatements } from './policy';
import type { IamResource, IamTemplate } from './template';
import { isObject, parseArn, referenceOf } from './text';
import { NO_VALUE, textOf } from './values';

/** Resources that carry inline `Policies`. */
export const INLINE_POLICY_OWNERS = ['AWS::IAM::Role', 'AWS::IAM::User', 'AWS::IAM::Group'];

/** Resources that are one policy document. */
export const POLICY_RESOURCES = [
  'AWS::IAM::Policy',
  'AWS::IAM::ManagedPolicy',
  'AWS::IAM::RolePolicy',
  'AWS::IAM::UserPolicy',
  'AWS::IAM::GroupPolicy',
];

/** The property naming an identity's physical name, per type. */
const NAME_PROPERTY: { [type: string]: string } = {
  'AWS::IAM::Role': 'RoleName',
  'AWS::IAM::User': 'UserName',
  'AWS::IAM::Group': 'GroupName',
};

/** The properties of a policy resource that list the identities it attaches to, per identity type. */
const TARGETS: { [type: string]: string[] } = {
  'AWS::IAM::Role': ['Roles', 'RoleName'],
  'AWS::IAM::User': ['Users', 'UserName'],
  'AWS::IAM::Group': ['Groups', 'GroupName'],
};

/** Whether the resource carries identity policies (roles, users, groups, and the policy resources). */
export function hasIdentityPolicies(resource: IamResource): boolean {
  return INLINE_POLICY_OWNERS.includes(resource.type) || POLICY_RESOURCES.includes(resource.type);
}

/** Every reachable value of a template value, flattened to a list (lists are spread; `AWS::NoValue` dropped). */
export function reachableItems(template: IamTemplate, value: unknown): unknown[] {
  if (value === undefined) return [];
  const out: unknown[] = [];
  for (const v of template.values.variants(value)) {
    const items = Array.isArray(v.value) ? v.value : [v.value];
    for (const item of items) if (item !== NO_VALUE && item !== undefined && item !== null) out.push(item);
  }
  return out;
}

/** One policy document attached to an identity, with where it comes from. */
export interface AttachedDocument {
  /** The logical id of the resource holding the document. */
  readonly source: string;
  /** A name for messages: `Role/PolicyName` for inline policies, the logical id for policy resources. */
  readonly name: string;
  /** The raw template value of the document (may hold intrinsics). */
  readonly raw: unknown;
  /** The path of the document in the template (`Role.Policies[0].PolicyDocument`). */
  readonly path: string;
}

/** The policy documents a resource itself holds (inline `Policies`, or its `PolicyDocument`). */
export function ownDocuments(resource: IamResource): AttachedDocument[] {
  if (INLINE_POLICY_OWNERS.includes(resource.type)) {
    const policies = resource.properties.Policies;
    if (!Array.isArray(policies)) {
      return policies === undefined
        ? []
        : [
            {
              source: resource.logicalId,
              name: resource.logicalId,
              raw: policies,
              path: `${resource.logicalId}.Policies`,
            },
          ];
    }
    return policies.map((p, i) => ({
      source: resource.logicalId,
      name: `${resource.logicalId}/${isObject(p) ? textOf(p.PolicyName) : i}`,
      raw: isObject(p) && 'PolicyDocument' in p ? p.PolicyDocument : p,
      path: `${resource.logicalId}.Policies[${i}].PolicyDocument`,
    }));
  }
  if (POLICY_RESOURCES.includes(resource.type)) {
    return [
      {
        source: resource.logicalId,
        name: resource.logicalId,
        raw: resource.properties.PolicyDocument,
        path: `${resource.logicalId}.PolicyDocument`,
      },
    ];
  }
  return [];
}

/** The statements of a resource's own documents, every reachable variant unioned. */
export function ownStatements(template: IamTemplate, resource: IamResource): PolicyStatement[] {
  return template.memoize(`own-statements:${resource.logicalId}`, () => {
    const out: PolicyStatement[] = [];
    if (INLINE_POLICY_OWNERS.includes(resource.type)) {
      for (const p of reachableItems(template, resource.properties.Policies)) {
        if (isObject(p)) out.push(...readStatements(p.PolicyDocument));
      }
    } else if (POLICY_RESOURCES.includes(resource.type)) {
      for (const v of template.values.variants(resource.properties.PolicyDocument))
        out.push(...readStatements(v.value));
    }
    return out;
  });
}

/** The physical name of a role, user or group when the template fixes it (first reachable value). */
export function physicalNameOf(template: IamTemplate, resource: IamResource): string | undefined {
  const property = NAME_PROPERTY[resource.type];
  const raw = property ? resource.properties[property] : undefined;
  if (raw === undefined) return undefined;
  const text = textOf(template.values.variants(raw)[0]?.value);
  return text.includes('{{') ? undefined : text;
}

/** The resource part of the ARN of an identity, by type (`Ref` of these types is the name). */
const NAME_PREFIXES: Record<string, string> = {
  'AWS::IAM::Role': 'role/',
  'AWS::IAM::User': 'user/',
  'AWS::IAM::Group': 'group/',
};

/**
 * Whether a template value names the resource: `Ref` / `Fn::GetAtt` of it, or (evaluated) its physical name, an ARN
 * ending with `/name`, or an ARN built from `Ref` of it (`arn:...:role/${Guest}`: Ref of a role is its name).
 */
export function refersTo(template: IamTemplate, value: unknown, target: IamResource): boolean {
  if (isObject(value)) {
    if (value.Ref === target.logicalId) return true;
    const getAtt = value['Fn::GetAtt'];
    if (Array.isArray(getAtt) && getAtt[0] === target.logicalId) return true;
    if (typeof getAtt === 'string' && getAtt.split('.')[0] === target.logicalId) return true;
  }
  const name = physicalNameOf(template, target);
  for (const item of reachableItems(template, value)) {
    const text = textOf(item);
    const ref = referenceOf(text);
    if (ref) {
      if (ref.logicalId === target.logicalId) return true;
      continue;
    }
    const arn = parseArn(text);
    // an ARN built from `Ref X` (Ref of a role, user or group is its name): `arn:...:role/{{Ref.X}}`, with or without a path
    const prefix = NAME_PREFIXES[target.type];
    if (
      arn &&
      prefix &&
      arn.resource.toLowerCase().startsWith(prefix) &&
      arn.resource.split('/').pop() === `{{Ref.${target.logicalId}}}`
    ) {
      return true;
    }
    if (name === undefined) continue;
    if (text === name) return true;
    if (arn && arn.resource.split('/').pop() === name) return true;
  }
  return false;
}

/** The policy resources of the template attached to an identity (role, user or group). */
export function policyResourcesOf(template: IamTemplate, identity: IamResource): IamResource[] {
  const properties = TARGETS[identity.type];
  if (!properties) return [];
  return template.memoize(`attached:${identity.logicalId}`, () =>
    template
      .ofType(...POLICY_RESOURCES)
      .filter((policy) =>
        properties.some(
          (p) => policy.properties[p] !== undefined && refersTo(template, policy.properties[p], identity),
        ),
      ),
  );
}

/** Every document attached to an identity: its own, and those of the policy resources attached to it. */
export function attachedDocuments(template: IamTemplate, identity: IamResource): AttachedDocument[] {
  return [...ownDocuments(identity), ...policyResourcesOf(template, identity).flatMap(ownDocuments)];
}

/** A managed policy ARN of an identity: the text, and the template's `AWS::IAM::ManagedPolicy` when it is one. */
export interface ManagedPolicyRef {
  readonly text: string;
  readonly raw: unknown;
  readonly local?: IamResource;
}

/** The managed policies of a role, user or group (`ManagedPolicyArns`, every reachable variant). */
export function managedPoliciesOf(template: IamTemplate, identity: IamResource): ManagedPolicyRef[] {
  const raw = identity.properties.ManagedPolicyArns;
  const rawItems = Array.isArray(raw) ? raw : raw === undefined ? [] : [raw];
  const out: ManagedPolicyRef[] = [];
  for (const item of rawItems) {
    const local = template.ofType('AWS::IAM::ManagedPolicy').find((p) => refersTo(template, item, p));
    for (const value of reachableItems(template, item)) out.push({ text: textOf(value), raw: item, local });
  }
  return out;
}

/** The template's groups a user belongs to (`Groups`, `AWS::IAM::UserToGroupAddition`), and the names it cannot find. */
export function groupsOf(
  template: IamTemplate,
  user: IamResource,
): { groups: IamResource[]; unknown: { raw: unknown; path: string }[] } {
  const refs: { raw: unknown; path: string }[] = [];
  const direct = user.properties.Groups;
  (Array.isArray(direct) ? direct : direct === undefined ? [] : [direct]).forEach((raw, i) =>
    refs.push({ raw, path: `${user.logicalId}.Groups[${i}]` }),
  );
  for (const addition of template.ofType('AWS::IAM::UserToGroupAddition')) {
    const users = addition.properties.Users;
    if ((Array.isArray(users) ? users : [users]).some((u) => u !== undefined && refersTo(template, u, user))) {
      refs.push({ raw: addition.properties.GroupName, path: `${addition.logicalId}.GroupName` });
    }
  }
  const groups: IamResource[] = [];
  const unknown: { raw: unknown; path: string }[] = [];
  for (const ref of refs) {
    const group = template.ofType('AWS::IAM::Group').find((g) => refersTo(template, ref.raw, g));
    if (!group) unknown.push(ref);
    else if (!groups.includes(group)) groups.push(group);
  }
  return { groups, unknown };
}

/** A Cognito identity pool's settings that decide who gets credentials. */
export interface IdentityPoolView {
  readonly pool: IamResource;
  /** `AllowUnauthenticatedIdentities` is true in some reachable variant. */
  readonly guestAccess: boolean;
  /** `AllowClassicFlow` is true in some reachable variant (basic flow: any role trusting the pool, no role mapping). */
  readonly classicFlow: boolean;
}

/** Every identity pool of the template. */
export function identityPools(template: IamTemplate): IdentityPoolView[] {
  return template.ofType('AWS::Cognito::IdentityPool').map((pool) => ({
    pool,
    guestAccess: isTrueSomewhere(template, pool.properties.AllowUnauthenticatedIdentities),
    classicFlow: isTrueSomewhere(template, pool.properties.AllowClassicFlow),
  }));
}

/** Whether a value is `true` (or `'true'`) in some reachable variant. */
export function isTrueSomewhere(template: IamTemplate, value: unknown): boolean {
  if (value === undefined) return false;
  return template.values
    .variants(value)
    .some((v) => v.value === true || (typeof v.value === 'string' && v.value.toLowerCase() === 'true'));
}

/** How the template's identity pool role attachments use a role. */
export interface CognitoRoleUse {
  /** Named as an `unauthenticated` role. */
  readonly guest: boolean;
  /** Named as an `authenticated` role. */
  readonly authenticated: boolean;
  /** Named by a role mapping rule. */
  readonly mapped: boolean;
}

/** How the identity pool role attachments of the template use a role. */
export function cognitoRoleUse(template: IamTemplate, role: IamResource): CognitoRoleUse {
  let guest = false;
  let authenticated = false;
  let mapped = false;
  for (const attachment of template.ofType('AWS::Cognito::IdentityPoolRoleAttachment')) {
    const roles = attachment.properties.Roles;
    if (isObject(roles)) {
      for (const [key, value] of Object.entries(roles)) {
        if (!refersTo(template, value, role)) continue;
        if (key.toLowerCase() === 'unauthenticated') guest = true;
        if (key.toLowerCase() === 'authenticated') authenticated = true;
      }
    }
    const mappings = attachment.properties.RoleMappings;
    if (mappings !== undefined && JSON.stringify(mappings).includes(role.logicalId)) mapped = true;
  }
  return { guest, authenticated, mapped };
}
