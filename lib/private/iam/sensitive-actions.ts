/**
 * "Read" actions that are not harmless: they return secrets, decrypt data, hand out credentials, or read whatever
 * data a `*` resource reaches. A Cognito guest role (anyone on the internet gets its credentials) must not hold them.
 *
 * Sources (the access level and what the action returns, per service):
 * - Service Authorization Reference: https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html
 *   (per service: list_awssecretsmanager.html, list_awskeymanagementservice.html, list_awssystemsmanager.html,
 *   list_amazons3.html, list_awssecuritytokenservice.html, list_amazonec2.html, list_amazonredshift.html,
 *   list_amazonelasticcontainerregistry.html, list_awscodeartifact.html, list_amazondynamodb.html, list_awslambda.html,
 *   list_amazoncognitouserpools.html)
 * - Amazon Cognito, IAM roles: "unauthenticated identities ... should have more restrictive permissions":
 *   https://docs.aws.amazon.com/cognito/latest/developerguide/iam-roles.html
 * - Amazon Cognito, the policy it scopes guest credentials down to in the enhanced flow:
 *   https://docs.aws.amazon.com/aws-managed-policy/latest/reference/AmazonCognitoUnauthenticatedIdentities.html
 *
 * Internal: not exported from the package root.
 */

/** One sensitive read. */
export interface SensitiveAction {
  /** The action, `service:Name` (IAM action names are case-insensitive). */
  readonly action: string;
  /** Why a guest must not have it. */
  readonly reason: string;
  /** Sensitive only when the statement's resources include a wildcard that spans resources (`*`, `arn:...:*`). */
  readonly onlyOnWildcardResource?: boolean;
}

/** The list. */
export const SENSITIVE_READ_ACTIONS: readonly SensitiveAction[] = [
  { action: 'secretsmanager:GetSecretValue', reason: 'returns the secret value' },
  { action: 'secretsmanager:BatchGetSecretValue', reason: 'returns secret values' },
  { action: 'kms:Decrypt', reason: 'decrypts any data encrypted under the key' },
  { action: 'kms:GenerateDataKey', reason: 'hands out plaintext data keys of the key' },
  { action: 'kms:GenerateDataKeyPair', reason: 'hands out private keys generated under the key' },
  { action: 'kms:ReEncryptFrom', reason: 'moves ciphertext under a key the caller controls' },
  { action: 'ssm:GetParameter', reason: 'returns parameters, SecureString values decrypted' },
  { action: 'ssm:GetParameters', reason: 'returns parameters, SecureString values decrypted' },
  { action: 'ssm:GetParametersByPath', reason: 'returns every parameter under a path, SecureString values decrypted' },
  { action: 'ssm:GetParameterHistory', reason: 'returns past parameter values, SecureString values decrypted' },
  { action: 'sts:AssumeRole', reason: 'turns guest credentials into another role\'s credentials' },
  { action: 'sts:GetFederationToken', reason: 'mints credentials' },
  { action: 'sts:GetSessionToken', reason: 'mints credentials' },
  { action: 'ec2:GetPasswordData', reason: 'returns the encrypted Windows administrator password' },
  { action: 'ecr:GetAuthorizationToken', reason: 'returns a registry login token' },
  { action: 'codeartifact:GetAuthorizationToken', reason: 'returns a repository token' },
  { action: 'redshift:GetClusterCredentials', reason: 'mints database credentials' },
  { action: 'redshift:GetClusterCredentialsWithIAM', reason: 'mints database credentials' },
  { action: 'redshift-serverless:GetCredentials', reason: 'mints database credentials' },
  { action: 'rds-db:connect', reason: 'logs in to the database' },
  { action: 'lightsail:GetInstanceAccessDetails', reason: 'returns SSH keys / passwords of an instance' },
  { action: 'cognito-idp:ListUsers', reason: 'lists the user pool\'s users and their attributes' },
  { action: 'cognito-idp:AdminGetUser', reason: 'returns a user\'s attributes' },
  { action: 'lambda:GetFunction', reason: 'returns the function\'s code location and configuration (environment variables)' },
  { action: 'lambda:GetFunctionConfiguration', reason: 'returns environment variables, often secrets' },
  { action: 's3:GetObject', reason: 'reads every object of every bucket the resource reaches', onlyOnWildcardResource: true },
  { action: 's3:GetObjectVersion', reason: 'reads every object version the resource reaches', onlyOnWildcardResource: true },
  { action: 's3:ListBucket', reason: 'lists every bucket the resource reaches', onlyOnWildcardResource: true },
  { action: 'dynamodb:GetItem', reason: 'reads every table the resource reaches', onlyOnWildcardResource: true },
  { action: 'dynamodb:BatchGetItem', reason: 'reads every table the resource reaches', onlyOnWildcardResource: true },
  { action: 'dynamodb:Query', reason: 'reads every table the resource reaches', onlyOnWildcardResource: true },
  { action: 'dynamodb:Scan', reason: 'reads whole tables the resource reaches', onlyOnWildcardResource: true },
  { action: 'logs:GetLogEvents', reason: 'reads every log group the resource reaches', onlyOnWildcardResource: true },
  { action: 'logs:FilterLogEvents', reason: 'reads every log group the resource reaches', onlyOnWildcardResource: true },
];

/** IAM action matching: case-insensitive, `*` any run, `?` one character. */
export function actionMatches(pattern: string, action: string): boolean {
  const re = pattern.split('').map(c => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'))).join('');
  return new RegExp(`^${re}$`, 'is').test(action);
}

/** Whether a resource pattern spans resources of a service broadly: `*`, or an ARN whose resource part is only `*`. */
export function isWildcardResource(resource: string): boolean {
  if (/^\*+$/.test(resource)) return true;
  const parts = resource.split(':');
  if (parts.length < 6 || !/^arn$/i.test(parts[0])) return false;
  const rest = parts.slice(5).join(':');
  // arn:aws:s3:::* , arn:aws:s3:::*/* (a bucket name comes first in S3 ARNs), arn:aws:dynamodb:*:*:table/* ,
  // arn:aws:logs:*:*:* , arn:aws:logs:*:*:log-group:*
  if (/^[*?]*$/.test(rest) || /^[*?]+\/[*?]+$/.test(rest)) return true;
  if (parts[2].toLowerCase() === 's3') return false;
  return /^[a-z-]+\/[*?]+$/i.test(rest) || /^[a-z-]+:[*?]+$/i.test(rest);
}

/**
 * The sensitive reads an action pattern of an Allow statement grants, with their reasons (empty when none).
 * `secretsmanager:Get*` grants `GetSecretValue`; `s3:Get*` on `*` grants `GetObject` on every bucket.
 */
export function sensitiveReadsOf(actionPattern: string, resources: readonly string[]): SensitiveAction[] {
  const wildcard = resources.some(isWildcardResource);
  return SENSITIVE_READ_ACTIONS.filter(s => actionMatches(actionPattern, s.action) && (!s.onlyOnWildcardResource || wildcard));
}
