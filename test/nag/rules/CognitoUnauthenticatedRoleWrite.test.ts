import { CfnParameter, Stack } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as iam from 'aws-cdk-lib/aws-iam';
import { NagRuleCompliance } from 'cdk-nag';
import CognitoUnauthenticatedRoleWrite from '../../../lib/nag/rules/CognitoUnauthenticatedRoleWrite';
import { allow, doc, newStack, onNode, role } from '../helpers';
import { roleTemplate, runOnTemplate } from '../template-helpers';

const web = 'sts:AssumeRoleWithWebIdentity';
const POOL = 'eu-west-1:12345678-1234-1234-1234-123456789012';
const cognitoTrust = (amr: string) =>
  doc(
    allow({ Federated: 'cognito-identity.amazonaws.com' }, web, {
      StringEquals: { 'cognito-identity.amazonaws.com:aud': POOL },
      'ForAnyValue:StringLike': { 'cognito-identity.amazonaws.com:amr': amr },
    }),
  );
const inline = (...statements: object[]) => ({ policies: [{ policyName: 'p', policyDocument: doc(...statements) }] });
const st = (action: unknown, resource: unknown = 'arn:aws:s3:::public-maps/*') => ({
  Effect: 'Allow',
  Action: action,
  Resource: resource,
});

/** A guest role (by its trust) with these inline statements. */
const guest = (...statements: object[]) => role(newStack(), cognitoTrust('unauthenticated'), inline(...statements));

/** An identity pool with guest access whose attachment names `unauth` as the unauthenticated role. */
function attach(stack: Stack, unauth: iam.CfnRole, auth?: iam.CfnRole): void {
  const pool = new cognito.CfnIdentityPool(stack, 'Pool', { allowUnauthenticatedIdentities: true });
  new cognito.CfnIdentityPoolRoleAttachment(stack, 'Roles', {
    identityPoolId: pool.ref,
    roles: { unauthenticated: unauth.attrArn, ...(auth ? { authenticated: auth.attrArn } : {}) },
  });
}

