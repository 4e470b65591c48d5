import * as fs from 'fs';
import { CfnStackSet, Lazy, Names, RemovalPolicy, Stack, Stage, Token } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { RolloutTarget } from './rollout-target';
import { StsChecksProps } from '../nag/sts-checks'; // a type only: elided at run time, the pack loads on use
import { invalidInput } from '../private/errors';

/** Largest template CloudFormation accepts inline (`TemplateBody`), in bytes. */
const TEMPLATE_BODY_MAX_BYTES = 51_200;
/** Region names as AWS spells them (`us-east-1`, `us-gov-west-1`, `cn-north-1`, `ap-southeast-5`). */
const REGION = /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/;
const STACK_SET_NAME = /^[a-zA-Z][a-zA-Z0-9-]{0,127}$/;

/**
 * How a StackSet operation moves through regions.
 */
export enum RegionConcurrency {
  /** One region at a time, in the order of `regions` (CloudFormation's default). */
  SEQUENTIAL = 'SEQUENTIAL',
  /** All regions at once. */
  PARALLEL = 'PARALLEL',
}

/**
 * Properties of an {@link OrganizationRollout}.
 */
export interface OrganizationRolloutProps {
  /**
   * The stack whose template every target account receives: roles built with this library, nothing that needs
   * assets (no bootstrap exists in member accounts, so a stack with file or image assets fails at synth).
   *
   * Put it in a `Stage` of its own (or another `App`) without an account, so that `cdk deploy` never deploys it
   * directly and its template names no account: it runs in every member account.
   */
  readonly memberStack: Stack;

  /** The accounts that receive the member stack: organizational units or an account list. */
  readonly target: RolloutTarget;

  /** The regions of every target account that receive the stack (IAM is global: one region is usually enough). */
  readonly regions: string[];

  /**
   * The stack set's name.
   * @default - built from the construct path (letters, digits and hyphens, at most 128 characters)
   */
  readonly stackSetName?: string;

  /**
   * The stack set's description.
   * @default - none
   */
  readonly description?: string;

  /**
   * Most accounts deployed at the same time, per region. At most one of `maxConcurrentCount` and
   * `maxConcurrentPercentage`.
   * @default - 1 (CloudFormation's default)
   */
  readonly maxConcurrentCount?: number;

  /**
   * Most accounts deployed at the same time, per region, as a percentage of the target accounts (1 to 100).
   * @default - 1 account
   */
  readonly maxConcurrentPercentage?: number;

  /**
   * Accounts per region that may fail before CloudFormation stops the operation in that region. At most one of
   * `failureToleranceCount` and `failureTolerancePercentage`.
   * @default - 0 (CloudFormation's default)
   */
  readonly failureToleranceCount?: number;

  /**
   * Accounts per region that may fail, as a percentage (0 to 100) of the target accounts.
   * @default - 0
   */
  readonly failureTolerancePercentage?: number;

  /**
   * Let failures not lower the concurrency (`SOFT_FAILURE_TOLERANCE`) instead of keeping failed accounts at most
   * `failureToleranceCount + 1` (`STRICT_FAILURE_TOLERANCE`, CloudFormation's default).
   * @default false
   * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_StackSetOperationPreferences.html
   */
  readonly softFailureTolerance?: boolean;

  /**
   * How the operations move through regions.
   * @default RegionConcurrency.SEQUENTIAL
   */
  readonly regionConcurrency?: RegionConcurrency;

  /**
   * What happens to the stack set, and so to the roles of every member account, when this construct leaves the app
   * or its stack is deleted. `RETAIN` keeps the stack set and every stack instance.
   * @default RemovalPolicy.RETAIN - removing roles from hundreds of accounts is never a side effect
   */
  readonly removalPolicy?: RemovalPolicy;

  /**
   * Deploy as a delegated administrator of the organization instead of from the management account
   * (service-managed permissions only).
   * @default false
   */
  readonly delegatedAdmin?: boolean;

  /**
   * Let StackSets run non-conflicting operations concurrently and queue the others.
   * @default false
   */
  readonly managedExecution?: boolean;

