/**
 * What a StsChecks rule judges and what it answers. Internal: not exported from the package root.
 */
import { NagRuleCompliance } from 'cdk-nag/lib/nag-rules';
import { IamResource, IamTemplate, trustVariants, TrustVariant, Variant, whereResourceExists } from '../private/iam';

/** What a rule judges: one resource of a template, with the model's views of it. */
export class RuleSubject {
  constructor(
    public readonly template: IamTemplate,
    public readonly resource: IamResource,
  ) {}

  /** The resource's logical id. */
  public get logicalId(): string {
    return this.resource.logicalId;
  }

  /** The resource's CloudFormation type. */
  public get type(): string {
    return this.resource.type;
  }

  /** The template's concrete account, if known (the stack's account). */
  public get stackAccount(): string | undefined {
    return this.template.environment.account;
  }

  /** The reachable values of a property (in the variants where the resource exists, when it has a Condition). */
  public property(name: string): Variant[] {
    return whereResourceExists(
      this.template.values,
      this.resource.condition,
      this.template.values.variants(this.resource.properties[name]),
    );
  }

  /** Whether the resource exists in some reachable variant (always, unless its `Condition` never holds). */
  public exists(): boolean {
    const condition = this.resource.condition;
    return condition === undefined || this.template.values.condition(condition).some((c) => c.value);
  }

  private trustCache?: TrustVariant[];

  /** The reachable variants of the role's trust policy, Allow minus Deny (`[]` for other resources). */
  public trust(): TrustVariant[] {
    this.trustCache ??= this.resource.type === 'AWS::IAM::Role' ? trustVariants(this.template, this.resource) : [];
    return this.trustCache;
  }
}

/** A rule's failure: the variant that fails (in words) and, optionally, what fails in it. */
export interface Failure {
  readonly compliance: NagRuleCompliance.NON_COMPLIANT;
  /** Which reachable variant fails, e.g. "when parameter RepoName keeps its default '*'". */
  readonly variant?: string;
  /** A detail of the failure, appended to the finding's message. */
  readonly detail?: string;
}

/** What a rule answers. */
export type Verdict = NagRuleCompliance | Failure;

/** A failure, optionally in a variant. */
export function failure(variant?: string, detail?: string): Failure {
  return { compliance: NagRuleCompliance.NON_COMPLIANT, variant, detail };
}

/** Whether a verdict is a failure. */
export function isFailure(verdict: Verdict): boolean {
  return typeof verdict === 'object' || verdict === NagRuleCompliance.NON_COMPLIANT;
}

/** The variant and detail of a failing verdict. */
export function failureOf(verdict: Verdict): { variant?: string; detail?: string } {
  return typeof verdict === 'object' ? { variant: verdict.variant, detail: verdict.detail } : {};
}

/**
 * Judges every reachable trust variant of a role: fails with the first variant that `dangerous` says is, COMPLIANT
 * when none is, NOT_APPLICABLE for resources that are not roles with a trust policy.
 */
export function judgeTrust(subject: RuleSubject, dangerous: (variant: TrustVariant) => boolean | string): Verdict {
  if (subject.type !== 'AWS::IAM::Role') return NagRuleCompliance.NOT_APPLICABLE;
  const variants = subject.trust();
  if (variants.length === 0) return NagRuleCompliance.NOT_APPLICABLE;
  for (const variant of variants) {
    const answer = dangerous(variant);
    if (answer) return failure(variant.description, typeof answer === 'string' ? answer : undefined);
  }
  return NagRuleCompliance.COMPLIANT;
}
