import { Stack } from 'aws-cdk-lib';
import { constructAliases, readTemplate, stackTemplate, templateEnvironment } from './private/environment';
import { groupsOf, policyResourcesOf } from '../private/iam/attachments';
import { parseDocument } from '../private/iam/policy';
import { ConcreteTemplate as TemplateModel } from '../private/iam/concrete';
import { TemplateReadOptions } from './template-options';

/** A policy document with a name, as the caller's identity policies or permissions boundary. */
export interface NamedPolicy {
  /** A name for the policy, shown in explanations (for a managed policy, its ARN). */
  readonly name: string;
  /** The policy document (JSON: `{ Version, Statement }`), with every intrinsic resolved. */
  readonly document: any;
}

/** Options to read a caller's policies from a template. */
export interface CallerIdentityOptions extends TemplateReadOptions {
  /**
   * Documents of managed policies that are not in the template (AWS managed policies, policies of other stacks),
   * each named by its ARN.
   *
   * @default - none: such policies are reported in `unresolvedPolicies` and make decisions that depend on the
   * caller's policies `UNDETERMINED`
   */
  readonly knownManagedPolicies?: NamedPolicy[];
}

const USER = 'AWS::IAM::User';
const ROLE = 'AWS::IAM::Role';
const MANAGED_POLICY = 'AWS::IAM::ManagedPolicy';

/**
 * Who makes a request, with the identity policies AWS evaluates for it: an IAM user (with its groups' policies) or an
 * IAM role, read from a synthesized template, or given directly.
 *
 * AWS lets a principal of another account assume a role only when the role's trust policy allows it AND the
 * principal's own identity policies allow `sts:AssumeRole` on the role. Pass a `CallerIdentity` to
 * `AssumeRequest.fromCaller` to evaluate both sides.
 *
 * @example
 * // hubStack (account 111111111111) defines the user 'alice'; workloadStack (222222222222) the role 'Admin'.
 * const alice = CallerIdentity.fromStack(hubStack, 'alice');
 * const workload = TrustEvaluator.fromStack(workloadStack);
 * const result = await workload.assume('Admin', AssumeRequest.fromCaller(alice, { mfa: true }));
 * // result.trustOnly === false: both the trust policy and alice's policies were evaluated
 */
export class CallerIdentity {
  /**
   * Reads a user or role (by logical id, UserName, RoleName or construct path relative to the stack) and its
   * policies from a stack's template.
   */
  public static fromStack(stack: Stack, userOrRole: string, options: CallerIdentityOptions = {}): CallerIdentity {
    const who = `CallerIdentity.fromStack(${stack.node.path}, '${userOrRole}')`;
    return CallerIdentity.read(who, stackTemplate(stack), userOrRole, options, stack);
  }

  /** Reads a user or role (by logical id, UserName or RoleName) and its policies from a synthesized template (JSON). */
  public static fromTemplate(template: any, userOrRole: string, options: CallerIdentityOptions = {}): CallerIdentity {
    return CallerIdentity.read(`CallerIdentity.fromTemplate('${userOrRole}')`, template, userOrRole, options);
  }

  /**
   * A caller given directly: a user or role ARN and its identity policies.
   *
   * @param principalArn ARN of an IAM user or role
   * @param policies its identity policies (for a user, include its groups' policies)
   * @param permissionsBoundary its permissions boundary, if any
   */
  public static of(principalArn: string, policies: NamedPolicy[], permissionsBoundary?: NamedPolicy): CallerIdentity {
    return new CallerIdentity(principalArn, [...policies], permissionsBoundary, []);
  }

  private static read(
    who: string,
    template: unknown,
    userOrRole: string,
    options: CallerIdentityOptions,
    stack?: Stack,
  ): CallerIdentity {
    const model = readTemplate(
      who,
      template,
      templateEnvironment(who, options, stack),
      stack ? constructAliases(stack) : {},
    );
    const logicalId = model.findIamResource(userOrRole, USER, ROLE);
    if (logicalId === undefined) {
      const known = model.logicalIdsOfType(USER, ROLE).map((id) => describeIdentity(model, id));
      throw new Error(
        `${who}: invalid user or role: received '${userOrRole}'; expected the logical id, UserName, RoleName or construct path ` +
          `of an AWS::IAM::User or AWS::IAM::Role of the template (found: ${known.join(', ') || 'none'}).`,
      );
    }
    const arn = model.iamArn(logicalId);
    if (arn === undefined) {
      throw new Error(
        `${who}: ${logicalId} has no resolvable ${model.resources[logicalId].Type === USER ? 'UserName' : 'RoleName'}, ` +
          'so its ARN is only known after deployment and no trust policy can name it; give it a name, or use CallerIdentity.of(arn, policies).',
      );
    }
    const collector = new PolicyCollector(model, options.knownManagedPolicies ?? []);
    collector.collectFor(logicalId);
    if (model.resources[logicalId].Type === USER) {
      for (const group of collector.groupsOf(logicalId)) collector.collectFor(group);
    }
    const boundary = collector.boundaryOf(logicalId);
    return new CallerIdentity(arn, collector.policies, boundary, collector.unresolved);
  }