  /**
   * Run this library's StsChecks on the member stack at synth: a finding (not acknowledged with a reason) fails the
   * synth, naming the member resource.
   * @default true
   */
  readonly checkMemberStack?: boolean;

  /**
   * Options of the StsChecks run on the member stack (`ownAccounts`, `organizationId`, ...).
   * @default - StsChecks' defaults
   */
  readonly memberStackChecks?: StsChecksProps;
}

/**
 * Deploys a stack of roles to every account of an organization's units, or of an account list, through one
 * `AWS::CloudFormation::StackSet`.
 *
 * The member template is synthesized from a `Stack` of this library's constructs and inlined as `TemplateBody`:
 * no assets, no bootstrap in the member accounts. The synth fails when the member stack has assets, names a
 * concrete account, exceeds CloudFormation's 51,200-byte inline template limit, or has a StsChecks finding.
 *
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/what-is-cfnstacksets.html
 * @example
 * const members = new Stage(app, 'Members');
 * const roles = new Stack(members, 'WorkloadRoles', { synthesizer: new BootstraplessSynthesizer() });
 * new CrossAccountRole(roles, 'Admin', { roleName: 'Admin', trustedParties: [TrustedParty.account('111111111111')] });
 *
 * new OrganizationRollout(managementStack, 'WorkloadRoles', {
 *   memberStack: roles,
 *   target: RolloutTarget.organizationalUnits(['ou-ab12-cdef3456']),
 *   regions: ['us-east-1'],
 *   maxConcurrentPercentage: 25,
 *   failureTolerancePercentage: 10,
 * });
 */
export class OrganizationRollout extends Construct {
  /** The stack set resource. */
  public readonly stackSet: CfnStackSet;
  /** The stack set's name. */
  public readonly stackSetName: string;
  /** The stack whose template the member accounts receive. */
  public readonly memberStack: Stack;
  /** Where the stack set deploys. */
  public readonly target: RolloutTarget;

  private readonly checkMember: boolean;
  private readonly checksProps?: StsChecksProps;
  private memberTemplate?: { readonly body: string; readonly template: any };

  constructor(scope: Construct, id: string, props: OrganizationRolloutProps) {
    super(scope, id);
    this.memberStack = props.memberStack;
    this.target = props.target;
    this.checkMember = props.checkMemberStack ?? true;
    this.checksProps = props.memberStackChecks;
    props.target._validate(this);
    validateMemberStack(this, props.memberStack);
    const regions = validateRegions(this, props.regions);
    validateOperationPreferences(this, props);
    const serviceManaged = props.target.permissionModel === 'SERVICE_MANAGED';
    if (props.delegatedAdmin && !serviceManaged) {
      throw invalidInput(
        this,
        'delegatedAdmin',
        true,
        'false for an account list (delegated administrators deploy to organizational units only)',
      );
    }

    this.stackSetName =
      props.stackSetName ??
      Names.uniqueResourceName(this, { maxLength: 128, separator: '-' }).replace(/[^a-zA-Z0-9-]/g, '');
    if (!Token.isUnresolved(this.stackSetName) && !STACK_SET_NAME.test(this.stackSetName)) {
      throw invalidInput(
        this,
        'stackSetName',
        this.stackSetName,
        'a letter then at most 127 letters, digits or hyphens',
      );
    }

    const ou = props.target;
    this.stackSet = new CfnStackSet(this, 'Resource', {
      stackSetName: this.stackSetName,
      description: props.description,
      permissionModel: ou.permissionModel,
      autoDeployment: serviceManaged
        ? {
            enabled: ou.autoDeploy,
            retainStacksOnAccountRemoval: ou.autoDeploy ? ou.retainStacksOnAccountRemoval : undefined,
          }
        : undefined,
      administrationRoleArn: ou.administrationRole?.roleArn,
      executionRoleName: ou.executionRoleName,
      callAs: serviceManaged ? (props.delegatedAdmin ? 'DELEGATED_ADMIN' : 'SELF') : undefined,
      capabilities: ['CAPABILITY_NAMED_IAM'],
      managedExecution: props.managedExecution ? { Active: true } : undefined,
      operationPreferences: operationPreferences(props, regions),
      stackInstancesGroup: [
        {
          regions,
          deploymentTargets: serviceManaged
            ? { organizationalUnitIds: [...ou.organizationalUnitIds] }
            : { accounts: [...ou.accountIds] },
        },
      ],
      templateBody: Lazy.string({ produce: () => this.template().body }),
    });
    this.stackSet.applyRemovalPolicy(props.removalPolicy ?? RemovalPolicy.RETAIN);

    this.node.addValidation({ validate: () => this.validateMember() });
  }

