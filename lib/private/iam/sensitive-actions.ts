/**
 * "Read" actions that are not harmless: they return secrets, decrypt data, hand out credentials, or read whatever
 * data a `*` resource reaches. A Cognito guest role (anyone on the internet gets its credentials) must not hold them.
 *
 * Sources (the access level and what the action returns, per service):
 * - Service Authorization Reference: https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html
 *   (per service: list_awssecretsmanager.html, list_awskeymanagementservice.html, list_awssystemsmanager.html,
 *   list_amazons3.html, list_awssecuritytokenservice.html, list_amazonec2.html, list_amazonredshift.html,
 *   list_amazonelasticcontainerregistry.html, list_awscodeartifact.html, list_amazondynamodb.html, list_awslambda.html,
 *   list_amazoncognitouserpools.html, list_amazoncognitoidentity.html, list_amazonkinesis.html)
 * - Amazon Cognito, developer-authenticated identities: GetOpenIdTokenForDeveloperIdentity "registers (or retrieves) a
 *   Cognito IdentityId and an OpenID Connect token for a user authenticated by your backend", for any developer user
 *   identifier, and links logins to an existing identity; LookupDeveloperIdentity maps developer user identifiers to
 *   identity ids: https://docs.aws.amazon.com/cognitoidentity/latest/APIReference/API_GetOpenIdTokenForDeveloperIdentity.html,
 *   https://docs.aws.amazon.com/cognitoidentity/latest/APIReference/API_LookupDeveloperIdentity.html
 *   (MergeDeveloperIdentities and UnlinkDeveloperIdentity have no read verb: they are judged as writes). What guests
 *   call themselves (GetId, GetCredentialsForIdentity, GetOpenIdToken) is not on the list.
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
  { action: 'sts:AssumeRole', reason: "turns guest credentials into another role's credentials" },
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
  { action: 'cognito-idp:ListUsers', reason: "lists the user pool's users and their attributes" },
  { action: 'cognito-idp:AdminGetUser', reason: "returns a user's attributes" },
  {
    action: 'cognito-identity:GetOpenIdTokenForDeveloperIdentity',
    reason:
      'mints an OpenID token (then credentials) for any developer user id and links logins to existing identities: ' +
      'the caller becomes any signed-in user',
  },
  {
    action: 'cognito-identity:LookupDeveloperIdentity',
    reason: "maps the pool's developer user identifiers to identity ids",
  },
  {
    action: 'lambda:GetFunction',
    reason: "returns the function's code location and configuration (environment variables)",
  },
  { action: 'lambda:GetFunctionConfiguration', reason: 'returns environment variables, often secrets' },
  {
    action: 's3:GetObject',
    reason: 'reads every object of every bucket the resource reaches',
    onlyOnWildcardResource: true,
  },
  {
    action: 's3:GetObjectVersion',
    reason: 'reads every object version the resource reaches',
    onlyOnWildcardResource: true,
  },
  { action: 's3:ListBucket', reason: 'lists every bucket the resource reaches', onlyOnWildcardResource: true },
  { action: 'dynamodb:GetItem', reason: 'reads every table the resource reaches', onlyOnWildcardResource: true },
  { action: 'dynamodb:BatchGetItem', reason: 'reads every table the resource reaches', onlyOnWildcardResource: true },
  { action: 'dynamodb:Query', reason: 'reads every table the resource reaches', onlyOnWildcardResource: true },
  { action: 'dynamodb:Scan', reason: 'reads whole tables the resource reaches', onlyOnWildcardResource: true },
  { action: 'logs:GetLogEvents', reason: 'reads every log group the resource reaches', onlyOnWildcardResource: true },
  {
    action: 'logs:FilterLogEvents',
    reason: 'reads every log group the resource reaches',
    onlyOnWildcardResource: true,
  },
  {
    action: 'dynamodb:GetRecords',
    reason: 'reads the change stream (item data) of every table the resource reaches',
    onlyOnWildcardResource: true,
  },
  { action: 'kinesis:GetRecords', reason: 'reads every stream the resource reaches', onlyOnWildcardResource: true },
];

/** IAM action matching: case-insensitive, `*` any run, `?` one character. */
export function actionMatches(pattern: string, action: string): boolean {
  const re = pattern
    .split('')
    .map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')))
    .join('');
  return new RegExp(`^${re}$`, 'is').test(action);
}

/**
 * Whether a resource pattern spans resources of a service broadly: `*`; an ARN whose resource part is only `*`; an S3
 * ARN whose bucket name (before the first `/`) is only a wildcard, whatever key follows (every bucket); or an ARN whose
 * resource name, after its type, is only a wildcard, whatever follows (`table/*` and its indexes or streams,
 * `log-group:*:log-stream:*`, `stream/*`: every table, log group or stream of the account).
 */
