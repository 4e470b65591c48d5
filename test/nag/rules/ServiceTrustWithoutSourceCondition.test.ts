import { NagRuleCompliance } from 'cdk-nag';
import * as iam from 'aws-cdk-lib/aws-iam';
import ServiceTrustWithoutSourceCondition, { SOURCE_CONDITION_SERVICES } from '../../../lib/nag/rules/ServiceTrustWithoutSourceCondition';
import { allow, newStack, onNode, onTrust } from '../helpers';

describe('ServiceTrustWithoutSourceCondition', () => {
  describe('Noncompliance', () => {
    test.each([
      ['EventBridge without a source condition', allow({ Service: 'events.amazonaws.com' })],
      ['EventBridge Scheduler', allow({ Service: 'scheduler.amazonaws.com' })],
      ['a regional CloudWatch Logs principal', allow({ Service: 'logs.eu-west-1.amazonaws.com' })],
      ['a China partition principal', allow({ Service: 'events.amazonaws.com.cn' })],
      ['a listed service next to an exempt one', allow({ Service: ['lambda.amazonaws.com', 'states.amazonaws.com'] })],
      ['a wildcard-only source account', allow({ Service: 'sns.amazonaws.com' }, 'sts:AssumeRole', { StringLike: { 'aws:SourceAccount': '*' } })],
      ['an IfExists source condition', allow({ Service: 'backup.amazonaws.com' }, 'sts:AssumeRole', { StringEqualsIfExists: { 'aws:SourceAccount': '444444444444' } })],
      ['a negated source condition', allow({ Service: 'config.amazonaws.com' }, 'sts:AssumeRole', { StringNotEquals: { 'aws:SourceAccount': '999999999999' } })],
    ])('%s', (_name, statement) => {
      // GIVEN a service that supports source conditions, trusted without one  WHEN the rule runs  THEN it warns
      expect(onTrust(ServiceTrustWithoutSourceCondition, statement)).toBe(NagRuleCompliance.NON_COMPLIANT);
    });

    test('an L2 role for Step Functions', () => {
      // GIVEN an iam.Role assumed by states.amazonaws.com  WHEN the rule runs  THEN it warns
      const r = new iam.Role(newStack(), 'R', { assumedBy: new iam.ServicePrincipal('states.amazonaws.com') });
      expect(onNode(ServiceTrustWithoutSourceCondition, r.node.defaultChild as iam.CfnRole)).toBe(NagRuleCompliance.NON_COMPLIANT);
    });
  });

  describe('Compliance', () => {
    test.each([
      ['aws:SourceAccount', allow({ Service: 'events.amazonaws.com' }, 'sts:AssumeRole', { StringEquals: { 'aws:SourceAccount': '444444444444' } })],
      ['aws:SourceArn with a pattern', allow({ Service: 'events.amazonaws.com' }, 'sts:AssumeRole', { ArnLike: { 'aws:SourceArn': 'arn:aws:events:eu-west-1:444444444444:rule/*' } })],
      ['aws:SourceOrgID', allow({ Service: 'logs.amazonaws.com' }, 'sts:AssumeRole', { StringEquals: { 'aws:SourceOrgID': 'o-a1b2c3d4e5' } })],
      ['the account from AWS::AccountId', allow({ Service: 'scheduler.amazonaws.com' }, 'sts:AssumeRole', { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } })],
      ['Lambda (exempt)', allow({ Service: 'lambda.amazonaws.com' })],
      ['EC2 (exempt)', allow({ Service: 'ec2.amazonaws.com' })],
      ['ECS tasks (exempt)', allow({ Service: 'ecs-tasks.amazonaws.com' })],
      ['EKS (exempt)', allow({ Service: 'eks.amazonaws.com' })],
      ['Lambda@Edge (exempt)', allow({ Service: 'edgelambda.amazonaws.com' })],
      ['an AWS principal', allow({ AWS: 'arn:aws:iam::111111111111:root' })],
    ])('%s', (_name, statement) => {
      // GIVEN a source-conditioned or exempt service trust  WHEN the rule runs  THEN it passes
      expect(onTrust(ServiceTrustWithoutSourceCondition, statement)).toBe(NagRuleCompliance.COMPLIANT);
    });

    test('the curated list excludes the compute services', () => {
      // GIVEN the list  THEN none of the exempt compute services is in it
      for (const exempt of ['lambda', 'ec2', 'ecs-tasks', 'eks', 'edgelambda']) {
        expect(SOURCE_CONDITION_SERVICES).not.toContain(exempt);
      }
    });
  });
});
