import {
  serviceNameOf,
  SOURCE_CONDITION_SERVICES,
  sourceAccountSpansAccounts,
  sourceArnSpansAccounts,
  SourceMatch,
  sourceMatchOf,
  sourceOrgSpansOrganizations,
  sourceValueGuards,
  supportsSourceConditions,
} from '../../../lib/private/iam/services';

describe('serviceNameOf', () => {
  test.each([
    ['states.amazonaws.com', 'states'],
    ['STATES.AMAZONAWS.COM', 'states'],
    ['states.amazonaws.com.cn', 'states'],
    ['states.{{AWS.URLSuffix}}', 'states'],
    ['states.${AWS::URLSuffix}', 'states'],
    ['logs.eu-west-1.amazonaws.com', 'logs'],
    ['logs.us-gov-west-1.amazonaws.com', 'logs'],
    ['logs.{{AWS.Region}}.amazonaws.com', 'logs'],
    ['logs.${AWS::Region}.${AWS::URLSuffix}', 'logs'],
    ['delivery.logs.amazonaws.com', 'delivery.logs'],
    ['batchoperations.s3.amazonaws.com', 'batchoperations.s3'],
  ])('%s is %s', (principal, name) => {
    // GIVEN a service principal spelling  WHEN normalised  THEN the service name is found
    expect(serviceNameOf(principal)).toBe(name);
  });

  test.each(['amazonaws.com', '{{Ref.Service}}', '*', 'arn:aws:iam::111111111111:root', '.amazonaws.com'])(
    '%s is not a service principal',
    (principal) => {
      // GIVEN a value that is not a service principal  WHEN normalised  THEN nothing
      expect(serviceNameOf(principal)).toBeUndefined();
    },
  );

  test('the curated services support source conditions, compute services are left out', () => {
    // GIVEN principals  WHEN checked  THEN the curated list decides
    expect(supportsSourceConditions('states.{{AWS.URLSuffix}}')).toBe(true);
    expect(supportsSourceConditions('scheduler.amazonaws.com')).toBe(true);
    expect(supportsSourceConditions('lambda.amazonaws.com')).toBe(false);
    expect(supportsSourceConditions('ec2.amazonaws.com.cn')).toBe(false);
  });

  test('every curated service cites an https source', () => {
    // GIVEN the table  WHEN read  THEN each entry has a source
    for (const s of SOURCE_CONDITION_SERVICES) expect(s.source).toMatch(/^https:\/\/docs\.aws\.amazon\.com\//);
  });
});

describe('source conditions that span accounts', () => {
  test.each([
    // value, match, spans
    ['arn:aws:events:eu-west-1:444444444444:rule/Nightly', SourceMatch.ARN, false],
    ['arn:aws:events:*:444444444444:rule/*', SourceMatch.ARN, false],
    ['arn:{{AWS.Partition}}:states:{{AWS.Region}}:{{AWS.AccountId}}:stateMachine:*', SourceMatch.ARN, false],
    ['arn:aws:events:eu-west-1:*:rule/Nightly', SourceMatch.ARN, true],
    ['arn:aws:events:eu-west-1::rule/Nightly', SourceMatch.ARN, true],
    ['arn:aws:events:eu-west-1:4444*:rule/Nightly', SourceMatch.ARN, true],
    ['*', SourceMatch.ARN, true],
    ['arn:aws:events:*', SourceMatch.ARN, true],
    ['arn:aws:events:*:444444444444:rule/*', SourceMatch.STRING_LIKE, true],
    ['arn:aws:events:eu-west-1:444444444444:rule/*', SourceMatch.STRING_LIKE, false],
    ['arn:aws:events:eu-west-1:*:rule/Nightly', SourceMatch.EXACT, false],
  ])('aws:SourceArn %s under %s spans accounts: %s', (value, match, spans) => {
    // GIVEN a SourceArn value  WHEN judged  THEN a wildcard account (or one a StringLike * can reach) spans accounts
    expect(sourceArnSpansAccounts(value, match)).toBe(spans);
  });

  test.each([
    ['444444444444', SourceMatch.EXACT, false],
    ['{{AWS.AccountId}}', SourceMatch.EXACT, false],
    ['*', SourceMatch.STRING_LIKE, true],
    ['4444*', SourceMatch.STRING_LIKE, true],
    ['', SourceMatch.EXACT, true],
  ])('aws:SourceAccount %s under %s spans accounts: %s', (value, match, spans) => {
    // GIVEN a SourceAccount value  WHEN judged  THEN wildcards span accounts
    expect(sourceAccountSpansAccounts(value, match)).toBe(spans);
  });

  test.each([
    ['o-a1b2c3d4e5', SourceMatch.EXACT, false],
    ['o-a1b2c3d4e5/*', SourceMatch.STRING_LIKE, false],
    ['o-*', SourceMatch.STRING_LIKE, true],
    ['*', SourceMatch.STRING_LIKE, true],
  ])('aws:SourceOrg* %s under %s spans organizations: %s', (value, match, spans) => {
    // GIVEN an organization value  WHEN judged  THEN a wildcard in the organization id spans organizations
    expect(sourceOrgSpansOrganizations(value, match)).toBe(spans);
  });

  test('operators map to match kinds, and keys to guards', () => {
    // GIVEN operator bases  WHEN mapped  THEN ARN operators match field by field
    expect(sourceMatchOf('arnlike')).toBe(SourceMatch.ARN);
    expect(sourceMatchOf('ArnEquals')).toBe(SourceMatch.ARN);
    expect(sourceMatchOf('stringlike')).toBe(SourceMatch.STRING_LIKE);
    expect(sourceMatchOf('stringequals')).toBe(SourceMatch.EXACT);
    expect(sourceValueGuards('aws:sourceaccount', '444444444444', SourceMatch.EXACT)).toBe(true);
    expect(sourceValueGuards('aws:sourcearn', 'arn:aws:events:*:*:rule/*', SourceMatch.ARN)).toBe(false);
    expect(sourceValueGuards('aws:principalaccount', '444444444444', SourceMatch.EXACT)).toBe(false);
  });
});
