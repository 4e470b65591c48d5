/** The value of one CloudFormation parameter of a template. */
export interface TemplateParameterValue {
  /** The parameter's logical name. */
  readonly name: string;
  /** Its value. */
  readonly value: string;
}

/** How to read a synthesized template: the environment its pseudo-parameters stand for. */
export interface TemplateReadOptions {
  /**
   * The account the template is deployed to (`AWS::AccountId`).
   *
   * @default - the stack's account when created from a stack with a concrete `env.account`; required otherwise
   */
  readonly account?: string;

  /**
   * The partition (`AWS::Partition`): `aws`, `aws-cn` or `aws-us-gov`.
   *
   * @default - the stack's partition when it is concrete or follows from its region, otherwise `aws`
   */
  readonly partition?: string;

  /**
   * The region (`AWS::Region`).
   *
   * @default - the stack's region when it is concrete, otherwise `us-east-1`
   */
  readonly region?: string;

  /**
   * Values of template parameters referenced by policies.
   *
   * @default - each parameter's `Default`; a parameter without one cannot be resolved
   */
  readonly parameters?: TemplateParameterValue[];
}