export function isWildcardResource(resource: string): boolean {
  if (/^\*+$/.test(resource)) return true;
  const parts = resource.split(':');
  if (parts.length < 6 || !/^arn$/i.test(parts[0])) return false;
  const rest = parts.slice(5).join(':');
  // arn:aws:s3:::* , arn:aws:s3:::*/* (a bucket name comes first in S3 ARNs), arn:aws:dynamodb:*:*:table/* ,
  // arn:aws:logs:*:*:* , arn:aws:logs:*:*:log-group:*
  if (/^[*?]*$/.test(rest) || /^[*?]+\/[*?]+$/.test(rest)) return true;
  // S3: the bucket name is a wildcard, whatever key follows (arn:aws:s3:::*/uploads/*); a named bucket is not
  if (parts[2].toLowerCase() === 's3') return /^[*?]+(\/|$)/.test(rest);
  // a resource type, then a wildcard name, then anything: table/*/index/*, log-group:*:log-stream:*
  return /^[a-z-]+[/:][*?]+([/:]|$)/i.test(rest);
}

/**
 * The sensitive reads an action pattern of an Allow statement grants, with their reasons (empty when none).
 * `secretsmanager:Get*` grants `GetSecretValue`; `s3:Get*` on `*` grants `GetObject` on every bucket.
 */
export function sensitiveReadsOf(actionPattern: string, resources: readonly string[]): SensitiveAction[] {
  const wildcard = resources.some(isWildcardResource);
  return SENSITIVE_READ_ACTIONS.filter(
    (s) => actionMatches(actionPattern, s.action) && (!s.onlyOnWildcardResource || wildcard),
  );
}

// ---------------------------------------------------------------------------------------------------------------------
// Guest-intended actions: what AWS documents for unauthenticated (guest) roles
// ---------------------------------------------------------------------------------------------------------------------

/**
 * An action AWS documents for Cognito guest roles, on the resources it documents: not a write of the account's data
 * even though its name has no read verb. Any other resource (every app, every API, every calculator) is judged as usual.
 */
export interface GuestIntendedAction {
  /** The action, `service:Name`, matched exactly (case-insensitive): `geo-places:*` is not a guest policy. */
  readonly action: string;
  /** The resources documented for it, in words (for messages and docs). */
  readonly on: string;
  /** Whether one resource of a statement (ARN text, placeholders allowed) is one of the documented resources. */
  readonly resource: (arn: ArnText | '*') => boolean;
  /** Where AWS documents it. */
  readonly source: string;
}

/** An ARN split into its fields (the resource keeps its `:` and `/`). */
export interface ArnText {
  readonly service: string;
  readonly region: string;
  readonly account: string;
  readonly resource: string;
}

/** Amazon Location, "Use Amazon Cognito to authenticate": the actions it lists for unauthenticated identity roles. */
const LOCATION_GUIDE = 'https://docs.aws.amazon.com/location/latest/developerguide/authenticating-using-cognito.html';
/** Amazon Location (previous APIs), "Allow unauthenticated guest access to your application using Amazon Cognito". */
const LOCATION_PREVIOUS_GUIDE =
  'https://docs.aws.amazon.com/location/previous/developerguide/authenticating-using-cognito.html';
/**
 * Amplify Analytics: "Do you want to allow guests and unauthenticated users to send analytics events?"
 * (https://docs.amplify.aws/lib-v1/analytics/getting-started/q/platform/js) and the policy it needs for one app
 * (https://docs.amplify.aws/angular/build-a-backend/more-features/analytics/existing-resources/).
 */
const AMPLIFY_ANALYTICS =
  'https://docs.amplify.aws/angular/build-a-backend/more-features/analytics/existing-resources/';
/**
 * Amplify Predictions text-to-speech, "Who should have access? Auth and Guest users"
 * (https://docs.amplify.aws/gen1/javascript/build-a-backend/more-features/predictions/text-to-speech/); Polly grants
 * SynthesizeSpeech on "*" (https://docs.aws.amazon.com/polly/latest/dg/api-permissions-reference.html).
 */
const AMPLIFY_POLLY = 'https://docs.aws.amazon.com/polly/latest/dg/api-permissions-reference.html';
/** API Gateway, "IAM policy examples for API execution permissions" (one API, stage, method and path). */
const API_GATEWAY_EXAMPLES =
  'https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-iam-policy-examples-for-api-execution.html';

