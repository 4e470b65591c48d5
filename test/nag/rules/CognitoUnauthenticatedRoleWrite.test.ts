import { CfnParameter, Stack } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as iam from 'aws-cdk-lib/aws-iam';
import { NagRuleCompliance } from 'cdk-nag';
import CognitoUnauthenticatedRoleWrite from '../../../lib/nag/rules/CognitoUnauthenticatedRoleWrite';
import { allow, doc, newStack, onNode, role } from '../helpers';

const web = 'sts:AssumeRoleWithWebIdentity';
const POOL = 'eu-west-1:12345678-1234-1234-1234-123456789012';
const cognitoTrust = (amr: string) => doc(allow({ Federated: 'cognito-identity.amazonaws.com' }, web, {
  'StringEquals': { 'cognito-identity.amazonaws.com:aud': POOL },
  'ForAnyValue:StringLike': { 'cognito-identity.amazonaws.com:amr': amr },
}));
const inline = (...statements: object[]) => ({ policies: [{ policyName: 'p', policyDocument: doc(...statements) }] });
const st = (action: unknown, resource: unknown = 'arn:aws:s3:::public-maps/*') => ({ Effect: 'Allow', Action: action, Resource: resource });

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
      new iam.CfnPolicy(stack, 'GuestPolicy', { policyName: 'guest', roles: [unauth.ref], policyDocument: doc(st('dynamodb:PutItem', 'arn:aws:dynamodb:eu-west-1:444444444444:table/t')) });
      // WHEN the rule runs THEN it is reported
      expect(onNode(CognitoUnauthenticatedRoleWrite, unauth)).toBe(NagRuleCompliance.NON_COMPLIANT);
    });

    test('an AWS managed policy that is not read-only', () => {
      // GIVEN a guest role with AmazonS3FullAccess
      const node = role(newStack(), cognitoTrust('unauthenticated'), { managedPolicyArns: ['arn:aws:iam::aws:policy/AmazonS3FullAccess'] });
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
      ['read wildcards', st(['s3:Get*', 's3:List*', 'dynamodb:Query', 'dynamodb:BatchGetItem'], 'arn:aws:dynamodb:eu-west-1:444444444444:table/maps')],
      ['a Deny on "*"', { Effect: 'Deny', Action: '*', Resource: '*' }],
    ])('a guest role with %s', (_name, statement) => {
      // GIVEN a guest role with read permissions on named resources  WHEN the rule runs  THEN it passes
      expect(onNode(CognitoUnauthenticatedRoleWrite, guest(st('s3:GetObject'), statement))).toBe(NagRuleCompliance.COMPLIANT);
    });

    test('a read-only AWS managed policy', () => {
      // GIVEN a guest role with AmazonS3ReadOnlyAccess
      const node = role(newStack(), cognitoTrust('unauthenticated'), { managedPolicyArns: ['arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess'] });
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
});
