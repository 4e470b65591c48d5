import {
  actionMatches,
  isWildcardResource,
  sensitiveReadsOf,
  guestIntendedAction,
} from '../../../lib/private/iam/sensitive-actions';

describe('sensitiveReadsOf', () => {
  test.each([
    [
      'secretsmanager:GetSecretValue',
      ['arn:aws:secretsmanager:eu-west-1:444444444444:secret:app-AbCdEf'],
      'secretsmanager:GetSecretValue',
    ],
    ['secretsmanager:Get*', ['*'], 'secretsmanager:GetSecretValue'],
    ['kms:Decrypt', ['arn:aws:kms:eu-west-1:444444444444:key/1234'], 'kms:Decrypt'],
    ['ssm:GetParameter*', ['arn:aws:ssm:eu-west-1:444444444444:parameter/app/*'], 'ssm:GetParameter'],
    ['SSM:getparameters', ['*'], 'ssm:GetParameters'],
    ['s3:GetObject', ['*'], 's3:GetObject'],
    ['s3:Get*', ['arn:aws:s3:::*'], 's3:GetObject'],
    ['s3:GetObject', ['arn:aws:s3:::*/*'], 's3:GetObject'],
    ['dynamodb:Scan', ['arn:aws:dynamodb:*:*:table/*'], 'dynamodb:Scan'],
    ['ec2:GetPasswordData', ['*'], 'ec2:GetPasswordData'],
    [
      'cognito-identity:GetOpenIdTokenForDeveloperIdentity',
      ['arn:aws:cognito-identity:eu-west-1:444444444444:identitypool/eu-west-1:1234'],
      'cognito-identity:GetOpenIdTokenForDeveloperIdentity',
    ],
    [
      'cognito-identity:GetOpenIdToken*',
      ['arn:aws:cognito-identity:eu-west-1:444444444444:identitypool/eu-west-1:1234'],
      'cognito-identity:GetOpenIdTokenForDeveloperIdentity',
    ],
    [
      'cognito-identity:LookupDeveloperIdentity',
      ['arn:aws:cognito-identity:eu-west-1:444444444444:identitypool/eu-west-1:1234'],
      'cognito-identity:LookupDeveloperIdentity',
    ],
    ['s3:GetObject', ['arn:aws:s3:::*/uploads/*'], 's3:GetObject'],
    ['dynamodb:Query', ['arn:aws:dynamodb:eu-west-1:444444444444:table/*/index/*'], 'dynamodb:Query'],
    ['logs:GetLogEvents', ['arn:aws:logs:eu-west-1:444444444444:log-group:*:log-stream:*'], 'logs:GetLogEvents'],
    ['dynamodb:GetRecords', ['arn:aws:dynamodb:eu-west-1:444444444444:table/*/stream/*'], 'dynamodb:GetRecords'],
    ['kinesis:GetRecords', ['arn:aws:kinesis:eu-west-1:444444444444:stream/*'], 'kinesis:GetRecords'],
  ])('%s on %j grants %s', (action, resources, expected) => {
    // GIVEN an action pattern and resources  WHEN checked  THEN the sensitive read is found
    expect(sensitiveReadsOf(action, resources).map((s) => s.action)).toContain(expected);
  });

  test.each([
    ['s3:GetObject', ['arn:aws:s3:::public-assets/*']],
    ['dynamodb:GetItem', ['arn:aws:dynamodb:eu-west-1:444444444444:table/Leaderboard']],
    ['mobileanalytics:PutEvents', ['*']],
    ['s3:ListAllMyBuckets', ['*']],
    ['cognito-sync:ListRecords', ['*']],
    ['s3:GetObject', ['arn:aws:s3:::my-bucket/public/*']],
    ['s3:GetObject', ['arn:aws:s3:::my-bucket/*/public/*']],
    ['dynamodb:Query', ['arn:aws:dynamodb:eu-west-1:444444444444:table/Leaderboard/index/*']],
    ['dynamodb:GetRecords', ['arn:aws:dynamodb:eu-west-1:444444444444:table/Leaderboard/stream/*']],
    ['logs:GetLogEvents', ['arn:aws:logs:eu-west-1:444444444444:log-group:/app/public:log-stream:*']],
    ['kinesis:GetRecords', ['arn:aws:kinesis:eu-west-1:444444444444:stream/clicks']],
    ...['GetId', 'GetCredentialsForIdentity', 'GetOpenIdToken'].map((n): [string, string[]] => [
      `cognito-identity:${n}`,
      ['arn:aws:cognito-identity:eu-west-1:444444444444:identitypool/eu-west-1:1234'],
    ]),
  ])('%s on %j grants no sensitive read', (action, resources) => {
    // GIVEN a harmless read on named resources  WHEN checked  THEN nothing
    expect(sensitiveReadsOf(action, resources)).toEqual([]);
  });

  test('patterns and wildcard resources', () => {
    // GIVEN patterns  WHEN matched  THEN IAM matching rules apply
    expect(actionMatches('kms:*crypt', 'kms:Decrypt')).toBe(true);
    expect(actionMatches('kms:En*', 'kms:Decrypt')).toBe(false);
    expect(isWildcardResource('*')).toBe(true);
    expect(isWildcardResource('arn:aws:s3:::my-bucket/*')).toBe(false);
    expect(isWildcardResource('arn:aws:logs:*:*:*')).toBe(true);
  });

  test.each([
    ['arn:aws:s3:::*/uploads/*', true],
    ['arn:aws:s3:::*', true],
    ['arn:aws:s3:::my-bucket/public/*', false],
    ['arn:aws:s3:::my-bucket/*/uploads/*', false],
    ['arn:aws:s3:::app-*/uploads/*', false],
    ['arn:aws:dynamodb:eu-west-1:444444444444:table/*/index/*', true],
    ['arn:aws:dynamodb:eu-west-1:444444444444:table/*/stream/*', true],
    ['arn:aws:dynamodb:eu-west-1:444444444444:table/Scores/index/*', false],
    ['arn:aws:logs:eu-west-1:444444444444:log-group:*:log-stream:*', true],
    ['arn:aws:logs:eu-west-1:444444444444:log-group:/app/*', false],
    ['arn:aws:kinesis:eu-west-1:444444444444:stream/*', true],
    ['arn:aws:kinesis:eu-west-1:444444444444:stream/clicks', false],
  ])('isWildcardResource(%s) is %s', (resource, expected) => {
    // GIVEN a resource whose bucket or resource name is (or is not) only a wildcard
    // WHEN checked  THEN it spans every bucket, table, log group or stream only when it is
    expect(isWildcardResource(resource)).toBe(expected);
  });
});

