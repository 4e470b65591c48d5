import { Stack } from 'aws-cdk-lib';
import { AssumeRequest, ContextEntry } from './assume-request';
import { NamedPolicy } from './caller-identity';
import { parseDocument, unknownConditionOperators } from '../private/iam/policy';
import { constructAliases, readTemplate, stackTemplate, templateEnvironment } from './private/environment';
import {
  alreadyValidated,
  IamSimulate,
  loadIamSimulate,
  SimAnalysis,
  SimNamedPolicy,
  SimSimulation,
} from './private/iam-simulate';
import { ConcreteTemplate as TemplateModel } from '../private/iam/concrete';
import { TemplateReadOptions } from './template-options';
import { ActionEvaluation, MatchedStatement, TrustDecision, TrustResult } from './trust-decision';

/** Options of a `TrustEvaluator`. */
export interface TrustEvaluatorOptions extends TemplateReadOptions {
  /**
   * Evaluate the claims of the request's own identity provider (`<issuer>:sub`, `<issuer>:aud`, ... for web identity,
   * `saml:*` for SAML) even where the evaluator does not know them for the action.
   *
   * The evaluator's data lists provider-specific keys such as `token.actions.githubusercontent.com:sub` or
   * `oidc.eks.<region>.amazonaws.com/id/<id>:sub` for no action, so its validated entry point ignores them and such
   * requests are `UNDETERMINED`. With this option, when the only ignored keys are claims of the request's provider,
   * the request is evaluated again through the evaluator's unvalidated entry point (`runUnsafeSimulation`), which
   * evaluates every key as given; those keys are reported in `unvalidatedContextKeys` and the result carries no
   * statement-level detail for that action. Every other ignored key still makes the result `UNDETERMINED`.
   *
   * @default false
   */
  readonly evaluateFederatedClaims?: boolean;
}

const TRUST_POLICY = 'trust policy';
const ASSUMED_CALLER_POLICY = 'cdk-sts-kit:assumed-caller-allow';
const IAM_CALLERS = ['user', 'role', 'assumed-role'];
const ROLE = 'AWS::IAM::Role';

/**
 * Answers "who can assume this role?" for the roles of a synthesized template, with a real IAM policy evaluator
 * (`@cloud-copilot/iam-simulate`, under AGPL-3.0, not a dependency of this package: install it as a devDependency).
 *
 * The role's trust policy is the resource policy of `sts:AssumeRole*`. For an IAM caller, AWS also requires the
 * caller's identity policies to allow the action (always across accounts, and within the account when the trust
 * policy trusts the account rather than the principal): supply them with `AssumeRequest.fromCaller`, otherwise
 * the trust policy is evaluated alone and the result says `trustOnly: true`.
 *
 * A result whose request had context keys the evaluator ignored is `UNDETERMINED`, never allowed or denied.
 *
 * @example
 * const evaluator = TrustEvaluator.fromStack(stack);
 * const result = await evaluator.assume('Admin', AssumeRequest.fromPrincipal('arn:aws:iam::111111111111:user/alice', { mfa: true }));
 * expect(result.decision).toBe(TrustDecision.ALLOWED);
 */
export class TrustEvaluator {
  /** An evaluator for the roles of a stack (synthesizes the stack's template). */
  public static fromStack(stack: Stack, options: TrustEvaluatorOptions = {}): TrustEvaluator {
    const who = `TrustEvaluator.fromStack(${stack.node.path})`;
    const env = templateEnvironment(who, options, stack);
    return new TrustEvaluator(readTemplate(who, stackTemplate(stack), env, constructAliases(stack)), options);
  }

  /** An evaluator for the roles of a synthesized template (JSON, e.g. `Template.fromStack(stack).toJSON()`). */
  public static fromTemplate(template: any, options: TrustEvaluatorOptions = {}): TrustEvaluator {
    const who = 'TrustEvaluator.fromTemplate';
    return new TrustEvaluator(readTemplate(who, template, templateEnvironment(who, options)), options);
  }

  /** The account the template's roles live in. */
  public readonly account: string;
  /** The partition the template is read in. */
  public readonly partition: string;

  private readonly model: TemplateModel;
  private readonly evaluateFederatedClaims: boolean;

