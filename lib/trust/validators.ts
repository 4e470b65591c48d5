import { Duration, Stack, Token } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';

/** A construct, or the path of one not yet created (validation before `super()`). */
export type ScopeOrPath = IConstruct | string;
import { literalIn, parameterVariants, withParameterValues } from './deploy-time';
import { StsLimits } from './limits';
import { invalidInput } from '../private/errors';

/*
 * Synth-time validators shared by every construct. Each takes the construct (for the error's path),
 * skips values that are still tokens, and throws `invalidInput(...)` otherwise.
 */

/** A 12-digit AWS account id. */
export const ACCOUNT_ID = /^\d{12}$/;
/** Role names: 1-64 characters of `[\w+=,.@-]`. */
export const ROLE_NAME = /^[\w+=,.@-]{1,64}$/;
/** User names: 1-64 characters of `[\w+=,.@-]`. */
export const USER_NAME = /^[\w+=,.@-]{1,64}$/;
/** Group names: 1-128 characters of `[\w+=,.@-]`. */
export const GROUP_NAME = /^[\w+=,.@-]{1,128}$/;
/** ExternalId grammar of STS: 2-1,224 characters of `[\w+=,.@:/-]`. */
export const EXTERNAL_ID = /^[\w+=,.@:/-]{2,1224}$/;
/** IAM paths: `/` or `/segment/.../`, printable ASCII. */
export const IAM_PATH = /^(\/|\/[\u0021-\u007E]+\/)$/;
/** A Cognito identity pool id: `<region>:<GUID>` (at most 55 characters). */
export const IDENTITY_POOL_ID =
  /^[a-z]{2}(-[a-z]+)+-\d{1,2}:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** An AWS Organizations organization id. */
export const ORG_ID = /^o-[a-z0-9]{10,32}$/;
/** An organization entity path: `o-xxx/r-xxxx/ou-xxxx-xxxxxxxx/.../` optionally ending in `*`. */
export const ORG_PATH = /^o-[a-z0-9]{10,32}\/r-[0-9a-z]{4,32}(\/ou-[0-9a-z]{4,32}-[a-z0-9]{8,32})*\/(\*)?$/;
/**
 * An IAM user or role ARN (any partition), or an assumed-role session ARN; never a wildcard.
 * Groups 1: partition, 2: account, 3: resource type, 4: path + name.
 */
export const PRINCIPAL_ARN =
  /^arn:(aws|aws-cn|aws-us-gov):(?:iam|sts)::(\d{12}):(role|user|assumed-role|root)(?:\/([\w+=,.@/-]+))?$/;

export function isUnresolved(value: unknown): boolean {
  return value !== undefined && Token.isUnresolved(value);
}

export function validateAccountId(scope: ScopeOrPath, what: string, accountId: string): void {
  if (isUnresolved(accountId)) return;
  if (!ACCOUNT_ID.test(accountId)) throw invalidInput(scope, what, accountId, 'a 12-digit AWS account id');
}

export function validateIdentityPoolId(scope: ScopeOrPath, poolId: string): void {
  // a Lazy id as its value, a parameter by its Default and AllowedValues
  withSynthValues(scope, poolId, (id) => {
    if (!IDENTITY_POOL_ID.test(id)) {
      throw invalidInput(
        scope,
        'identity pool id',
        id,
        "a Cognito identity pool id like 'eu-west-1:11111111-2222-3333-4444-555555555555' (region, colon, GUID)",
      );
    }
  });
}

export function validateOrganizationId(scope: ScopeOrPath, orgId: string): void {
  if (isUnresolved(orgId)) return;
  if (!ORG_ID.test(orgId)) {
    throw invalidInput(
      scope,
      'organization id',
      orgId,
      "an AWS Organizations id like 'o-a1b2c3d4e5' (o- and 10 to 32 lowercase letters or digits)",
    );
  }
}

export function validateOrganizationPath(scope: ScopeOrPath, path: string): void {
  if (isUnresolved(path)) return;
  if (!ORG_PATH.test(path)) {
    throw invalidInput(
      scope,
      'organization path',
      path,
      "an organization entity path like 'o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/' (optionally ending in '*' to include child OUs)",
    );
  }
}

export function validateExternalId(scope: ScopeOrPath, externalId: string): void {
  if (isUnresolved(externalId)) return;
  if (!EXTERNAL_ID.test(externalId)) {
    throw invalidInput(
      scope,
      'ExternalId',
      externalId,
      `${StsLimits.EXTERNAL_ID_MIN_LENGTH} to ${StsLimits.EXTERNAL_ID_MAX_LENGTH} characters of letters, digits and + = , . @ : / - _`,
    );
  }
}

export function validateRoleName(scope: ScopeOrPath, roleName: string | undefined): void {
  if (roleName === undefined || isUnresolved(roleName)) return;
  if (!ROLE_NAME.test(roleName)) {
    throw invalidInput(
      scope,
      'role name',
      roleName,
      `1 to ${StsLimits.ROLE_NAME_MAX_LENGTH} characters of letters, digits and + = , . @ - _`,
    );
  }
}