describe('guestIntendedAction', () => {
  test.each([
    ['geo-places:Geocode', ['arn:{{AWS.Partition}}:geo-places:{{AWS.Region}}::provider/default']],
    ['GEO-MAPS:GetTile', ['arn:aws:geo-maps:eu-west-1::provider/default']],
    ['mobiletargeting:PutEvents', ['arn:aws:mobiletargeting:*:444444444444:apps/{{Ref.App}}/*']],
    ['polly:SynthesizeSpeech', ['*']],
    ['execute-api:Invoke', ['arn:aws:execute-api:us-east-1:444444444444:{{Ref.Api}}/prod/POST/scores']],
  ])('%s on the resources AWS documents for guests is guest-intended', (action, resources) => {
    // GIVEN a documented guest action on its documented resource  WHEN it is looked up  THEN it is guest-intended
    expect(guestIntendedAction(action, resources)).toBeDefined();
  });

  test.each([
    ['geo-places:*', ['arn:aws:geo-places:eu-west-1::provider/default']],
    ['geo-places:Geocode', ['*']],
    [
      'geo-places:Geocode',
      ['arn:aws:geo-places:eu-west-1::provider/default', 'arn:aws:geo:eu-west-1:444444444444:place-index/x'],
    ],
    ['mobiletargeting:PutEvents', ['arn:aws:mobiletargeting:us-east-1:444444444444:apps/*']],
    ['mobiletargeting:CreateCampaign', ['arn:aws:mobiletargeting:us-east-1:444444444444:apps/a/*']],
    ['polly:PutLexicon', ['*']],
    ['execute-api:Invoke', ['arn:aws:execute-api:us-east-1:444444444444:abc123/*']],
    ['execute-api:Invoke', ['arn:aws:execute-api:us-east-1:444444444444:abc123/prod/*/scores']],
  ])('%s on %j is not guest-intended', (action, resources) => {
    // GIVEN a wildcard action, another action, or a resource AWS does not document for guests
    // WHEN it is looked up  THEN it is judged as usual
    expect(guestIntendedAction(action, resources)).toBeUndefined();
  });
});