  private constructor(model: TemplateModel, options: TrustEvaluatorOptions) {
    this.model = model;
    this.account = model.env.account;
    this.partition = model.env.partition;
    this.evaluateFederatedClaims = options.evaluateFederatedClaims ?? false;
  }

  /** Logical ids of the template's roles. */
  public roles(): string[] {
    return this.model.logicalIdsOfType(ROLE);
  }

  /**
   * The ARN a role is evaluated under. A role without a RoleName gets its name at deployment; it is evaluated
   * under its logical id.
   */
  public roleArn(role: string): string {
    const logicalId = this.findRole(role);
    return this.model.iamArn(logicalId) ?? `arn:${this.partition}:iam::${this.account}:role/${logicalId}`;
  }

  /** A role's trust policy with every intrinsic resolved; throws an `Error` naming what cannot be resolved. */
  public trustPolicy(role: string): any {
    const logicalId = this.findRole(role);
    const document = this.model.resources[logicalId].Properties?.AssumeRolePolicyDocument;
    if (document === undefined) {
      throw new Error(`TrustEvaluator: role ${logicalId} has no AssumeRolePolicyDocument.`);
    }
    try {
      // a trust policy written as a JSON string (Fn::Sub / Fn::Join) is read after substitution, as StsChecks reads it
      return parseDocument(
        this.model.resolve(document, `${logicalId}.AssumeRolePolicyDocument`, `the trust policy of role ${logicalId}`),
      );
    } catch (e) {
      throw new Error(`TrustEvaluator: ${(e as Error).message}`);
    }
  }

