/**
 * The one place that loads `@cloud-copilot/iam-simulate`.
 *
 * The evaluator is AGPL-3.0-or-later, so cdk-sts-kit never imports it at module load time: users install it
 * themselves (it is not declared as a dependency: jsii allows only jsii packages as peers), and it is `require`d on
 * first use by the functions that evaluate a request. Nothing in this file
 * runs when `lib/index.ts` is imported. The types below describe only the part of its API this library uses,
 * so our declaration files never reference the package.
 */

/** The package name, in one place. */
export const IAM_SIMULATE_PACKAGE = '@cloud-copilot/iam-simulate';

/** The message of the error thrown when the evaluator is not installed. */
export const MISSING_IAM_SIMULATE_MESSAGE =
  `cdk-sts-kit testing helpers need the IAM policy evaluator '${IAM_SIMULATE_PACKAGE}', which is not installed. ` +
  `Install it as a development dependency of your project: npm install --save-dev ${IAM_SIMULATE_PACKAGE} ` +
  '(license AGPL-3.0-or-later; cdk-sts-kit loads it only inside its testing helpers and never bundles it).';

/** A request in the evaluator's shape. */
export interface SimRequest {
  readonly principal: string;
  readonly action: string;
  readonly resource: { readonly resource: string; readonly accountId: string };
  readonly contextVariables: Record<string, string | string[]>;
}

/** A named policy in the evaluator's shape. */
export interface SimNamedPolicy {
  readonly name: string;
  readonly policy: unknown;
}

/** A simulation in the evaluator's shape. */
export interface SimSimulation {
  readonly request: SimRequest;
  readonly identityPolicies: SimNamedPolicy[];
  readonly serviceControlPolicies: Array<{ readonly orgIdentifier: string; readonly policies: SimNamedPolicy[] }>;
  readonly resourceControlPolicies: Array<{ readonly orgIdentifier: string; readonly policies: SimNamedPolicy[] }>;
  readonly resourcePolicy?: unknown;
  readonly permissionBoundaryPolicies?: SimNamedPolicy[];
}

/** One statement as analysed by the evaluator (only the fields read here). */
export interface SimStatementAnalysis {
  readonly policyId?: string;
  readonly statement: { sid?(): string | undefined; index?(): number };
}

/** The evaluator's analysis of one policy set (identity or resource side). */
export interface SimPolicyAnalysis {
  readonly result: string;
  readonly allowStatements: SimStatementAnalysis[];
  readonly denyStatements: SimStatementAnalysis[];
}

/** The evaluator's analysis of a request (only the fields read here). */
export interface SimAnalysis {
  readonly result: string;
  readonly sameAccount: boolean;
  readonly identityAnalysis?: SimPolicyAnalysis;
  readonly resourceAnalysis?: SimPolicyAnalysis;
  readonly permissionBoundaryAnalysis?: SimPolicyAnalysis;
}

/** What `runSimulation` resolves to (only the shapes read here). */
export type SimResults =
  | { readonly resultType: 'error'; readonly errors: { readonly message: string } & Record<string, unknown> }
  | {
      readonly resultType: 'single';
      readonly overallResult: string;
      readonly result: { readonly analysis: SimAnalysis; readonly ignoredContextKeys?: string[] };
    }
  | { readonly resultType: 'wildcard'; readonly overallResult: string; readonly results: unknown[] };

/** The part of the evaluator's API used by cdk-sts-kit. */
export interface IamSimulate {
  runSimulation(simulation: SimSimulation, options: { simulationMode?: 'Strict' }): Promise<SimResults>;
  runUnsafeSimulation(simulation: SimSimulation, options: { simulationMode?: 'Strict' }): string;
  typeForContextKey(key: string): Promise<string>;
}

/**
 * Loads the evaluator, or throws an `Error` telling the user how to install it.
 *
 * Called only from functions that evaluate a request (never at module top level).
 */
export function loadIamSimulate(): IamSimulate {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require(IAM_SIMULATE_PACKAGE) as IamSimulate;
  } catch (error) {
    if (isMissingModule(error)) {
      throw new Error(MISSING_IAM_SIMULATE_MESSAGE);
    }
    throw error;
  }
}

function isMissingModule(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { code, message } = error as { code?: unknown; message?: unknown };
  return code === 'MODULE_NOT_FOUND' && typeof message === 'string' && message.includes(IAM_SIMULATE_PACKAGE);
}

/**
 * Wraps a policy document in the evaluator's "already validated" shape (`@cloud-copilot/iam-policy`'s plain-data
 * `ValidatedPolicy`). `runUnsafeSimulation` reads the resource policy's name from this metadata; it is used only
 * for documents that `runSimulation` has validated just before.
 */
export function alreadyValidated(document: unknown, name: string): unknown {
  return { __validated: true, policyDocument: document, metadata: { name }, errors: [] };
}
