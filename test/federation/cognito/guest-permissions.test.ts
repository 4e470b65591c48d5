import {
  guestPermissionFindings,
  hasWildcard,
  isReadOnlyAction,
} from '../../../lib/federation/cognito/guest-permissions';

const none = { actions: [], wildcards: false };

function allow(statement: Record<string, unknown>) {
  return [
    {
      name: 'inline policy Permissions',
      document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', ...statement }] },
    },
  ];
}

describe('guest permissions rule', () => {
  test.each([
    ['s3:GetObject', true],
    ['dynamodb:Query', true],
    ['dynamodb:BatchGetItem', true],
    ['geo:SearchPlaceIndexForText', true],
    ['ec2:DescribeInstances', true],
    ['s3:ListBucket', true],
    ['s3:Get*', true],
    ['mobiletargeting:Get', true],
    ['s3:PutObject', false],
    ['rum:PutRumEvents', false],
    ['execute-api:Invoke', false],
    ['s3:Getaway', false],
    ['secretsmanager:GetSecretValue', false],
    ['sts:GetFederationToken', false],
    ['iam:GetUser', false],
    ['kms:GetPublicKey', false],
    ['ssm:GetParameter', false],
    ['cognito-idp:ListUsers', false],
    ['*', false],
    ['s3:*', false],
    ['GetObject', false],
  ])('%s is read-only: %s', (action, readOnly) => {
    expect(isReadOnlyAction(action)).toBe(readOnly);
  });

  test('wildcards are found in literal parts of resolved values only', () => {
    expect(hasWildcard('arn:aws:s3:::bucket/*')).toBe(true);
    expect(hasWildcard({ 'Fn::Join': ['', [{ 'Fn::GetAtt': ['Bucket', 'Arn'] }, '/*']] })).toBe(true);
    expect(hasWildcard({ 'Fn::GetAtt': ['Bucket', 'Arn'] })).toBe(false);
    expect(hasWildcard('arn:aws:s3:::bucket/key?')).toBe(true);
  });

  test('exact read-only grants pass', () => {
    expect(
      guestPermissionFindings(
        allow({ Action: ['s3:GetObject', 'dynamodb:Query'], Resource: 'arn:aws:s3:::assets/logo.png' }),
        none,
      ),
    ).toEqual([]);
  });

  test('a write action is refused, naming the action', () => {
    expect(
      guestPermissionFindings(
        allow({ Action: 'rum:PutRumEvents', Resource: 'arn:aws:rum:eu-west-1:222222222222:appmonitor/app' }),
        none,
      ),
    ).toEqual([
      'guests (unauthenticated identities) would be allowed actions that are not read-only: rum:PutRumEvents. ' +
        'Anyone on the internet can get guest credentials; list each such action in acknowledgedUnauthenticatedActions if guests really need it.',
    ]);
  });

  test('an acknowledged write action passes', () => {
    expect(
      guestPermissionFindings(
        allow({ Action: 'rum:PutRumEvents', Resource: 'arn:aws:rum:eu-west-1:222222222222:appmonitor/app' }),
        { actions: ['rum:PutRumEvents'], wildcards: false },
      ),
    ).toEqual([]);
  });

  test('wildcards in actions and resources and NotAction / NotResource are refused, with where they are', () => {
    // GIVEN
    const sources = [
      {
        name: 'policy S/Guest/DefaultPolicy',
        document: {
          Statement: [
            { Sid: 'Read', Effect: 'Allow', Action: 's3:Get*', Resource: 'arn:aws:s3:::assets/*' },
            { Effect: 'Allow', NotAction: 'iam:*', NotResource: 'arn:aws:s3:::secret' },
          ],
        },
      },
    ];
    // WHEN
    const findings = guestPermissionFindings(sources, { actions: [], wildcards: false });
    // THEN
    expect(findings).toEqual([
      "guests (unauthenticated identities) would be allowed wildcards: action 's3:Get*' in policy S/Guest/DefaultPolicy, statement Read; " +
        "resource 'arn:aws:s3:::assets/*' in policy S/Guest/DefaultPolicy, statement Read; NotAction in policy S/Guest/DefaultPolicy, statement 2; " +
        'NotResource in policy S/Guest/DefaultPolicy, statement 2. Name actions and resources exactly, or set acknowledgeUnauthenticatedWildcards: true.',
    ]);
  });

  test('acknowledged wildcards pass, but a wildcard write still needs its own acknowledgement', () => {
    expect(
      guestPermissionFindings(allow({ Action: 's3:Get*', Resource: '*' }), { actions: [], wildcards: true }),
    ).toEqual([]);
    expect(guestPermissionFindings(allow({ Action: 's3:*', Resource: '*' }), { actions: [], wildcards: true })).toEqual(
      [expect.stringContaining('actions that are not read-only: s3:*.')],
    );
    expect(
      guestPermissionFindings(allow({ Action: 's3:*', Resource: '*' }), { actions: ['s3:*'], wildcards: true }),
    ).toEqual([]);
  });

  test('deny statements are never refused', () => {
    expect(
      guestPermissionFindings(
        [{ name: 'p', document: { Statement: [{ Effect: 'Deny', Action: '*', Resource: '*' }] } }],
        none,
      ),
    ).toEqual([]);
  });

  test('a single statement object (not a list) is read too', () => {
    expect(
      guestPermissionFindings(
        [
          {
            name: 'p',
            document: { Statement: { Effect: 'Allow', Action: 's3:PutObject', Resource: 'arn:aws:s3:::b/k' } },
          },
        ],
        none,
      ),
    ).toEqual([expect.stringContaining('s3:PutObject')]);
  });

  test('an action that is not a literal counts as a wildcard', () => {
    expect(
      guestPermissionFindings(allow({ Action: { Ref: 'ActionParam' }, Resource: 'arn:aws:s3:::b/k' }), none),
    ).toEqual([expect.stringContaining('an action that is not a literal ({"Ref":"ActionParam"})')]);
  });
});