  /**
   * Evaluates a request to assume `role`: its logical id, its RoleName, or (for an evaluator made with `fromStack`)
   * its construct path relative to the stack (`Admin`, `Team/Deploy`).
   *
   * Loads `@cloud-copilot/iam-simulate` on first use; throws an `Error` telling how to install it when missing.
   */
  public async assume(role: string, request: AssumeRequest): Promise<TrustResult> {
    const sim = loadIamSimulate();
    const logicalId = this.findRole(role);
    const trust = this.trustPolicy(logicalId);
    refuseUnknownOperators(`the trust policy of role ${role}`, trust);
    for (const p of [
      ...(request.identityPolicies ?? []),
      ...(request.permissionsBoundary ? [request.permissionsBoundary] : []),
    ]) {
      refuseUnknownOperators(`the caller's policy ${p.name}`, p.document);
    }
    const roleArn = this.roleArn(logicalId);
    const named = this.model.physicalName(logicalId) !== undefined;
    const parsed = request._parsed;
    const iamCaller = IAM_CALLERS.includes(parsed.kind);
    const reasons: string[] = [];

    const assumedAllow: SimNamedPolicy = {
      name: ASSUMED_CALLER_POLICY,
      policy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: request.actions, Resource: roleArn }] },
    };
    const run = (caller: SimNamedPolicy[], boundary: NamedPolicy | undefined) =>
      this.evaluateActions(sim, request, trust, roleArn, caller, boundary);

    let trustOnly = true;
    let evaluations: EvaluatedAction[];
    if (!iamCaller) {
      reasons.push(
        `${describeKind(parsed.kind)} has no identity policies in AWS: the trust policy is the whole decision.`,
      );
      evaluations = await run([assumedAllow], undefined);
    } else if (request.identityPolicies === undefined) {
      reasons.push(
        "The caller's identity policies were not supplied: only the trust policy was evaluated, as if the caller's " +
          'policies allowed the actions (pass a CallerIdentity to AssumeRequest.fromCaller to evaluate both).',
      );
      evaluations = await run([assumedAllow], undefined);
    } else {
      const unknowable = [...request.unresolvedCallerPolicies.map((u) => `The caller's ${u}.`)];
      if (!named) {
        unknowable.push(
          `Role ${logicalId} has no RoleName: its name is generated at deployment, so the caller's policies cannot be matched against its ARN.`,
        );
      }
      if (unknowable.length === 0) {
        trustOnly = false;
        evaluations = await run(
          request.identityPolicies.map((p) => ({ name: p.name, policy: p.document })),
          request.permissionsBoundary,
        );
      } else {
        evaluations = await run([assumedAllow], undefined);
        reasons.push(...unknowable);
        if (overall(evaluations) !== TrustDecision.DENIED) {
          evaluations = evaluations.map((e) => ({ ...e, decision: TrustDecision.UNDETERMINED }));
          reasons.push(
            'The trust policy alone does not deny the request, so the decision depends on caller policies that could not be read.',
          );
        } else {
          reasons.push("The trust policy denies the request whatever the caller's policies say.");
        }
      }
    }

    for (const e of evaluations) reasons.push(...e.reasons);
    const decision = overall(evaluations);
    const ignored = unique(evaluations.flatMap((e) => e.ignoredContextKeys));
    const result: Omit<TrustResult, 'explanation'> = {
      decision,
      role,
      roleArn,
      principal: request.principal,
      actions: evaluations.map(({ action, decision: d, evaluatorResult, ignoredContextKeys }) => ({
        action,
        decision: d,
        evaluatorResult,
        ignoredContextKeys,
      })),
      ignoredContextKeys: ignored,
      unvalidatedContextKeys: unique(evaluations.flatMap((e) => e.unvalidatedContextKeys)),
      trustOnly,
      matchedStatements: evaluations.flatMap((e) => e.matchedStatements),
      reasons,
    };
    return { ...result, explanation: explain(result, request) };
  }

  private findRole(role: string): string {
    const logicalId = this.model.findIamResource(role, ROLE);
    if (logicalId === undefined) {
      const known = this.roles().map((id) => {
        const name = this.model.physicalName(id);
        return name ? `${id} (${name})` : id;
      });
      throw new Error(
        `TrustEvaluator: invalid role: received '${role}'; expected the logical id, RoleName or construct path of an AWS::IAM::Role ` +
          `of the template (found: ${known.join(', ') || 'none'}).`,
      );
    }
    return logicalId;
  }

  private async evaluateActions(
    sim: IamSimulate,
    request: AssumeRequest,
    trust: unknown,
    roleArn: string,
    callerPolicies: SimNamedPolicy[],
    boundary: NamedPolicy | undefined,
  ): Promise<EvaluatedAction[]> {
    const out: EvaluatedAction[] = [];
    for (const action of request.actions) {
      out.push(await this.evaluateAction(sim, request, action, trust, roleArn, callerPolicies, boundary));
    }
    return out;
  }

  private async evaluateAction(
    sim: IamSimulate,
    request: AssumeRequest,
    action: string,
    trust: unknown,
    roleArn: string,
    callerPolicies: SimNamedPolicy[],
    boundary: NamedPolicy | undefined,
  ): Promise<EvaluatedAction> {
    const simulation: SimSimulation = {
      request: {
        principal: request.principal,
        action,
        resource: { resource: roleArn, accountId: this.account },
        contextVariables: contextObject(request.context),
      },
      identityPolicies: callerPolicies,
      serviceControlPolicies: [],
      resourceControlPolicies: [],
      resourcePolicy: trust,
      ...(boundary ? { permissionBoundaryPolicies: [{ name: boundary.name, policy: boundary.document }] } : {}),
    };
    const response = await sim.runSimulation(simulation, { simulationMode: 'Strict' });
    if (response.resultType === 'error') {
      throw new Error(
        `TrustEvaluator: the IAM policy evaluator rejected ${action} on ${roleArn}: ${response.errors.message}: ` +
          `${JSON.stringify(response.errors)}`,
      );
    }
    if (response.resultType !== 'single') {
      throw new Error(`TrustEvaluator: unexpected ${response.resultType} result for ${action} on ${roleArn}.`);
    }
    const reasons: string[] = [];
    const ignored = [...(response.result.ignoredContextKeys ?? [])];
    const truncated = await singleValuedKeysWithManyValues(sim, request.context, ignored);
    let evaluatorResult = response.overallResult;
    let analysis: SimAnalysis | undefined = response.result.analysis;
    let unvalidated: string[] = [];

    const prefix = request._parsed.claimPrefix?.toLowerCase();
    const claimsOnly =
      prefix !== undefined && ignored.length > 0 && ignored.every((k) => k.toLowerCase().startsWith(`${prefix}:`));
    if (this.evaluateFederatedClaims && claimsOnly && truncated.length === 0) {
      try {
        const typed = await typedContext(sim, request.context, ignored);
        evaluatorResult = sim.runUnsafeSimulation(
          {
            ...simulation,
            request: { ...simulation.request, contextVariables: typed },
            resourcePolicy: alreadyValidated(trust, TRUST_POLICY),
          },
          { simulationMode: 'Strict' },
        );
        unvalidated = ignored.splice(0);
        analysis = undefined;
        reasons.push(
          `${action}: the claims ${unvalidated.join(', ')} were evaluated by the evaluator's unvalidated entry point ` +
            '(evaluateFederatedClaims); no statement-level detail is available for this action.',
        );
      } catch (e) {
        reasons.push(
          `${action}: evaluating the claims ${ignored.join(', ')} without validation failed: ${(e as Error).message}`,
        );
      }
    }

    if (ignored.length > 0) {
      reasons.push(
        `${action}: the evaluator does not know ${ignored.join(', ')} for this action and ignored ${ignored.length === 1 ? 'it' : 'them'}, ` +
          'so the decision could depend on input it did not evaluate.',
      );
    }
    for (const key of truncated) {
      reasons.push(`${action}: ${key} is single-valued for the evaluator, which kept only the first of its values.`);
    }
    const undetermined = ignored.length > 0 || truncated.length > 0;
    const decision = undetermined
      ? TrustDecision.UNDETERMINED
      : evaluatorResult === 'Allowed'
        ? TrustDecision.ALLOWED
        : TrustDecision.DENIED;
    const matched = analysis ? matchedStatements(action, analysis) : [];
    if (decision === TrustDecision.DENIED && analysis)
      reasons.push(denialReason(action, request, roleArn, analysis, callerPolicies));
    return {
      action,
      decision,
      evaluatorResult,
      ignoredContextKeys: unique([...ignored, ...truncated]),
      unvalidatedContextKeys: unvalidated,
      matchedStatements: matched,
      reasons,
    };
  }
}