export function validateUserName(scope: ScopeOrPath, userName: string | undefined): void {
  if (userName === undefined || isUnresolved(userName)) return;
  if (!USER_NAME.test(userName)) {
    throw invalidInput(
      scope,
      'user name',
      userName,
      `1 to ${StsLimits.USER_NAME_MAX_LENGTH} characters of letters, digits and + = , . @ - _`,
    );
  }
}

export function validateGroupName(scope: ScopeOrPath, groupName: string | undefined): void {
  if (groupName === undefined || isUnresolved(groupName)) return;
  if (!GROUP_NAME.test(groupName)) {
    throw invalidInput(
      scope,
      'group name',
      groupName,
      `1 to ${StsLimits.GROUP_NAME_MAX_LENGTH} characters of letters, digits and + = , . @ - _`,
    );
  }
}

export function validatePath(scope: ScopeOrPath, path: string | undefined): void {
  if (path === undefined || isUnresolved(path)) return;
  if (path.length > StsLimits.PATH_MAX_LENGTH || !IAM_PATH.test(path)) {
    throw invalidInput(
      scope,
      'IAM path',
      path,
      `'/' or a path that starts and ends with '/' (at most ${StsLimits.PATH_MAX_LENGTH} printable ASCII characters)`,
    );
  }
}

/**
 * A concrete IAM user or role ARN. Refuses wildcards (never a principal: scope many by organization instead) and
 * the ARN forms another factory expresses: an account root (`TrustedParty.account`), an assumed-role session (a
 * session ARN admits one session only: trust the role's own ARN), a federated user (trust the account, or the role
 * the broker uses). `factory` names the factory in the message, e.g. `TrustedParty.principalArn`.
 */
export function validatePrincipalArn(scope: ScopeOrPath, arn: string, factory = 'TrustedParty.principalArn'): void {
  if (isUnresolved(arn)) return;
  const m = PRINCIPAL_ARN.exec(arn);
  const expected = "the ARN of an IAM role or user, like 'arn:<partition>:iam::111111111111:role/Name'";
  if (arn.includes('*') || arn.includes('?')) {
    throw invalidInput(
      scope,
      `${factory} ARN`,
      arn,
      `${expected} without wildcards (a wildcard is never a principal: use TrustedParty.organization or organizationPaths to trust many)`,
    );
  }
  if (m && m[3] === 'root') {
    throw invalidInput(
      scope,
      `${factory} ARN`,
      arn,
      `${expected}; to trust a whole account use TrustedParty.account('${m[2]}')`,
    );
  }
  if (m && m[3] === 'assumed-role') {
    throw invalidInput(
      scope,
      `${factory} ARN`,
      arn,
      `${expected}; a session ARN admits one session only: trust the role itself with TrustedParty.principalArn('arn:<partition>:iam::${m[2]}:role/<name>') or TrustedParty.role(...)`,
    );
  }
  if (/^arn:[\w-]+:sts::\d{12}:federated-user\//.test(arn)) {
    throw invalidInput(
      scope,
      `${factory} ARN`,
      arn,
      `${expected}; a federated user is not a principal a trust can name: trust its account with TrustedParty.account(...)`,
    );
  }
  if (!m || !m[4] || !arn.includes(':iam::')) throw invalidInput(scope, `${factory} ARN`, arn, expected);
}

/** A role ARN (for grants and links): `arn:<partition>:iam::<account>:role/<path/name>`, no wildcard. */
export function validateRoleArn(scope: ScopeOrPath, what: string, arn: string): void {
  // a Lazy ARN as its value, a parameter by its Default and AllowedValues
  withSynthValues(scope, arn, (a) => {
    const m = PRINCIPAL_ARN.exec(a);
    if (!m || m[3] !== 'role' || !m[4] || a.includes('*')) {
      throw invalidInput(
        scope,
        what,
        a,
        "the ARN of one IAM role, like 'arn:<partition>:iam::222222222222:role/Admin' (no wildcards)",
      );
    }
  });
}

/** A duration within [min, max] seconds, in whole seconds (a fraction of a second is refused with the path). */
export function validateDuration(
  scope: ScopeOrPath,
  what: string,
  duration: Duration | undefined,
  minSeconds: number,
  maxSeconds: number,
  resolveIn: IConstruct | undefined = typeof scope === 'string' ? undefined : scope,
): void {
  if (duration === undefined) return;
  // a Lazy number is judged as its value (resolved in `resolveIn`); a deploy-time one is left to CloudFormation
  const seconds = synthNumber(resolveIn, duration.toSeconds({ integral: false }));
  if (seconds === undefined) return;
  if (!Number.isInteger(seconds) || seconds < minSeconds || seconds > maxSeconds) {
    throw invalidInput(
      scope,
      what,
      `${seconds} seconds`,
      `a whole number of seconds from ${minSeconds} to ${maxSeconds}`,
    );
  }
}