  /** The member template as the stack set deploys it (JSON), read from the member stack's synthesis. */
  public get templateBody(): string {
    return this.template().body;
  }

  private template(): { readonly body: string; readonly template: any } {
    if (this.memberTemplate) return this.memberTemplate;
    const stage = Stage.of(this.memberStack);
    if (!stage) throw invalidInput(this, 'memberStack', this.memberStack.node.path, 'a stack inside an App or Stage');
    const artifact = stage.synth().getStackArtifact(this.memberStack.artifactId);
    const assets = countAssets(artifact);
    if (assets > 0) {
      throw invalidInput(
        this,
        'memberStack',
        `${this.memberStack.node.path} with ${assets} asset(s)`,
        'a stack without file or container image assets (member accounts have no bootstrap bucket or repository; inline code, no Lambda bundles or Docker images)',
      );
    }
    const template = withoutBootstrapCheck(artifact.template);
    const body = JSON.stringify(template);
    const bytes = Buffer.byteLength(body, 'utf8');
    if (bytes > TEMPLATE_BODY_MAX_BYTES) {
      throw invalidInput(
        this,
        'member template size',
        `${bytes} bytes`,
        `at most ${TEMPLATE_BODY_MAX_BYTES} bytes (CloudFormation's TemplateBody limit); split the roles across several rollouts`,
      );
    }
    this.memberTemplate = { body, template };
    return this.memberTemplate;
  }

  private validateMember(): string[] {
    let template: any;
    try {
      template = this.template().template;
    } catch (e) {
      return [(e as Error).message];
    }
    const errors: string[] = [];
    const required = Object.entries<any>(template.Parameters ?? {})
      .filter(([, p]) => p.Default === undefined)
      .map(([name]) => name);
    if (required.length > 0) {
      errors.push(
        `${this.node.path}: the member template has parameters without defaults (${required.join(', ')}); the stack set passes none`,
      );
    }
    if (this.checkMember) {
      // The pack is loaded here, on first use: an app that never rolls out never loads it.
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { StsChecks } = require('../nag/sts-checks') as typeof import('../nag/sts-checks');
      const report = new StsChecks(undefined, this.checksProps ?? {}).validateScope(this.memberStack);
      for (const violation of report.violations) {
        const where = violation.violatingResources
          .map((r) => (r as { constructPath?: string }).constructPath ?? r.resourceLogicalId)
          .join(', ');
        errors.push(
          `${this.node.path}: member stack ${this.memberStack.node.path}: ${violation.ruleName} on ${where}: ${violation.description}`,
        );
      }
    }
    return errors;
  }
}

function validateMemberStack(scope: OrganizationRollout, member: Stack): void {
  const own = Stack.of(scope);
  if (member === own) {
    throw invalidInput(scope, 'memberStack', member.node.path, 'a stack other than the one holding the rollout');
  }
  if (Stage.of(member) === Stage.of(own)) {
    throw invalidInput(
      scope,
      'memberStack',
      member.node.path,
      `a stack in a Stage of its own (or another App): in the same stage as ${own.node.path}, \`cdk deploy\` would deploy it directly too`,
    );
  }
  if (!Token.isUnresolved(member.account)) {
    throw invalidInput(
      scope,
      'memberStack account',
      member.account,
      'an environment-agnostic stack (no env.account): its template runs in every member account',
    );
  }
}