describe('CognitoUnauthenticatedRoleWrite', () => {
  describe('Noncompliance', () => {
    test.each([
      ['a write action', st('s3:PutObject')],
      ['a service wildcard', st('dynamodb:*')],
      ['the "*" action', st('*')],
      ['a read action on "*"', st('s3:GetObject', '*')],
      ['a write among reads', st(['s3:GetObject', 's3:ListBucket', 's3:DeleteObject'])],
      ['NotAction', { Effect: 'Allow', NotAction: 's3:GetObject', Resource: 'arn:aws:s3:::public-maps/*' }],
      ['NotResource', { Effect: 'Allow', Action: 's3:GetObject', NotResource: 'arn:aws:s3:::private/*' }],
      ['the legacy analytics policy', st(['mobileanalytics:PutEvents', 'cognito-sync:*'], '*')],
    ])('a guest role (by its trust amr) with %s', (_name, statement) => {
      // GIVEN a guest role with write or wildcard permissions  WHEN the rule runs  THEN it is reported
      expect(onNode(CognitoUnauthenticatedRoleWrite, guest(statement))).toBe(NagRuleCompliance.NON_COMPLIANT);
    });

    test('a role attached as unauthenticated, with a write in an attached AWS::IAM::Policy', () => {
      // GIVEN an identity pool attachment naming the role as unauthenticated, and a separate policy granting a write
      const stack = newStack();
      const unauth = role(stack, doc(allow({ Federated: 'cognito-identity.amazonaws.com' }, web)), {}, 'Guest');
      attach(stack, unauth);
      new iam.CfnPolicy(stack, 'GuestPolicy', {
        policyName: 'guest',
        roles: [unauth.ref],
        policyDocument: doc(st('dynamodb:PutItem', 'arn:aws:dynamodb:eu-west-1:444444444444:table/t')),
      });
      // WHEN the rule runs THEN it is reported
      expect(onNode(CognitoUnauthenticatedRoleWrite, unauth)).toBe(NagRuleCompliance.NON_COMPLIANT);
    });

    test('an AWS managed policy that is not read-only', () => {
      // GIVEN a guest role with AmazonS3FullAccess
      const node = role(newStack(), cognitoTrust('unauthenticated'), {
        managedPolicyArns: ['arn:aws:iam::aws:policy/AmazonS3FullAccess'],
      });
      // WHEN the rule runs THEN it is reported
      expect(onNode(CognitoUnauthenticatedRoleWrite, node)).toBe(NagRuleCompliance.NON_COMPLIANT);
    });

    test('a managed policy that cannot be read at synth time counts as write', () => {
      // GIVEN a guest role with a managed policy ARN from a parameter
      const stack = newStack();
      const arn = new CfnParameter(stack, 'PolicyArn').valueAsString;
      const node = role(stack, cognitoTrust('unauthenticated'), { managedPolicyArns: [arn] });
      // WHEN the rule runs THEN it is reported
      expect(onNode(CognitoUnauthenticatedRoleWrite, node)).toBe(NagRuleCompliance.NON_COMPLIANT);
    });

    test('a managed policy of the same template with a write', () => {
      // GIVEN a guest role whose ManagedPolicyArns references a template ManagedPolicy granting a write
      const stack = newStack();
      const managed = new iam.CfnManagedPolicy(stack, 'Managed', { policyDocument: doc(st('s3:PutObject')) });
      const node = role(stack, cognitoTrust('unauthenticated'), { managedPolicyArns: [managed.ref] });
      // WHEN the rule runs THEN it is reported
      expect(onNode(CognitoUnauthenticatedRoleWrite, node)).toBe(NagRuleCompliance.NON_COMPLIANT);
    });
  });

  describe('Compliance', () => {
    test.each([
      ['a read action on named objects', st('s3:GetObject')],
      [
        'read wildcards',
        st(
          ['s3:Get*', 's3:List*', 'dynamodb:Query', 'dynamodb:BatchGetItem'],
          'arn:aws:dynamodb:eu-west-1:444444444444:table/maps',
        ),
      ],
      ['a Deny on "*"', { Effect: 'Deny', Action: '*', Resource: '*' }],
    ])('a guest role with %s', (_name, statement) => {
      // GIVEN a guest role with read permissions on named resources  WHEN the rule runs  THEN it passes
      expect(onNode(CognitoUnauthenticatedRoleWrite, guest(st('s3:GetObject'), statement))).toBe(
        NagRuleCompliance.COMPLIANT,
      );
    });

    test('a read-only AWS managed policy is reported: it reads every bucket of the account', () => {
      // GIVEN a guest role with AmazonS3ReadOnlyAccess (s3:Get*, s3:List* on "*")
      const node = role(newStack(), cognitoTrust('unauthenticated'), {
        managedPolicyArns: ['arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess'],
      });
      // WHEN the rule runs THEN it is reported
      expect(onNode(CognitoUnauthenticatedRoleWrite, node)).toBe(NagRuleCompliance.NON_COMPLIANT);
    });

    test('a customer managed policy of the template with a harmless read passes', () => {
      // GIVEN a guest role whose managed policy is the template's own, reading one bucket
      const stack = newStack();
      const policy = new iam.CfnManagedPolicy(stack, 'Maps', {
        policyDocument: doc(st('s3:GetObject', 'arn:aws:s3:::public-maps/*')),
      });
      const node = role(stack, cognitoTrust('unauthenticated'), { managedPolicyArns: [policy.ref] });
      // WHEN the rule runs THEN it passes
      expect(onNode(CognitoUnauthenticatedRoleWrite, node)).toBe(NagRuleCompliance.COMPLIANT);
    });

    test('the authenticated role may write', () => {
      // GIVEN an attachment with both roles, the authenticated one writing
      const stack = newStack();
      const unauth = role(stack, cognitoTrust('unauthenticated'), inline(st('s3:GetObject')), 'Guest');
      const auth = role(stack, cognitoTrust('authenticated'), inline(st('s3:PutObject')), 'Member');
      attach(stack, unauth, auth);
      // WHEN the rule runs THEN the authenticated role is not a guest role, and the guest role only reads
      expect(onNode(CognitoUnauthenticatedRoleWrite, auth)).toBe(NagRuleCompliance.NOT_APPLICABLE);
      expect(onNode(CognitoUnauthenticatedRoleWrite, unauth)).toBe(NagRuleCompliance.COMPLIANT);
    });

    test('roles that are not Cognito guest roles are not applicable', () => {
      // GIVEN an ordinary role with write permissions  WHEN the rule runs  THEN it does not apply
      const node = role(newStack(), doc(allow({ Service: 'lambda.amazonaws.com' })), inline(st('s3:PutObject')));
      expect(onNode(CognitoUnauthenticatedRoleWrite, node)).toBe(NagRuleCompliance.NOT_APPLICABLE);
    });
  });

  describe('reads that are not harmless, and guest roles by amr pattern or classic flow', () => {
    test.each([
      [
        'secretsmanager:GetSecretValue on one secret',
        st('secretsmanager:GetSecretValue', 'arn:aws:secretsmanager:eu-west-1:444444444444:secret:app-AbCdEf'),
      ],
      [
        'secretsmanager:Get* on one secret',
        st('secretsmanager:Get*', 'arn:aws:secretsmanager:eu-west-1:444444444444:secret:app-AbCdEf'),
      ],
      [
        'kms:Decrypt on one key',
        st('kms:Decrypt', 'arn:aws:kms:eu-west-1:444444444444:key/1234abcd-12ab-34cd-56ef-1234567890ab'),
      ],
      ['ssm:GetParameter* on a path', st('ssm:GetParameter*', 'arn:aws:ssm:eu-west-1:444444444444:parameter/app/*')],
      ['s3:GetObject on every bucket', st('s3:GetObject', 'arn:aws:s3:::*/*')],
      [
        'ec2:GetPasswordData on one instance',
        st('ec2:GetPasswordData', 'arn:aws:ec2:eu-west-1:444444444444:instance/i-0abc'),
      ],
      ['s3:GetObject on one key prefix of every bucket', st('s3:GetObject', 'arn:aws:s3:::*/uploads/*')],
      [
        'dynamodb:Query on every index of every table',
        st('dynamodb:Query', 'arn:aws:dynamodb:eu-west-1:444444444444:table/*/index/*'),
      ],
      [
        'logs:GetLogEvents on every stream of every log group',
        st('logs:GetLogEvents', 'arn:aws:logs:eu-west-1:444444444444:log-group:*:log-stream:*'),
      ],
      [
        'dynamodb:GetRecords on the stream of every table',
        st('dynamodb:GetRecords', 'arn:aws:dynamodb:eu-west-1:444444444444:table/*/stream/*'),
      ],
      [
        'kinesis:GetRecords on every stream',
        st('kinesis:GetRecords', 'arn:aws:kinesis:eu-west-1:444444444444:stream/*'),
      ],
    ])('a guest role with %s', (_name, statement) => {
      // GIVEN a guest role whose only grant is a read that returns secrets, keys or data of every resource
      // WHEN the rule runs THEN it is reported
      expect(onNode(CognitoUnauthenticatedRoleWrite, guest(statement))).toBe(NagRuleCompliance.NON_COMPLIANT);
    });

    test.each([
      ['s3:GetObject on one bucket', st('s3:GetObject', 'arn:aws:s3:::public-maps/*')],
      [
        'dynamodb:GetItem on one table',
        st('dynamodb:GetItem', 'arn:aws:dynamodb:eu-west-1:444444444444:table/Leaderboard'),
      ],
      ['s3:GetObject on a prefix of one bucket', st('s3:GetObject', 'arn:aws:s3:::my-bucket/public/*')],
      [
        'dynamodb:Query on the indexes of one table',
        st('dynamodb:Query', 'arn:aws:dynamodb:eu-west-1:444444444444:table/Leaderboard/index/*'),
      ],
      [
        'logs:GetLogEvents on the streams of one log group',
        st('logs:GetLogEvents', 'arn:aws:logs:eu-west-1:444444444444:log-group:/app/public:log-stream:*'),
      ],
      [
        'kinesis:GetRecords on one stream',
        st('kinesis:GetRecords', 'arn:aws:kinesis:eu-west-1:444444444444:stream/clicks'),
      ],
    ])('a guest role with %s passes', (_name, statement) => {
      // GIVEN a guest role with a harmless read on a named resource  WHEN the rule runs  THEN it passes
      expect(onNode(CognitoUnauthenticatedRoleWrite, guest(statement))).toBe(NagRuleCompliance.COMPLIANT);
    });

    describe('Cognito identity APIs on the identity pool', () => {
      const POOL_ARN = `arn:aws:cognito-identity:eu-west-1:444444444444:identitypool/${POOL}`;
      const onGuest = (action: string | string[]) =>
        runOnTemplate(
          CognitoUnauthenticatedRoleWrite,
          roleTemplate(cognitoTrust('unauthenticated'), {
            Properties: { Policies: [{ PolicyName: 'p', PolicyDocument: doc(st(action, POOL_ARN)) }] },
          }),
        );

      test.each([
        [
          'cognito-identity:GetOpenIdTokenForDeveloperIdentity',
          /GetOpenIdTokenForDeveloperIdentity: mints an OpenID token/,
        ],
        ['cognito-identity:GetOpenIdToken*', /GetOpenIdTokenForDeveloperIdentity/],
        ['cognito-identity:LookupDeveloperIdentity', /LookupDeveloperIdentity: maps/],
        ['cognito-identity:MergeDeveloperIdentities', /write action cognito-identity:MergeDeveloperIdentities/],
        ['cognito-identity:UnlinkDeveloperIdentity', /write action cognito-identity:UnlinkDeveloperIdentity/],
      ])('%s is reported', (action, detail) => {
        // GIVEN a guest role granted a developer-authenticated-identities API on the pool (a token for any user id,
        // or the mapping of user ids to identities)
        // WHEN the rule runs  THEN it is reported, naming the action
        const result = onGuest(action);
        expect(result.failed).toBe(true);
        expect(result.detail).toMatch(detail);
      });

      test('the calls guests make themselves (GetId, GetCredentialsForIdentity, GetOpenIdToken) pass', () => {
        // GIVEN a guest role granted the identity APIs of the guest flow on the pool
        const result = onGuest([
          'cognito-identity:GetId',
          'cognito-identity:GetCredentialsForIdentity',
          'cognito-identity:GetOpenIdToken',
        ]);
        // WHEN the rule runs  THEN it passes
        expect(result.compliance).toBe(NagRuleCompliance.COMPLIANT);
      });
    });

    test('a trust amr pattern that also matches unauthenticated makes a guest role', () => {
      // GIVEN a role whose trust admits amr *authenticated (guests too) and that can write
      const node = role(newStack(), cognitoTrust('*authenticated'), inline(st('s3:PutObject')));
      // WHEN the rule runs THEN it is reported
      expect(onNode(CognitoUnauthenticatedRoleWrite, node)).toBe(NagRuleCompliance.NON_COMPLIANT);
      // and amr = authenticated only is not a guest role
      expect(
        onNode(
          CognitoUnauthenticatedRoleWrite,
          role(newStack(), cognitoTrust('authenticated'), inline(st('s3:PutObject'))),
        ),
      ).toBe(NagRuleCompliance.NOT_APPLICABLE);
    });

    test('with guests and the classic flow on, a role trusting Cognito without amr is a guest role', () => {
      // GIVEN an identity pool with guests and AllowClassicFlow, and a writing role that pins only the pool's aud
      const trust = doc(
        allow({ Federated: 'cognito-identity.amazonaws.com' }, web, {
          StringEquals: { 'cognito-identity.amazonaws.com:aud': { Ref: 'Pool' } },
        }),
      );
      const pool = (classic: boolean) => ({
        Pool: {
          Type: 'AWS::Cognito::IdentityPool',
          Properties: { AllowUnauthenticatedIdentities: true, AllowClassicFlow: classic },
        },
      });
      const policies = { Policies: [{ PolicyName: 'p', PolicyDocument: doc(st('s3:PutObject')) }] };
      // WHEN the rule runs THEN it is reported with classic flow, and not applicable without it
      const on = runOnTemplate(
        CognitoUnauthenticatedRoleWrite,
        roleTemplate(trust, { Resources: pool(true), Properties: policies }),
      );
      expect(on.failed).toBe(true);
      expect(on.detail).toMatch(/classic flow/);
      const off = runOnTemplate(
        CognitoUnauthenticatedRoleWrite,
        roleTemplate(trust, { Resources: pool(false), Properties: policies }),
      );
      expect(off.compliance).toBe(NagRuleCompliance.NOT_APPLICABLE);
      // and a trust whose aud is another pool (a literal id) is not reachable by this pool's guests
      const other = doc(
        allow({ Federated: 'cognito-identity.amazonaws.com' }, web, {
          StringEquals: { 'cognito-identity.amazonaws.com:aud': POOL },
        }),
      );
      const elsewhere = runOnTemplate(
        CognitoUnauthenticatedRoleWrite,
        roleTemplate(other, { Resources: pool(true), Properties: policies }),
      );
      expect(elsewhere.compliance).toBe(NagRuleCompliance.NOT_APPLICABLE);
    });
  });

  describe('amr clauses written with ForAllValues and a negated operator', () => {
    const trust = (operator: string, amr: string) =>
      doc(
        allow({ Federated: 'cognito-identity.amazonaws.com' }, web, {
          StringEquals: { 'cognito-identity.amazonaws.com:aud': { Ref: 'Pool' } },
          [operator]: { 'cognito-identity.amazonaws.com:amr': amr },
        }),
      );
    const classicPool = {
      Pool: {
        Type: 'AWS::Cognito::IdentityPool',
        Properties: { AllowUnauthenticatedIdentities: true, AllowClassicFlow: true },
      },
    };
    const writes = { Policies: [{ PolicyName: 'p', PolicyDocument: doc(st('s3:PutObject')) }] };

    test('excluding amr authenticated makes a guest role; excluding amr unauthenticated does not, even with the classic flow', () => {
      // GIVEN writing roles trusting a pool with guests and the classic flow: one excludes signed-in identities
      // (ForAllValues:StringNotEquals amr authenticated: guests only), one excludes guests (amr unauthenticated)
      const guestsOnly = roleTemplate(trust('ForAllValues:StringNotEquals', 'authenticated'), {
        Resources: classicPool,
        Properties: writes,
      });
      const signedInOnly = roleTemplate(trust('ForAllValues:StringNotEquals', 'unauthenticated'), {
        Resources: classicPool,
        Properties: writes,
      });
      // WHEN the rule runs THEN the first is a guest role that writes; the second is not a guest role
      const reported = runOnTemplate(CognitoUnauthenticatedRoleWrite, guestsOnly);
      expect(reported.failed).toBe(true);
      expect(reported.detail).toMatch(/admits guests/);
      expect(runOnTemplate(CognitoUnauthenticatedRoleWrite, signedInOnly).compliance).toBe(
        NagRuleCompliance.NOT_APPLICABLE,
      );
    });
  });

  describe('amr clauses written with ForAnyValue and a negated operator, or ForAllValues and a positive one', () => {
    const AMR = 'cognito-identity.amazonaws.com:amr';
    const trust = (condition: object) =>
      doc(
        allow({ Federated: 'cognito-identity.amazonaws.com' }, web, {
          StringEquals: { 'cognito-identity.amazonaws.com:aud': { Ref: 'Pool' } },
          ...condition,
        }),
      );
    const classicPool = {
      Pool: {
        Type: 'AWS::Cognito::IdentityPool',
        Properties: { AllowUnauthenticatedIdentities: true, AllowClassicFlow: true },
      },
    };
    const writes = { Policies: [{ PolicyName: 'p', PolicyDocument: doc(st('s3:PutObject')) }] };
    const run = (condition: object) =>
      runOnTemplate(
        CognitoUnauthenticatedRoleWrite,
        roleTemplate(trust(condition), { Resources: classicPool, Properties: writes }),
      );

    test.each([
      [
        'ForAnyValue:StringNotEquals amr unauthenticated',
        { 'ForAnyValue:StringNotEquals': { [AMR]: 'unauthenticated' } },
      ],
      ['ForAnyValue:StringNotLike amr unauth*', { 'ForAnyValue:StringNotLike': { [AMR]: 'unauth*' } }],
      [
        'ForAllValues:StringLike amr [authenticated, cognito-idp.*] with Null amr false',
        { 'ForAllValues:StringLike': { [AMR]: ['authenticated', 'cognito-idp.*'] }, Null: { [AMR]: 'false' } },
      ],
      [
        'ForAllValues:StringEquals amr [authenticated, graph.facebook.com]',
        { 'ForAllValues:StringEquals': { [AMR]: ['authenticated', 'graph.facebook.com'] } },
      ],
    ])('%s excludes guests: not a guest role, even with the classic flow', (_name, condition) => {
      // GIVEN a writing role trusting a pool with guests and the classic flow, whose amr clause is false for a
      // guest's amr ["unauthenticated"]
      // WHEN the rule runs THEN the role is not a guest role
      expect(run(condition).compliance).toBe(NagRuleCompliance.NOT_APPLICABLE);
    });

    test.each([
      ['ForAnyValue:StringNotEquals amr authenticated', { 'ForAnyValue:StringNotEquals': { [AMR]: 'authenticated' } }],
      ['ForAllValues:StringLike amr *', { 'ForAllValues:StringLike': { [AMR]: '*' } }],
      [
        'ForAllValues:StringLike amr [authenticated, unauthenticated]',
        { 'ForAllValues:StringLike': { [AMR]: ['authenticated', 'unauthenticated'] } },
      ],
    ])('%s admits guests: a guest role that writes is reported', (_name, condition) => {
      // GIVEN a writing role whose amr clause is true for a guest's amr ["unauthenticated"]
      // WHEN the rule runs THEN it is reported as a guest role, saying why
      const result = run(condition);
      expect(result.failed).toBe(true);
      expect(result.detail).toMatch(/guest role: its trust admits guests/);
    });
  });

  describe('guest policies AWS documents for unauthenticated identities', () => {
    const location = (
      service: string,
      actions: string[],
      resource = `arn:\${AWS::Partition}:${service}:\${AWS::Region}::provider/default`,
    ) => ({ Effect: 'Allow', Action: actions, Resource: { 'Fn::Sub': resource } });
    const onGuest = (...statements: object[]) =>
      runOnTemplate(
        CognitoUnauthenticatedRoleWrite,
        roleTemplate(cognitoTrust('unauthenticated'), {
          Properties: { Policies: [{ PolicyName: 'p', PolicyDocument: doc(...statements) }] },
        }),
      );

    test('the Amazon Location actions AWS lists for unauthenticated roles pass, on the provider resources', () => {
      // GIVEN a guest role with Amazon Location's documented unauthenticated policy (maps, places, routes on provider/default)
      const result = onGuest(
        location('geo-maps', ['geo-maps:GetTile', 'geo-maps:GetStaticMap']),
        location('geo-places', [
          'geo-places:Geocode',
          'geo-places:ReverseGeocode',
          'geo-places:SearchText',
          'geo-places:Autocomplete',
          'geo-places:Suggest',
          'geo-places:GetPlace',
        ]),
        location('geo-routes', ['geo-routes:CalculateRoutes', 'geo-routes:CalculateIsolines']),
        st(
          ['geo:CalculateRoute', 'geo:SearchPlaceIndexForText'],
          'arn:aws:geo:us-east-1:444444444444:route-calculator/Routes',
        ),
      );
      // WHEN the rule runs THEN it passes
      expect(result.compliance).toBe(NagRuleCompliance.COMPLIANT);
    });

    test.each([
      ['a Location service wildcard', location('geo-places', ['geo-places:*'])],
      [
        "a Location action on another service's resource",
        location(
          'geo-places',
          ['geo-places:Geocode'],
          'arn:${AWS::Partition}:geo:${AWS::Region}:${AWS::AccountId}:place-index/*',
        ),
      ],
      [
        'a geofence write (documented for guests, still a write)',
        st('geo:PutGeofence', 'arn:aws:geo:us-east-1:444444444444:geofence-collection/fences'),
      ],
      [
        'a route calculation on every calculator',
        st('geo:CalculateRoute', 'arn:aws:geo:us-east-1:444444444444:route-calculator/*'),
      ],
    ])('%s is still reported', (_name, statement) => {
      // GIVEN a guest role whose Location grant goes beyond the documented guest policy
      // WHEN the rule runs THEN it is reported
      expect(onGuest(statement).failed).toBe(true);
    });

    test('Amplify Analytics events to one Pinpoint app pass; to every app they are reported', () => {
      // GIVEN a guest role sending analytics events (PutEvents, UpdateEndpoint) to one named app, as Amplify writes it
      const one = onGuest(
        st(
          ['mobiletargeting:PutEvents', 'mobiletargeting:UpdateEndpoint'],
          'arn:aws:mobiletargeting:*:444444444444:apps/0123456789abcdef0123456789abcdef*',
        ),
      );
      // and one sending them to every app of the account
      const every = onGuest(st('mobiletargeting:PutEvents', 'arn:aws:mobiletargeting:us-east-1:444444444444:apps/*'));
      // WHEN the rule runs THEN only every app is reported
      expect(one.compliance).toBe(NagRuleCompliance.COMPLIANT);
      expect(every.failed).toBe(true);
      expect(every.detail).toMatch(/mobiletargeting:PutEvents/);
    });

    test('Polly speech synthesis on "*" passes; a synthesis task (it writes to S3) is reported', () => {
      // GIVEN a guest role that synthesizes speech (Polly grants it on "*"), and one that starts synthesis tasks
      const speech = onGuest(st('polly:SynthesizeSpeech', '*'));
      const task = onGuest(st(['polly:SynthesizeSpeech', 'polly:StartSpeechSynthesisTask'], '*'));
      // WHEN the rule runs THEN only the task is reported, named
      expect(speech.compliance).toBe(NagRuleCompliance.COMPLIANT);
      expect(task.failed).toBe(true);
      expect(task.detail).toMatch(/polly:StartSpeechSynthesisTask on Resource "\*"/);
      expect(task.detail).not.toMatch(/SynthesizeSpeech,/);
    });

    test('invoking one named API route passes; invoking every method or API is reported', () => {
      // GIVEN guest roles invoking API Gateway: one stage, method and path prefix of one API; every method; every API
      const route = onGuest(
        st('execute-api:Invoke', 'arn:aws:execute-api:us-east-1:444444444444:abc123/prod/GET/public/*'),
      );
      const methods = onGuest(
        st('execute-api:Invoke', 'arn:aws:execute-api:us-east-1:444444444444:abc123/prod/*/public'),
      );
      const apis = onGuest(st('execute-api:Invoke', 'arn:aws:execute-api:us-east-1:444444444444:*'));
      // WHEN the rule runs THEN only the named route passes
      expect(route.compliance).toBe(NagRuleCompliance.COMPLIANT);
      expect(methods.failed).toBe(true);
      expect(apis.failed).toBe(true);
    });

    test('a documented guest action next to a write in the same statement does not hide the write', () => {
      // GIVEN a statement granting Polly speech and s3:PutObject on "*"
      const result = onGuest(st(['polly:SynthesizeSpeech', 's3:PutObject'], '*'));
      // WHEN the rule runs THEN the write is reported, alone
      expect(result.failed).toBe(true);
      expect(result.detail).toMatch(/^s3:PutObject on Resource "\*"/);
    });
  });

  describe("intrinsic and JSON-string spellings of the guest role's permissions (raw templates)", () => {
    const guestTrust = () =>
      doc(
        allow({ Federated: 'cognito-identity.amazonaws.com' }, web, {
          StringEquals: { 'cognito-identity.amazonaws.com:aud': POOL },
          'ForAnyValue:StringLike': { 'cognito-identity.amazonaws.com:amr': 'unauthenticated' },
        }),
      );

    test('a policy document written as a JSON string is read', () => {
      // GIVEN a guest role whose inline policy is a JSON string granting kms:Decrypt on one key
      const text = JSON.stringify(
        doc(st('kms:Decrypt', 'arn:${AWS::Partition}:kms:${AWS::Region}:${AWS::AccountId}:key/1234')),
      );
      const json = roleTemplate(guestTrust(), {
        Properties: { Policies: [{ PolicyName: 'p', PolicyDocument: { 'Fn::Sub': text } }] },
      });
      // WHEN the rule runs THEN it is reported, naming the action
      const result = runOnTemplate(CognitoUnauthenticatedRoleWrite, json);
      expect(result.failed).toBe(true);
      expect(result.detail).toMatch(/kms:Decrypt/);
    });

    test('an action from an Fn::If branch is read in both branches', () => {
      // GIVEN a guest role whose action is s3:GetObject or secretsmanager:GetSecretValue depending on a condition
      const action = { 'Fn::If': ['WithSecrets', 'secretsmanager:GetSecretValue', 's3:GetObject'] };
      const json = (a: unknown) =>
        roleTemplate(guestTrust(), {
          Parameters: { Mode: { Type: 'String' } },
          Conditions: { WithSecrets: { 'Fn::Equals': [{ Ref: 'Mode' }, 'secrets'] } },
          Properties: { Policies: [{ PolicyName: 'p', PolicyDocument: doc(st(a, 'arn:aws:s3:::public-maps/*')) }] },
        });
      // WHEN the rule runs THEN the secret read is found; with both branches harmless it passes
      expect(runOnTemplate(CognitoUnauthenticatedRoleWrite, json(action)).failed).toBe(true);
      expect(
        runOnTemplate(
          CognitoUnauthenticatedRoleWrite,
          json({ 'Fn::If': ['WithSecrets', 's3:GetObject', 's3:ListBucket'] }),
        ).failed,
      ).toBe(false);
    });
  });
});
