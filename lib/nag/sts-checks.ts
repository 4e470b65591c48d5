import * as fs from 'fs';
import { CfnResource, IPolicyValidationContext, PolicyValidationPluginReport, Token, Validations } from 'aws-cdk-lib';
import { NagPack, NagPackProps } from 'cdk-nag/lib/nag-pack';
import { NagRuleCompliance } from 'cdk-nag/lib/nag-rules';
import { IConstruct } from 'constructs';
import { invalidInput } from '../private/errors';
import { StsLimits } from '../trust/limits';
import { ACCOUNT_ID, ORGANIZATION_ID } from '../private/iam';
import { READ_TYPES } from './read-types';
import { failureOf, isFailure, Verdict } from './rule-subject';
import { STS_RULES } from './rules';
import { endPass, startPass, subjectOfNode, SynthesizedTemplates } from './stack-templates';
import { DEFAULT_TRUST_POLICY_SIZE_QUOTA, RuleOptions } from './sts-rule';

/** The largest trust policy quota AWS grants on request (characters, whitespace not counted). */
const MAX_TRUST_POLICY_SIZE_QUOTA = StsLimits.TRUST_POLICY_MAX_QUOTA;

/**
 * Properties of the StsChecks pack: what only you know about your accounts.
 */
export interface StsChecksProps extends NagPackProps {
  /**
   * Accounts that count as your own: trusting their account root without ExternalId, MFA or principal ARNs is
   * not reported by `StsChecks-CrossAccountTrustWithoutGuard`. Each a 12-digit account id.
   *
   * The account of the stack being checked always counts as your own when it is concrete.
   *
   * @default - only each stack's own account
   */
  readonly ownAccounts?: string[];

  /**
   * Your AWS Organizations id (`o-` followed by 10 to 32 lower-case letters or digits). A cross-account trust
   * statement that requires this organization (`aws:PrincipalOrgID`, or `aws:PrincipalOrgPaths` under it) is not
   * reported by `StsChecks-CrossAccountTrustWithoutGuard`.
   *
   * @default - no organization is exempt
   */
  readonly organizationId?: string;

  /**
   * The trust policy size quota of your accounts, in characters without whitespace, checked by
   * `StsChecks-TrustPolicyTooLarge`. Raise it only after Service Quotas raised "Role trust policy length".
   *
   * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html
   * @default 2048
   */
  readonly trustPolicySizeQuota?: number;

  /**
   * The `SAML:aud` values accepted by `StsChecks-SamlAudienceNotPinned`; when given, only these exact values are.
   *
   * @default - the AWS sign-in SAML endpoints of every partition, global or regional
   *   (`https://signin.aws.amazon.com/saml`, `https://REGION.signin.aws.amazon.com/saml`, `.../saml/acs/ID`)
   */
  readonly samlAudiences?: string[];
}

/**
 * A cdk-nag (v3) rule pack for dangerous or broken STS trust: wildcard and unguarded cross-account trust, weak
 * ExternalIds, unpinned OIDC / Cognito / SAML federation, condition mistakes, assume-role grants on `*`, Cognito guest
 * access, service trust without source conditions, and trust that AWS would reject at deploy time.
 *
 * It reads CloudFormation resources only (roles, users, groups, policies, Cognito identity pools), so it works on
 * resources of any construct library, raw `CfnResource`s and templates brought in with `CfnInclude`.
 *
 * Register it on the app; any finding fails `cdk synth` until it is fixed or acknowledged with a reason.
 *
 * @see https://github.com/cdklabs/cdk-nag
 * @example
 * import { App, Validations } from 'aws-cdk-lib';
 * import { StsChecks } from 'cdk-sts-kit';
 *
 * const app = new App();
 * Validations.of(app).addPlugins(new StsChecks(app, {
 *   organizationId: 'o-a1b2c3d4e5',
 *   ownAccounts: ['111111111111', '222222222222'],
 * }));
 */
export class StsChecks extends NagPack {
  /** The plugin name (and the prefix of every rule id). */
  public readonly name = 'StsChecks';

  /**
   * The ids of every rule of the pack (`StsChecks-<RuleName>`). Always set; optional only because it overrides
   * `NagPack.ruleIds`, which is.
   */
  public readonly ruleIds?: string[];

  private readonly options: RuleOptions;

  constructor(scope?: IConstruct, props: StsChecksProps = {}) {
    super(scope, props);
    this.packName = 'StsChecks';
    this.ruleIds = STS_RULES.map((rule) => `${this.packName}-${rule.name}`);
    this.options = {
      ownAccounts: [...checkOwnAccounts(props.ownAccounts)],
      organizationId: checkOrganizationId(props.organizationId),
      trustPolicySizeQuota: checkQuota(props.trustPolicySizeQuota),
      samlAudiences: checkSamlAudiences(props.samlAudiences),
    };
  }

  /**
   * Entry point of `cdk synth` (through `Validations.of(app).addPlugins`): reads the templates CDK just synthesized,
   * so resources are not resolved a second time, then validates the app's construct tree.
   */
  public validate(context: IPolicyValidationContext): PolicyValidationPluginReport {
    const app = (context as { appConstruct?: IConstruct }).appConstruct;
    if (!app) return super.validate(context);
    return this.pass(readSynthesizedTemplates(context), () => super.validateScope(app));
  }

