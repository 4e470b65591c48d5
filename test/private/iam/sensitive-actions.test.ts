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