const WILD = /[*?]/;
/** A name without wildcards (a placeholder counts as one concrete name). */
const named = (s: string | undefined): boolean =>
  s !== undefined && s !== '' && !WILD.test(s.replace(/\{\{[^{}]*\}\}/g, 'x'));

/** The provider resource of the Amazon Location APIs: `arn:aws:geo-places:REGION::provider/default`. */
const locationProvider = (service: string) => (arn: ArnText | '*') =>
  arn !== '*' && arn.service === service && arn.account === '' && arn.resource === 'provider/default';
/** One named route calculator of the previous Amazon Location APIs. */
const routeCalculator = (arn: ArnText | '*') =>
  arn !== '*' &&
  arn.service === 'geo' &&
  /^route-calculator\//.test(arn.resource) &&
  named(arn.resource.slice('route-calculator/'.length));
/** One named Pinpoint app (`apps/ID`, `apps/ID/*`, `apps/ID*` as Amplify writes it). */
const pinpointApp = (arn: ArnText | '*') => {
  if (arn === '*' || arn.service !== 'mobiletargeting') return false;
  const m = /^apps\/(.*?)(\/\*|\*)?$/.exec(arn.resource);
  return m !== null && named(m[1]) && !m[1].includes('/');
};
/** One named API, stage and method (or WebSocket route); the path may end with a wildcard. */
const apiRoute = (arn: ArnText | '*') => {
  if (arn === '*' || arn.service !== 'execute-api') return false;
  const [api, stage, method] = arn.resource.split('/');
  return named(api) && named(stage) && named(method);
};

/** The list (sources above). */
export const GUEST_INTENDED_ACTIONS: readonly GuestIntendedAction[] = [
  ...['GetTile', 'GetStaticMap'].map((n) => ({
    action: `geo-maps:${n}`,
    on: 'provider/default',
    resource: locationProvider('geo-maps'),
    source: LOCATION_GUIDE,
  })),
  ...['Geocode', 'ReverseGeocode', 'SearchNearby', 'SearchText', 'Autocomplete', 'Suggest', 'GetPlace'].map((n) => ({
    action: `geo-places:${n}`,
    on: 'provider/default',
    resource: locationProvider('geo-places'),
    source: LOCATION_GUIDE,
  })),
  ...['CalculateRoutes', 'CalculateRouteMatrix', 'CalculateIsolines', 'OptimizeWaypoints', 'SnapToRoads'].map((n) => ({
    action: `geo-routes:${n}`,
    on: 'provider/default',
    resource: locationProvider('geo-routes'),
    source: LOCATION_GUIDE,
  })),
  ...['CalculateRoute', 'CalculateRouteMatrix'].map((n) => ({
    action: `geo:${n}`,
    on: 'one named route calculator',
    resource: routeCalculator,
    source: LOCATION_PREVIOUS_GUIDE,
  })),
  ...['PutEvents', 'UpdateEndpoint'].map((n) => ({
    action: `mobiletargeting:${n}`,
    on: 'one named app',
    resource: pinpointApp,
    source: AMPLIFY_ANALYTICS,
  })),
  {
    action: 'polly:SynthesizeSpeech',
    on: '"*" or lexicons',
    resource: (arn: ArnText | '*') => arn === '*' || arn.service === 'polly',
    source: AMPLIFY_POLLY,
  },
  {
    action: 'execute-api:Invoke',
    on: 'one named API, stage and method',
    resource: apiRoute,
    source: API_GATEWAY_EXAMPLES,
  },
];

/** Splits ARN text (placeholders allowed) into its fields, or `'*'` for a whole wildcard resource; `undefined` otherwise. */
export function arnFields(text: string): ArnText | '*' | undefined {
  if (text === '*') return '*';
  const parts = text.split(':');
  if (parts.length < 6 || parts[0] !== 'arn') return undefined;
  return { service: parts[2].toLowerCase(), region: parts[3], account: parts[4], resource: parts.slice(5).join(':') };
}

/**
 * The guest-intended action an action of an Allow statement is, when every resource of the statement is one AWS
 * documents for it (see GUEST_INTENDED_ACTIONS); `undefined` otherwise (wildcard actions are never guest-intended).
 */
export function guestIntendedAction(action: string, resources: readonly string[]): GuestIntendedAction | undefined {
  if (WILD.test(action) || resources.length === 0) return undefined;
  const entry = GUEST_INTENDED_ACTIONS.find((g) => g.action.toLowerCase() === action.toLowerCase());
  if (!entry) return undefined;
  return resources.every((r) => {
    const arn = arnFields(r);
    return arn !== undefined && entry.resource(arn);
  })
    ? entry
    : undefined;
}