interface EvaluatedAction extends ActionEvaluation {
  readonly unvalidatedContextKeys: string[];
  readonly matchedStatements: MatchedStatement[];
  readonly reasons: string[];
}

function refuseUnknownOperators(what: string, document: unknown): void {
  const unknown = unknownConditionOperators(document);
  if (unknown.length > 0) {
    throw new Error(
      `TrustEvaluator: ${what} uses condition operators AWS does not know: ${unknown.join(', ')}. ` +
        'AWS rejects such a policy, and the evaluator would silently treat the condition as not matching.',
    );
  }
}

/** DENIED if any action is denied for sure; else UNDETERMINED if any is undetermined; else ALLOWED. */
function overall(evaluations: readonly ActionEvaluation[]): TrustDecision {
  if (evaluations.some((e) => e.decision === TrustDecision.DENIED)) return TrustDecision.DENIED;
  if (evaluations.some((e) => e.decision === TrustDecision.UNDETERMINED)) return TrustDecision.UNDETERMINED;
  return TrustDecision.ALLOWED;
}

function contextObject(context: readonly ContextEntry[]): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const c of context) out[c.key] = c.values.length === 1 ? c.values[0] : [...c.values];
  return out;
}

/** Keys given several values that the evaluator types as single-valued (it would keep only the first). */
async function singleValuedKeysWithManyValues(
  sim: IamSimulate,
  context: readonly ContextEntry[],
  ignored: readonly string[],
): Promise<string[]> {
  const out: string[] = [];
  for (const c of context) {
    if (c.values.length < 2 || ignored.includes(c.key)) continue;
    if (!(await isArrayKey(sim, c.key))) out.push(c.key);
  }
  return out;
}

async function isArrayKey(sim: IamSimulate, key: string): Promise<boolean> {
  try {
    return (await sim.typeForContextKey(key)).startsWith('ArrayOf');
  } catch {
    return false;
  }
}

/** The context as the validated entry point would type it, with the claims it ignored kept as given. */
async function typedContext(
  sim: IamSimulate,
  context: readonly ContextEntry[],
  claims: readonly string[],
): Promise<Record<string, string | string[]>> {
  const out: Record<string, string | string[]> = {};
  for (const c of context) {
    if (claims.includes(c.key)) {
      out[c.key] = c.values.length === 1 ? c.values[0] : [...c.values];
    } else {
      out[c.key] = (await isArrayKey(sim, c.key)) ? [...c.values] : c.values[0];
    }
  }
  return out;
}