/** A number as it is known at synth: itself, or a `Lazy`'s value resolved in `scope`; undefined when deploy-time. */
function synthNumber(scope: IConstruct | undefined, value: number): number | undefined {
  if (!isUnresolved(value)) return value;
  if (scope === undefined) return undefined;
  try {
    const resolved: unknown = Stack.of(scope).resolve(value);
    return typeof resolved === 'number' && !isUnresolved(resolved) ? resolved : undefined;
  } catch {
    return undefined;
  }
}

/** Shortest ExternalId this library accepts from a caller: shorter ones are guessable. */
export const EXTERNAL_ID_MIN_STRONG_LENGTH = 8;

/**
 * ExternalIds that are not guessable: the STS grammar, at least 8 characters, not all digits (an account id,
 * a phone number, a counter), not the caller's account id, and no value twice.
 *
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/confused-deputy.html
 */
export function validateExternalIds(scope: ScopeOrPath, externalIds: readonly string[], accountId?: string): void {
  const seen = new Set<string>();
  for (const written of externalIds) {
    // a Lazy ExternalId is judged as its value (with a construct scope)
    const raw = typeof scope === 'string' ? written : (literalIn(scope, written) ?? written);
    if (!isUnresolved(raw)) {
      if (seen.has(raw)) throw invalidInput(scope, 'ExternalIds', [...externalIds], 'each ExternalId once');
      seen.add(raw);
    }
    if (parameterVariants(raw).length > 0) {
      throw invalidInput(
        scope,
        'ExternalId',
        raw,
        'a parameter without Default or AllowedValues (those are written in the template, readable by whoever can read the stack, ' +
          'so the ExternalId would be guessable), or a literal unguessable value',
      );
    }
    withParameterValues(raw, (id) => {
      validateExternalId(scope, id);
      if (isUnresolved(id)) return;
      const weak =
        id.length < EXTERNAL_ID_MIN_STRONG_LENGTH
          ? `at least ${EXTERNAL_ID_MIN_STRONG_LENGTH} characters`
          : /^\d+$/.test(id)
            ? 'not only digits (an account id, a number or a counter is guessable)'
            : accountId !== undefined && id.includes(accountId)
              ? 'not derived from the account id'
              : undefined;
      if (weak) {
        throw invalidInput(
          scope,
          'ExternalId',
          id,
          `an unguessable value, ${weak}: a random value such as a UUID the third party gives you`,
        );
      }
    });
  }
}

/**
 * Tag keys a caller may pass: not empty, no IAM wildcard (`*` would be a literal key under `StringEquals`, and
 * would mean "any" to a reader), at most 128 characters.
 */
export function validateTagKey(scope: ScopeOrPath, what: string, key: string): void {
  withSynthValues(scope, key, (k) => {
    if (k.length === 0 || k.length > 128 || IAM_WILDCARD.test(k) || k.includes('${')) {
      throw invalidInput(
        scope,
        what,
        k,
        "a tag key of 1 to 128 characters without '*', '?' or '${' (omit the prop to allow any key)",
      );
    }
  });
}

/**
 * Runs a validator on what a value will be in the template when that is known at synth: the value itself, a `Lazy`'s
 * value (with a construct scope), and each `Default` / `AllowedValues` of the template parameters it holds. Values
 * that stay deploy-time are not validated.
 */
export function withSynthValues(scope: ScopeOrPath, value: string, validate: (v: string) => void): void {
  withParameterValues(
    value,
    (v) => {
      if (!isUnresolved(v)) validate(v);
    },
    scope,
  );
}

/** A `StringLike` pattern that narrows: not empty and not made of wildcards only (`*`, `**`, `?*`). */
export function validateNarrowingPattern(scope: ScopeOrPath, what: string, pattern: string, expected: string): void {
  withSynthValues(scope, pattern, (p) => {
    if (p.trim().length === 0 || /^[*?]+$/.test(p)) {
      throw invalidInput(scope, what, p, `${expected} (an empty or wildcard-only pattern narrows nothing)`);
    }
  });
}

/** Throws when a list that must not be empty is empty. */
export function requireNonEmpty<T>(
  scope: ScopeOrPath,
  what: string,
  list: readonly T[] | undefined,
  expected: string,
): void {
  if (!list || list.length === 0) throw invalidInput(scope, what, list ?? [], expected);
}

/** The wildcards of `StringLike` / `ArnLike`: `*` (any run of characters) and `?` (one character). */
export const IAM_WILDCARD = /[*?]/;

/** True when a condition value holds an IAM wildcard (`*` or `?`); false for unresolved tokens. */
export function hasIamWildcard(value: string): boolean {
  return !isUnresolved(value) && IAM_WILDCARD.test(value);
}

/**
 * A condition value meant to match exactly: not empty, no IAM wildcard (`*`, `?`) and no policy variable
 * (`${...}`), which IAM would expand. `expected` describes the value for the error message.
 */
export function validateLiteralConditionValue(scope: ScopeOrPath, what: string, value: string, expected: string): void {
  withSynthValues(scope, value, (v) => {
    if (v.length === 0 || IAM_WILDCARD.test(v) || v.includes('${')) {
      throw invalidInput(scope, what, v, `${expected} (no '*', '?' or '\${': the value must match exactly)`);
    }
  });
}
