import { Token, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { IConstruct } from 'constructs';
import { invalidInput } from '../../private/errors';
import { ConditionMap, mergeConditions, oneOrMany } from '../../trust/conditions';
import { TrustStatementSpec, federatedStatement } from '../../trust/trust-statement';
import { literalText, parameterVariants } from '../../trust/deploy-time';
import { hasIamWildcard, isUnresolved } from '../../trust/validators';

export { literalText, parameterVariants, withParameterValues } from '../../trust/deploy-time';
import { StsOidcProvider } from './sts-oidc-provider';

/*
 * Internal: how the OIDC roles of this library write their trust statements.
 */

/** The action of OIDC federation. */
export const WEB_IDENTITY_ACTION = 'sts:AssumeRoleWithWebIdentity';

/** One value a claim may hold, and whether it is a `StringLike` pattern. */
export interface ClaimValue {
  readonly value: string;
  readonly wildcard: boolean;
}

/**
 * A claim value, flagged as a pattern when it is one: when `pattern` says so (a builder whose value is a
 * `StringLike` pattern, whatever a deploy-time part of it holds), or when its literal text (tokens aside) holds
 * `*` or `?`. A value with a token part keeps `StringLike` when it is a pattern, so the wildcard still works.
 */
export function claimValue(value: string, pattern = false): ClaimValue {
  return { value, wildcard: pattern || hasIamWildcard(literalText(value)) };
}

/**
 * Throws when the part of a pattern subject that fixes the tenant (the owner, repository, project, namespace)
 * is a token: a deploy-time value of `*` would make the pattern span every tenant of the issuer.
 */
export function refuseTokenTenant(scope: IConstruct, what: string, value: string, builder: string): void {
  if (!isUnresolved(value)) return;
  throw invalidInput(
    scope,
    what,
    '<a deploy-time value>',
    `a literal ${what} in ${builder}: its subject is a StringLike pattern, and a deploy-time value such as '*' would let every ` +
      `${what.split(' ')[0]} of the issuer match (use the exact builders for deploy-time values, or write the value at synth)`,
  );
}

/**
 * The issuer of a provider as its condition keys start (`token.actions.githubusercontent.com`), which must be a
 * literal: IAM condition keys cannot be tokens.
 */
export function providerIssuer(scope: IConstruct, provider: iam.IOidcProvider): string {
  const issuer = provider.oidcProviderIssuer;
  if (Token.isUnresolved(issuer)) {
    throw invalidInput(
      scope,
      'OIDC provider',
      provider.node.path,
      'a provider whose issuer is known at synth time: a provider of this library, or one imported with StsOidcProvider.fromUrl or fromArn ' +
        "(aws-cdk-lib's OidcProviderNative gives its issuer as a token, and trust-policy condition keys cannot be tokens)",
    );
  }
  return issuer;
}

/**
 * Throws when the provider is one of this library's and does not list an audience among its client ids:
 * STS would then refuse every token with `InvalidIdentityToken: Incorrect token audience`.
 */
export function checkAudiencesRegistered(
  scope: IConstruct,
  provider: iam.IOidcProvider,
  audiences: readonly string[],
): void {
  if (!(provider instanceof StsOidcProvider)) return;
  const known = provider.clientIds;
  if (known.some((c) => isUnresolved(c))) return;
  for (const audience of audiences) {
    if (isUnresolved(audience)) continue;
    if (!known.includes(audience)) {
      throw invalidInput(
        scope,
        'audience',
        audience,
        `one of the client ids of provider ${provider.node.path} (${known.join(', ')}): STS refuses tokens for other audiences`,
      );
    }
  }
}

/** Values without duplicates, in their first order. */
export function unique<T extends { readonly value: string }>(values: readonly T[]): T[] {
  const seen = new Set<string>();
  return values.filter((v) => (seen.has(v.value) ? false : (seen.add(v.value), true)));
}

/**
 * The condition on one claim: `StringEquals` when every value is exact, `StringLike` when one holds a wildcard
 * (a `StringLike` value without wildcard still matches exactly, so the exact values keep their meaning).
 */
export function claimCondition(key: string, values: readonly ClaimValue[]): ConditionMap {
  const list = unique(values);
  if (list.length === 0) return {};
  const operator = list.some((v) => v.wildcard) ? 'StringLike' : 'StringEquals';
  return { [operator]: { [key]: oneOrMany(list.map((v) => v.value)) } };
}

/** What a web-identity trust is made of. */
export interface WebIdentityTrust {
  /** The `Federated` principal: the provider's ARN, or a built-in IdP (`accounts.google.com`). */
  readonly federated: string;
  /** The audience key (`<issuer>:aud`) and its exact values. */
  readonly audienceKey: string;
  readonly audiences: readonly string[];
  /** The subject key (`<issuer>:sub`) and the subjects, exact or patterns. */
  readonly subjectKey: string;
  readonly subjects: readonly ClaimValue[];
  /** Conditions every statement carries besides audience and subject (other claims). */
  readonly extraConditions?: ConditionMap;
  /** Actions besides `sts:AssumeRoleWithWebIdentity`. */
  readonly extraActions?: readonly string[];
}

/**
 * Records a written reason for an owner- or namespace-wide subject as the acknowledgement of the StsChecks warning
 * it raises (`StsChecks-WebIdentitySubjectBroad`) on the role. Returns whether it did.
 */
export function acknowledgeBroadTrust(scope: IConstruct, reason: string | undefined, what: string): boolean {
  if (reason === undefined) return false;
  if (isUnresolved(reason) || reason.trim().length < 10) {
    throw invalidInput(scope, `reason for trusting ${what}`, reason, 'a written reason of at least 10 characters');
  }
  Validations.of(scope).acknowledge({ id: 'StsChecks-WebIdentitySubjectBroad', reason: `${what}: ${reason}` });
  return true;
}

/** Throws when a value meant to match exactly may hold `*` or `?` once a parameter takes its default or an allowed value. */
export function refuseWildcardVariants(path: string, what: string, values: readonly string[], expected: string): void {
  for (const value of values) {
    for (const variant of parameterVariants(value)) {
      if (hasIamWildcard(literalText(variant.value))) {
        throw invalidInput(
          path,
          what,
          `${literalText(variant.value)} (with ${variant.parameter})`,
          `${expected} (no '*' or '?' in any value the parameter can take: under StringEquals a wildcard never matches)`,
        );
      }
    }
  }
}

/**
 * The trust statements of a web identity: the exact subjects under `StringEquals` in one statement, the patterns
 * under `StringLike` in another. They cannot share one statement: IAM ANDs the operators of a statement, so a
 * token would have to match an exact subject AND a pattern. Every statement pins the audience with `StringEquals`.
 */
export function webIdentityStatements(path: string, trust: WebIdentityTrust): TrustStatementSpec[] {
  const subjects = unique(trust.subjects);
  const audience: ConditionMap = { StringEquals: { [trust.audienceKey]: oneOrMany([...new Set(trust.audiences)]) } };
  const exact = subjects.filter((s) => !s.wildcard).map((s) => s.value);
  refuseWildcardVariants(path, 'subject', exact, 'an exact subject');
  refuseWildcardVariants(path, 'audience', trust.audiences, 'an exact audience');
  const patterns = subjects.filter((s) => s.wildcard).map((s) => s.value);
  const statements: TrustStatementSpec[] = [];
  for (const [operator, values] of [
    ['StringEquals', exact],
    ['StringLike', patterns],
  ] as const) {
    if (values.length === 0) continue;
    statements.push(
      federatedStatement(
        trust.federated,
        WEB_IDENTITY_ACTION,
        mergeConditions(
          path,
          audience,
          { [operator]: { [trust.subjectKey]: oneOrMany(values) } },
          trust.extraConditions,
        ),
        trust.extraActions ?? [],
      ),
    );
  }
  return statements;
}