  /** ARN of the IAM user or role. */
  public readonly principalArn: string;
  /** Its identity policies (a user's include its groups' policies). */
  public readonly policies: NamedPolicy[];
  /**
   * Its permissions boundary.
   *
   * @default - no permissions boundary
   */
  public readonly permissionsBoundary?: NamedPolicy;
  /**
   * What is attached to the caller but could not be read (managed policies or groups outside the template).
   * Decisions that depend on the caller's policies are `UNDETERMINED` while any remains.
   */
  public readonly unresolvedPolicies: string[];

  private constructor(
    principalArn: string,
    policies: NamedPolicy[],
    permissionsBoundary: NamedPolicy | undefined,
    unresolvedPolicies: string[],
  ) {
    this.principalArn = principalArn;
    this.policies = policies;
    this.permissionsBoundary = permissionsBoundary;
    this.unresolvedPolicies = unresolvedPolicies;
  }
}

function describeIdentity(model: TemplateModel, logicalId: string): string {
  const name = model.physicalName(logicalId);
  return name ? `${logicalId} (${name})` : logicalId;
}

/** Collects the identity policies attached to users, groups and roles of one template. */
class PolicyCollector {
  public readonly policies: NamedPolicy[] = [];
  public readonly unresolved: string[] = [];
  private readonly seen = new Set<string>();

  constructor(
    private readonly model: TemplateModel,
    private readonly known: readonly NamedPolicy[],
  ) {}

  /** Inline policies, managed policies and AWS::IAM::Policy / ManagedPolicy attachments of one identity. */
  public collectFor(logicalId: string): void {
    const props = this.model.resources[logicalId].Properties ?? {};
    const inline = (props.Policies as any[] | undefined) ?? [];
    inline.forEach((p, i) => {
      const name = `${logicalId}/${this.model.resolve(p.PolicyName, `${logicalId}.Policies[${i}].PolicyName`, 'a policy name')}`;
      this.add(name, p.PolicyDocument, `${logicalId}.Policies[${i}].PolicyDocument`);
    });
    const managed = (props.ManagedPolicyArns as unknown[] | undefined) ?? [];
    managed.forEach((ref, i) => this.addManaged(ref, `${logicalId}.ManagedPolicyArns[${i}]`));

    // AWS::IAM::Policy, ManagedPolicy, RolePolicy, UserPolicy and GroupPolicy of the template attached to it (the model)
    const identity = this.model.iam.resource(logicalId);
    for (const policy of identity ? policyResourcesOf(this.model.iam, identity) : [])
      this.addDocumentOf(policy.logicalId);
  }

  /** Logical ids of the groups a user belongs to; groups outside the template are reported as unresolved. */
  public groupsOf(userId: string): string[] {
    const user = this.model.iam.resource(userId);
    if (!user) return [];
    const { groups, unknown } = groupsOf(this.model.iam, user);
    for (const { raw, path } of unknown)
      this.unresolved.push(`group ${JSON.stringify(raw)} (${path}) is not in the template`);
    return groups.map((g) => g.logicalId);
  }

  /** The permissions boundary of a user or role, when it has one that can be read. */
  public boundaryOf(logicalId: string): NamedPolicy | undefined {
    const ref = this.model.resources[logicalId].Properties?.PermissionsBoundary;
    if (ref === undefined) return undefined;
    const path = `${logicalId}.PermissionsBoundary`;
    const inTemplate = this.model.logicalIdsOfType(MANAGED_POLICY).find((id) => this.model.refersTo(ref, id));
    if (inTemplate !== undefined) {
      return { name: inTemplate, document: this.resolvedDocument(inTemplate) };
    }
    const arn = this.model.resolve(ref, path, 'a permissions boundary');
    const known = this.known.find((k) => k.name === arn);
    if (known) return known;
    this.unresolved.push(`permissions boundary ${arn} (${path}) is not in the template nor in knownManagedPolicies`);
    return undefined;
  }

  private addManaged(ref: unknown, path: string): void {
    const inTemplate = this.model.logicalIdsOfType(MANAGED_POLICY).find((id) => this.model.refersTo(ref, id));
    if (inTemplate !== undefined) {
      this.addDocumentOf(inTemplate);
      return;
    }
    const arn = this.model.resolve(ref, path, 'a managed policy ARN');
    if (this.seen.has(arn)) return;
    this.seen.add(arn);
    const known = this.known.find((k) => k.name === arn);
    if (known) {
      this.policies.push(known);
    } else {
      this.unresolved.push(`managed policy ${arn} (${path}) is not in the template nor in knownManagedPolicies`);
    }
  }

  private addDocumentOf(logicalId: string): void {
    if (this.seen.has(logicalId)) return;
    this.seen.add(logicalId);
    this.policies.push({ name: logicalId, document: this.resolvedDocument(logicalId) });
  }

  private resolvedDocument(logicalId: string): any {
    return parseDocument(
      this.model.resolve(
        this.model.resources[logicalId].Properties?.PolicyDocument,
        `${logicalId}.PolicyDocument`,
        'a policy document',
      ),
    );
  }

  private add(name: string, document: unknown, path: string): void {
    this.policies.push({ name, document: parseDocument(this.model.resolve(document, path, 'a policy document')) });
  }
}