  /** Validates a construct tree directly (tests, or code that runs the pack itself), resolving each resource. */
  public validateScope(scope: IConstruct): PolicyValidationPluginReport {
    return this.pass(undefined, () => super.validateScope(scope));
  }

  /**
   * Runs every rule on the resource's subject in its stack's template (one `IamTemplate` per stack and pass); the
   * finding's description names the variant that fails (a parameter default, a condition branch) when there is one.
   */
  protected checkResource(node: CfnResource): void {
    if (!READ_TYPES.has(node.cfnResourceType)) return;
    const subject = subjectOfNode(node);
    if (!subject) return;
    const prefixed = prefixedAcknowledgements(node);
    for (const rule of STS_RULES) {
      if (prefixed.size > 0 && prefixed.has(`stschecks::${this.packName}-${rule.name}`.toLowerCase())) continue;
      let verdict: Verdict | undefined;
      let error: unknown;
      try {
        verdict = rule.check(subject, this.options);
      } catch (e) {
        error = e;
      }
      const failed = verdict !== undefined && isFailure(verdict);
      if (!failed && error === undefined) continue; // cdk-nag records nothing for a compliant resource
      const { variant, detail } = failed ? failureOf(verdict!) : {};
      const info = [rule.info, detail, variant ? `Fails ${variant}.` : undefined].filter(Boolean).join(' ');
      this.applyRule({
        ruleSuffixOverride: rule.name,
        info,
        explanation: rule.explanation,
        level: rule.level,
        node,
        rule: () => {
          if (error !== undefined) throw error;
          return failed ? NagRuleCompliance.NON_COMPLIANT : NagRuleCompliance.COMPLIANT;
        },
      });
    }
  }

  private pass(
    templates: SynthesizedTemplates | undefined,
    run: () => PolicyValidationPluginReport,
  ): PolicyValidationPluginReport {
    startPass(templates);
    try {
      return run();
    } finally {
      endPass();
    }
  }
}

/**
 * The rule ids acknowledged on the node or an ancestor with the prefix synth prints (`StsChecks::StsChecks-X`), lower
 * case: cdk-nag's own check (used by `validateScope`) only knows the bare id.
 */
function prefixedAcknowledgements(node: IConstruct): Set<string> {
  const ids = new Set<string>();
  for (let current: IConstruct | undefined = node; current; current = current.node.scope) {
    for (const entry of current.node.metadata) {
      if (entry.type !== Validations.ACKNOWLEDGED_RULES_METADATA_KEY || !entry.data) continue;
      for (const key of Object.keys(entry.data)) if (/^stschecks::/i.test(key)) ids.add(key.toLowerCase());
    }
  }
  return ids;
}

/**
 * Each synthesized template of the validation context, by stack construct path, each read and parsed once, the first
 * time a resource of that stack is checked (stacks without IAM resources are never read).
 */
function readSynthesizedTemplates(context: IPolicyValidationContext): SynthesizedTemplates {
  const templates: SynthesizedTemplates = new Map();
  for (const stack of context.stackTemplates ?? []) {
    let read = false;
    let template: unknown;
    templates.set(stack.stackConstructPath, () => {
      if (!read) {
        read = true;
        try {
          template = JSON.parse(fs.readFileSync(stack.templatePath, 'utf8'));
        } catch {
          template = undefined; // unreadable: the stack is rendered from the construct tree instead
        }
      }
      return template;
    });
  }
  return templates;
}

const WHERE = 'StsChecks';

function checkOwnAccounts(accounts: string[] | undefined): string[] {
  for (const account of accounts ?? []) {
    if (!Token.isUnresolved(account) && !ACCOUNT_ID.test(account)) {
      throw invalidInput(WHERE, 'ownAccounts entry', account, 'a 12-digit AWS account id');
    }
  }
  return accounts ?? [];
}

function checkOrganizationId(id: string | undefined): string | undefined {
  if (id !== undefined && !Token.isUnresolved(id) && !ORGANIZATION_ID.test(id)) {
    throw invalidInput(
      WHERE,
      'organizationId',
      id,
      "an AWS Organizations id: 'o-' then 10 to 32 lower-case letters or digits",
    );
  }
  return id;
}

function checkQuota(quota: number | undefined): number {
  if (quota === undefined) return DEFAULT_TRUST_POLICY_SIZE_QUOTA;
  if (!Number.isInteger(quota) || quota < 1 || quota > MAX_TRUST_POLICY_SIZE_QUOTA) {
    throw invalidInput(
      WHERE,
      'trustPolicySizeQuota',
      quota,
      `an integer from 1 to ${MAX_TRUST_POLICY_SIZE_QUOTA} (characters)`,
    );
  }
  return quota;
}

function checkSamlAudiences(audiences: string[] | undefined): string[] | undefined {
  if (audiences === undefined) return undefined;
  if (audiences.length === 0) {
    throw invalidInput(
      WHERE,
      'samlAudiences',
      audiences,
      'at least one audience, or no samlAudiences for the AWS sign-in endpoints',
    );
  }
  for (const audience of audiences) {
    if (!Token.isUnresolved(audience) && (audience.trim() === '' || /[*?\s]/.test(audience))) {
      throw invalidInput(
        WHERE,
        'samlAudiences entry',
        audience,
        'an exact audience URL without wildcards or whitespace',
      );
    }
  }
  return [...audiences];
}
