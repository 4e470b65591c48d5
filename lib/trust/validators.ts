import { Duration, Token } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';

/** A construct, or the path of one not yet created (validation before `super()`). */
export type ScopeOrPath = IConstruct | string;
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
export const IDENTITY_POOL_ID = /^[a-z]{2}(-[a-z]+)+-\d{1,2}:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** An AWS Organizations organization id. */
export const ORG_ID = /^o-[a-z0-9]{10,32}$/;
/** An organization entity path: `o-xxx/r-xxxx/ou-xxxx-xxxxxxxx/.../` optionally ending in `*`. */
export const ORG_PATH = /^o-[a-z0-9]{10,32}\/r-[0-9a-z]{4,32}(\/ou-[0-9a-z]{4,32}-[a-z0-9]{8,32})*\/(\*)?$/;
/**
 * An IAM user or role ARN (any partition), or an assumed-role session ARN; never a wildcard.
 * Groups 1: partition, 2: account, 3: resource type, 4: path + name.
 */
export const PRINCIPAL_ARN = /^arn:(aws|aws-cn|aws-us-gov):(?:iam|sts)::(\d{12}):(role|user|assumed-role|root)(?:\/([\w+=,.@\/-]+))?$/;

export function isUnresolved(value: unknown): boolean {
  return value !== undefined && Token.isUnresolved(value);
}

export function validateAccountId(scope: ScopeOrPath, what: string, accountId: string): void {
  if (isUnresolved(accountId)) return;
  if (!ACCOUNT_ID.test(accountId)) throw invalidInput(scope, what, accountId, 'a 12-digit AWS account id');
}

export function validateIdentityPoolId(scope: ScopeOrPath, poolId: string): void {
  if (isUnresolved(poolId)) return;
  if (!IDENTITY_POOL_ID.test(poolId)) {
    throw invalidInput(scope, 'identity pool id', poolId, "a Cognito identity pool id like 'eu-west-1:11111111-2222-3333-4444-555555555555' (region, colon, GUID)");
  }
}

export function validateOrganizationId(scope: ScopeOrPath, orgId: string): void {
  if (isUnresolved(orgId)) return;
  if (!ORG_ID.test(orgId)) {
    throw invalidInput(scope, 'organization id', orgId, "an AWS Organizations id like 'o-a1b2c3d4e5' (o- and 10 to 32 lowercase letters or digits)");
  }
}

export function validateOrganizationPath(scope: ScopeOrPath, path: string): void {
  if (isUnresolved(path)) return;
  if (!ORG_PATH.test(path)) {
    throw invalidInput(scope, 'organization path', path,
      "an organization entity path like 'o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/' (optionally ending in '*' to include child OUs)");
  }
}

export function validateExternalId(scope: ScopeOrPath, externalId: string): void {
  if (isUnresolved(externalId)) return;
  if (!EXTERNAL_ID.test(externalId)) {
    throw invalidInput(scope, 'ExternalId', externalId,
      `${StsLimits.EXTERNAL_ID_MIN_LENGTH} to ${StsLimits.EXTERNAL_ID_MAX_LENGTH} characters of letters, digits and + = , . @ : / - _`);
  }
}

export function validateRoleName(scope: ScopeOrPath, roleName: string | undefined): void {
  if (roleName === undefined || isUnresolved(roleName)) return;
  if (!ROLE_NAME.test(roleName)) {
    throw invalidInput(scope, 'role name', roleName,
      `1 to ${StsLimits.ROLE_NAME_MAX_LENGTH} characters of letters, digits and + = , . @ - _`);
  }
}

export function validateUserName(scope: ScopeOrPath, userName: string | undefined): void {
  if (userName === undefined || isUnresolved(userName)) return;
  if (!USER_NAME.test(userName)) {
    throw invalidInput(scope, 'user name', userName,
      `1 to ${StsLimits.USER_NAME_MAX_LENGTH} characters of letters, digits and + = , . @ - _`);
  }
}

export function validateGroupName(scope: ScopeOrPath, groupName: string | undefined): void {
  if (groupName === undefined || isUnresolved(groupName)) return;
  if (!GROUP_NAME.test(groupName)) {
    throw invalidInput(scope, 'group name', groupName,
      `1 to ${StsLimits.GROUP_NAME_MAX_LENGTH} characters of letters, digits and + = , . @ - _`);
  }
}

export function validatePath(scope: ScopeOrPath, path: string | undefined): void {
  if (path === undefined || isUnresolved(path)) return;
  if (path.length > StsLimits.PATH_MAX_LENGTH || !IAM_PATH.test(path)) {
    throw invalidInput(scope, 'IAM path', path,
      `'/' or a path that starts and ends with '/' (at most ${StsLimits.PATH_MAX_LENGTH} printable ASCII characters)`);
  }
}

/**
 * A concrete IAM user or role ARN, or an account root ARN. Rejects `*` and wildcards, which are never
 * a principal: a wildcard principal must be scoped by organization instead.
 */
export function validatePrincipalArn(scope: ScopeOrPath, arn: string): void {
  if (isUnresolved(arn)) return;
  if (!PRINCIPAL_ARN.test(arn) || arn.includes('*')) {
    throw invalidInput(scope, 'principal ARN', arn,
      "the ARN of an IAM role or user, like 'arn:<partition>:iam::111111111111:role/Name' (wildcards are not principals: use TrustedParty.organization() to trust many)");
  }
}

/** A role ARN (for grants and links): `arn:<partition>:iam::<account>:role/<path/name>`, no wildcard. */
export function validateRoleArn(scope: ScopeOrPath, what: string, arn: string): void {
  if (isUnresolved(arn)) return;
  const m = PRINCIPAL_ARN.exec(arn);
  if (!m || m[3] !== 'role' || !m[4] || arn.includes('*')) {
    throw invalidInput(scope, what, arn,
      "the ARN of one IAM role, like 'arn:<partition>:iam::222222222222:role/Admin' (no wildcards)");
  }
}

/** A duration within [min, max] seconds, in whole seconds. */
export function validateDuration(scope: ScopeOrPath, what: string, duration: Duration | undefined, minSeconds: number, maxSeconds: number): void {
  if (duration === undefined || isUnresolved(duration.toSeconds())) return;
  const seconds = duration.toSeconds();
  if (!Number.isInteger(seconds) || seconds < minSeconds || seconds > maxSeconds) {
    throw invalidInput(scope, what, `${seconds} seconds`, `a whole number of seconds from ${minSeconds} to ${maxSeconds}`);
  }
}

/** Throws when a list that must not be empty is empty. */
export function requireNonEmpty<T>(scope: ScopeOrPath, what: string, list: readonly T[] | undefined, expected: string): void {
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
  if (isUnresolved(value)) return;
  if (value.length === 0 || IAM_WILDCARD.test(value) || value.includes('${')) {
    throw invalidInput(scope, what, value, `${expected} (no '*', '?' or '\${': the value must match exactly)`);
  }
}
