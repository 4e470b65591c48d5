import { actionMatches, isWildcardResource, sensitiveReadsOf } from '../../../lib/private/iam/sensitive-actions';

describe('sensitiveReadsOf', () => {
  test.each([
    ['secretsmanager:GetSecretValue', ['arn:aws:secretsmanager:eu-west-1:444444444444:secret:app-AbCdEf'], 'secretsmanager:GetSecretValue'],
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
    expect(sensitiveReadsOf(action, resources).map(s => s.action)).toContain(expected);
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