function matchedStatements(action: string, analysis: SimAnalysis): MatchedStatement[] {
  const out: MatchedStatement[] = [];
  const add = (policy: string, effect: string, statements: SimAnalysis['resourceAnalysis']) => {
    for (const s of effect === 'Allow' ? (statements?.allowStatements ?? []) : (statements?.denyStatements ?? [])) {
      const name = policy === TRUST_POLICY ? TRUST_POLICY : (s.policyId ?? policy);
      if (name === ASSUMED_CALLER_POLICY) continue;
      out.push({ action, policy: name, effect, statement: statementLabel(s.statement) });
    }
  };
  add(TRUST_POLICY, 'Deny', analysis.resourceAnalysis);
  add(TRUST_POLICY, 'Allow', analysis.resourceAnalysis);
  add('identity policy', 'Deny', analysis.identityAnalysis);
  add('identity policy', 'Allow', analysis.identityAnalysis);
  add('permissions boundary', 'Deny', analysis.permissionBoundaryAnalysis);
  return out;
}

function statementLabel(statement: { sid?(): string | undefined; index?(): number }): string {
  const sid = statement.sid?.();
  return sid ? sid : `statement ${statement.index?.() ?? '?'}`;
}

function denialReason(
  action: string,
  request: AssumeRequest,
  roleArn: string,
  analysis: SimAnalysis,
  callerPolicies: SimNamedPolicy[],
): string {
  if (analysis.result === 'ExplicitlyDenied') {
    const where = [
      analysis.resourceAnalysis?.result === 'ExplicitlyDenied' ? 'the trust policy' : undefined,
      analysis.identityAnalysis?.result === 'ExplicitlyDenied' ? "the caller's identity policies" : undefined,
      analysis.permissionBoundaryAnalysis?.result === 'ExplicitlyDenied'
        ? "the caller's permissions boundary"
        : undefined,
    ].filter((x) => x !== undefined);
    return `${action}: explicitly denied by ${where.join(' and ') || 'a Deny statement'}.`;
  }
  const trust = analysis.resourceAnalysis?.result;
  if (trust !== 'Allowed' && trust !== 'AllowedForAccount') {
    return `${action}: no statement of the trust policy allows ${request.principal} with this request context.`;
  }
  const assumed = callerPolicies.some((p) => p.name === ASSUMED_CALLER_POLICY);
  if (!assumed && analysis.identityAnalysis?.result !== 'Allowed') {
    return `${action}: the trust policy allows it, but no identity policy of the caller allows ${action} on ${roleArn}.`;
  }
  if (analysis.permissionBoundaryAnalysis && analysis.permissionBoundaryAnalysis.result !== 'Allowed') {
    return `${action}: the trust policy allows it, but the caller's permissions boundary does not.`;
  }
  return `${action}: denied (${analysis.result}).`;
}

function describeKind(kind: string): string {
  switch (kind) {
    case 'web-identity':
      return 'A web identity federated caller';
    case 'saml':
      return 'A SAML federated caller';
    default:
      return 'A service principal';
  }
}

function unique(values: readonly string[]): string[] {
  return values.filter((v, i) => values.indexOf(v) === i);
}

function explain(result: Omit<TrustResult, 'explanation'>, request: AssumeRequest): string {
  const lines = [
    `${result.decision}: ${request.toString()}`,
    `  role: ${result.role} (${result.roleArn})${result.trustOnly ? ', trust policy only' : ', trust policy and caller policies'}`,
  ];
  for (const a of result.actions) {
    lines.push(
      `  ${a.action}: ${a.decision} (evaluator: ${a.evaluatorResult})${a.ignoredContextKeys.length ? `, ignored keys: ${a.ignoredContextKeys.join(', ')}` : ''}`,
    );
  }
  for (const s of result.matchedStatements) {
    lines.push(`  ${s.action}: ${s.effect} by ${s.policy}, ${s.statement}`);
  }
  for (const r of result.reasons) lines.push(`  - ${r}`);
  return lines.join('\n');
}
