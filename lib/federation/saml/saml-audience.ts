import { IConstruct } from 'constructs';
import { invalidInput } from '../../private/errors';
import { concretePartition, partitionOfRegion, regionalSigninHost, signinHost } from '../../private/partition';
import { withSynthValues } from '../../trust/validators';

const REGION = /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/;

/**
 * A value `SAML:aud` must equal in a SAML role's trust: the endpoint the IdP posts its assertion to
 * (the assertion's `Recipient`).
 *
 * Console audiences follow the stack's partition: `https://signin.aws.amazon.com/saml`,
 * `https://signin.amazonaws.cn/saml` in China, `https://signin.amazonaws-us-gov.com/saml` in GovCloud
 * (for environment-agnostic stacks, a `Fn::FindInMap` on `AWS::Partition`).
 *
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_iam-condition-keys.html#condition-keys-saml
 * @see https://docs.aws.amazon.com/signin/latest/userguide/sign-in-service.html
 * @example
 * SamlAudience.console();                         // https://signin.aws.amazon.com/saml
 * SamlAudience.regionalConsole('eu-central-1');   // https://eu-central-1.signin.aws.amazon.com/saml
 * SamlAudience.custom('https://broker.example.com/saml/acs');
 */
export class SamlAudience {
  /** The global console sign-in endpoint of the stack's partition. */
  public static console(): SamlAudience {
    return new SamlAudience('the console sign-in endpoint', true, (scope) => `https://${signinHost(scope)}/saml`);
  }

  /**
   * The regional console sign-in endpoint of `region` (`https://<region>.signin.<partition host>/saml`),
   * for IdPs configured with a regional sign-in URL. The region must be in the stack's partition.
   */
  public static regionalConsole(region: string): SamlAudience {
    return new SamlAudience(`the ${region} console sign-in endpoint`, true, (scope) => {
      validateRegion(scope, region);
      return `https://${regionalSigninHost(scope, region)}/saml`;
    });
  }

  /**
   * Any other endpoint, for API-only use (`AssumeRoleWithSAML` from a CLI or SDK tool): an absolute
   * `https://` URL, matched exactly (no wildcards).
   */
  public static custom(url: string): SamlAudience {
    return new SamlAudience(`custom audience ${url}`, false, (scope) => {
      validateCustomAudience(scope, url);
      return url;
    });
  }

  private constructor(
    /** What this audience is, for messages. */
    public readonly description: string,
    /** True for the console sign-in endpoints (global or regional). */
    public readonly isConsole: boolean,
    private readonly render: (scope: IConstruct) => string,
  ) {}

  /**
   * The audience URL as seen from `scope` (a literal, or a token for environment-agnostic stacks).
   * Validates the audience in that scope.
   */
  public resolveUrl(scope: IConstruct): string {
    return this.render(scope);
  }
}

function validateRegion(scope: IConstruct, region: string): void {
  withSynthValues(scope, region, (r) => validateRegionValue(scope, r));
}

function validateRegionValue(scope: IConstruct, region: string): void {
  if (!REGION.test(region)) {
    throw invalidInput(scope, 'SAML audience region', region, "an AWS region code like 'eu-central-1'");
  }
  const stackPartition = concretePartition(scope);
  const regionPartition = partitionOfRegion(region);
  if (stackPartition !== undefined && regionPartition !== undefined && stackPartition !== regionPartition) {
    throw invalidInput(
      scope,
      'SAML audience region',
      region,
      `a region of the stack's partition '${stackPartition}' (${region} is in '${regionPartition}', whose sign-in endpoint cannot sign in to this account)`,
    );
  }
}

function validateCustomAudience(scope: IConstruct, audience: string): void {
  withSynthValues(scope, audience, (url) => validateCustomAudienceValue(scope, url));
}

function validateCustomAudienceValue(scope: IConstruct, url: string): void {
  let parsed: URL | undefined;
  try {
    parsed = new URL(url);
  } catch {
    parsed = undefined;
  }
  if (!parsed || parsed.protocol !== 'https:' || /[*?\s]/.test(url) || parsed.hostname.length === 0) {
    throw invalidInput(
      scope,
      'SAML audience',
      url,
      "an absolute https:// URL without wildcards or spaces (the Recipient your IdP puts in its assertions), like 'https://signin.aws.amazon.com/saml'",
    );
  }
}