function validateRegions(scope: Construct, regions: string[]): string[] {
  if (regions.length === 0) throw invalidInput(scope, 'regions', regions, 'at least one region');
  const seen = new Set<string>();
  for (const region of regions) {
    if (Token.isUnresolved(region)) continue;
    if (!REGION.test(region)) throw invalidInput(scope, 'region', region, "a region name such as 'us-east-1'");
    if (seen.has(region)) throw invalidInput(scope, 'regions', region, 'each region once');
    seen.add(region);
  }
  return [...regions];
}

function validateOperationPreferences(scope: Construct, props: OrganizationRolloutProps): void {
  const both = (a: number | undefined, b: number | undefined, what: string) => {
    if (a !== undefined && b !== undefined)
      throw invalidInput(scope, what, { count: a, percentage: b }, 'a count or a percentage, not both');
  };
  both(props.maxConcurrentCount, props.maxConcurrentPercentage, 'max concurrency');
  both(props.failureToleranceCount, props.failureTolerancePercentage, 'failure tolerance');
  const integer = (value: number | undefined, what: string, min: number, max: number) => {
    if (value === undefined || Token.isUnresolved(value)) return;
    if (!Number.isInteger(value) || value < min || value > max)
      throw invalidInput(scope, what, value, `an integer from ${min} to ${max}`);
  };
  integer(props.maxConcurrentCount, 'maxConcurrentCount', 1, 10_000);
  integer(props.maxConcurrentPercentage, 'maxConcurrentPercentage', 1, 100);
  integer(props.failureToleranceCount, 'failureToleranceCount', 0, 10_000);
  integer(props.failureTolerancePercentage, 'failureTolerancePercentage', 0, 100);
}

function operationPreferences(
  props: OrganizationRolloutProps,
  regions: string[],
): CfnStackSet.OperationPreferencesProperty | undefined {
  const prefs: CfnStackSet.OperationPreferencesProperty = {
    maxConcurrentCount: props.maxConcurrentCount,
    maxConcurrentPercentage: props.maxConcurrentPercentage,
    failureToleranceCount: props.failureToleranceCount,
    failureTolerancePercentage: props.failureTolerancePercentage,
    concurrencyMode: props.softFailureTolerance ? 'SOFT_FAILURE_TOLERANCE' : undefined,
    regionConcurrencyType: props.regionConcurrency,
    regionOrder:
      regions.length > 1 && props.regionConcurrency !== RegionConcurrency.PARALLEL ? [...regions] : undefined,
  };
  return Object.values(prefs).some((v) => v !== undefined) ? prefs : undefined;
}

/** File and container image assets of a synthesized stack, the template itself not counted. */
function countAssets(artifact: { assets: unknown[]; dependencies: unknown[]; templateFile: string }): number {
  let count = artifact.assets.length; // legacy synthesizer: asset metadata on the stack
  for (const dependency of artifact.dependencies) {
    const file = (dependency as { file?: unknown }).file;
    if (typeof file !== 'string' || !file.endsWith('.assets.json')) continue;
    const manifest = JSON.parse(fs.readFileSync(file, 'utf8')) as {
      files?: Record<string, { source?: { path?: string } }>;
      dockerImages?: Record<string, unknown>;
    };
    count += Object.values(manifest.files ?? {}).filter((f) => f.source?.path !== artifact.templateFile).length;
    count += Object.keys(manifest.dockerImages ?? {}).length;
  }
  return count;
}

/**
 * The default synthesizer's `BootstrapVersion` parameter and `CheckBootstrapVersion` rule read an SSM parameter that
 * only exists in bootstrapped accounts; member accounts are not bootstrapped, so the copy rolled out drops them.
 */
function withoutBootstrapCheck(template: any): any {
  const copy = { ...template };
  if (copy.Parameters?.BootstrapVersion) {
    const { BootstrapVersion: _dropped, ...rest } = copy.Parameters;
    copy.Parameters = Object.keys(rest).length > 0 ? rest : undefined;
  }
  if (copy.Rules?.CheckBootstrapVersion) {
    const { CheckBootstrapVersion: _dropped, ...rest } = copy.Rules;
    copy.Rules = Object.keys(rest).length > 0 ? rest : undefined;
  }
  return JSON.parse(JSON.stringify(copy));
}
