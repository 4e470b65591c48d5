/** The value of one CloudFormation parameter of a template. */
export interface TemplateParameterValue {
  /** The parameter's logical name. */
  readonly name: string;
  /** Its value. */
  readonly value: string;
}

/**
 * The value a resource's `Ref` will have once deployed, for a resource whose `Ref` cannot be known before (an
 * identity pool's id, a generated name).
 */
export interface TemplateRefValue {
  /** The resource: its logical id or, for a template read from a stack, its construct path (`'Pool'`). */
  readonly resource: string;
  /** What its `Ref` stands for (e.g. the identity pool id `'eu-west-1:11111111-2222-3333-4444-555555555555'`). */
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

  /**
   * Values of `Ref`s to resources of the template that are not known before deployment, e.g. the id of an identity
   * pool created in the same stack, which its roles' trust policies name in `cognito-identity.amazonaws.com:aud`.
   * Requests then carry the same value (`AssumeRequest.webIdentity('cognito-identity.amazonaws.com', { audience })`).
   *
   * @default - no such value: a policy that refers to one cannot be evaluated, and the error names this option
   */
  readonly refs?: TemplateRefValue[];
}
