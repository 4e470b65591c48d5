import { NagRuleCompliance } from 'cdk-nag';
import * as iam from 'aws-cdk-lib/aws-iam';
import ServiceTrustWithoutSourceCondition, {
  SOURCE_CONDITION_SERVICES,
} from '../../../lib/nag/rules/ServiceTrustWithoutSourceCondition';
import { allow, doc, newStack, onNode, onTrust } from '../helpers';
import { roleTemplate, runOnTemplate } from '../template-helpers';

describe('ServiceTrustWithoutSourceCondition', () => {
  describe('Noncompliance', () => {
    test.each([
      ['EventBridge without a source condition', allow({ Service: 'events.amazonaws.com' })],
      // a policy variable of the request is every caller's own value: the condition is always true
      [
        'aws:SourceArn = ${aws:SourceArn}',
        allow({ Service: 'events.amazonaws.com' }, 'sts:AssumeRole', {
          ArnEquals: { 'aws:SourceArn': '${aws:SourceArn}' },
        }),
      ],
      [
        'aws:SourceAccount = ${aws:SourceAccount}',
        allow({ Service: 'events.amazonaws.com' }, 'sts:AssumeRole', {
          StringEquals: { 'aws:SourceAccount': '${aws:SourceAccount}' },
        }),
      ],
      [
        'an aws:SourceArn whose account is ${aws:SourceAccount}',
        allow({ Service: 'events.amazonaws.com' }, 'sts:AssumeRole', {
          ArnLike: { 'aws:SourceArn': 'arn:aws:events:*:${aws:SourceAccount}:rule/*' },
        }),
      ],
      ['EventBridge Scheduler', allow({ Service: 'scheduler.amazonaws.com' })],
      ['a regional CloudWatch Logs principal', allow({ Service: 'logs.eu-west-1.amazonaws.com' })],
      ['a China partition principal', allow({ Service: 'events.amazonaws.com.cn' })],
      ['a listed service next to an exempt one', allow({ Service: ['lambda.amazonaws.com', 'states.amazonaws.com'] })],
      [
        'a wildcard-only source account',
        allow({ Service: 'sns.amazonaws.com' }, 'sts:AssumeRole', { StringLike: { 'aws:SourceAccount': '*' } }),
      ],
      [
        'an IfExists source condition',
        allow({ Service: 'backup.amazonaws.com' }, 'sts:AssumeRole', {
          StringEqualsIfExists: { 'aws:SourceAccount': '444444444444' },
        }),
      ],
      [
        'a negated source condition',
        allow({ Service: 'config.amazonaws.com' }, 'sts:AssumeRole', {
          StringNotEquals: { 'aws:SourceAccount': '999999999999' },
        }),
      ],
      [
        'Step Functions with the URL suffix as an intrinsic',
        allow({ Service: { 'Fn::Join': ['', ['states.', { Ref: 'AWS::URLSuffix' }]] } }),
      ],
      ['Step Functions with the URL suffix in Fn::Sub', allow({ Service: { 'Fn::Sub': 'states.${AWS::URLSuffix}' } })],
      [
        'a regional principal with the region as an intrinsic',
        allow({ Service: { 'Fn::Sub': 'logs.${AWS::Region}.amazonaws.com' } }),
      ],
      [
        'aws:SourceArn with a wildcard account',
        allow({ Service: 'events.amazonaws.com' }, 'sts:AssumeRole', {
          ArnLike: { 'aws:SourceArn': 'arn:aws:events:eu-west-1:*:rule/Nightly' },
        }),
      ],
      [
        'aws:SourceArn with an empty account',
        allow({ Service: 'events.amazonaws.com' }, 'sts:AssumeRole', {
          ArnLike: { 'aws:SourceArn': 'arn:aws:events:eu-west-1::rule/Nightly' },
        }),
      ],
      [
        'aws:SourceArn under StringLike with a wildcard before the account',
        allow({ Service: 'events.amazonaws.com' }, 'sts:AssumeRole', {
          StringLike: { 'aws:SourceArn': 'arn:aws:events:*:444444444444:rule/*' },
        }),
      ],
      [
        'aws:SourceArn "*"',
        allow({ Service: 'scheduler.amazonaws.com' }, 'sts:AssumeRole', { ArnLike: { 'aws:SourceArn': '*' } }),
      ],
      [
        'aws:SourceOrgID with a wildcard',
        allow({ Service: 'logs.amazonaws.com' }, 'sts:AssumeRole', { StringLike: { 'aws:SourceOrgID': 'o-*' } }),
      ],
      ['Amazon Fraud Detector (added with its source)', allow({ Service: 'frauddetector.amazonaws.com' })],
      ['AppStream (added with its source)', allow({ Service: 'appstream.amazonaws.com' })],
    ])('%s', (_name, statement) => {
      // GIVEN a service that supports source conditions, trusted without one  WHEN the rule runs  THEN it warns
      expect(onTrust(ServiceTrustWithoutSourceCondition, statement)).toBe(NagRuleCompliance.NON_COMPLIANT);
    });

    test('an L2 role for Step Functions', () => {
      // GIVEN an iam.Role assumed by states.amazonaws.com  WHEN the rule runs  THEN it warns
      const r = new iam.Role(newStack(), 'R', { assumedBy: new iam.ServicePrincipal('states.amazonaws.com') });
      expect(onNode(ServiceTrustWithoutSourceCondition, r.node.defaultChild as iam.CfnRole)).toBe(
        NagRuleCompliance.NON_COMPLIANT,
      );
    });
  });

  describe('Compliance', () => {
    test.each([
      [
        "aws:SourceAccount = ${aws:ResourceAccount} (the role's own account)",
        allow({ Service: 'events.amazonaws.com' }, 'sts:AssumeRole', {
          StringEquals: { 'aws:SourceAccount': '${aws:ResourceAccount}' },
        }),
      ],
      [
        "an aws:SourceArn in the role's own account, as ${aws:ResourceAccount}",
        allow({ Service: 'events.amazonaws.com' }, 'sts:AssumeRole', {
          ArnLike: { 'aws:SourceArn': 'arn:aws:events:eu-west-1:${aws:ResourceAccount}:rule/*' },
        }),
      ],
      [
        'aws:SourceAccount',
        allow({ Service: 'events.amazonaws.com' }, 'sts:AssumeRole', {
          StringEquals: { 'aws:SourceAccount': '444444444444' },
        }),
      ],
      [
        'aws:SourceArn with a pattern',
        allow({ Service: 'events.amazonaws.com' }, 'sts:AssumeRole', {
          ArnLike: { 'aws:SourceArn': 'arn:aws:events:eu-west-1:444444444444:rule/*' },
        }),
      ],
      [
        'aws:SourceArn with a wildcard region and a concrete account',
        allow({ Service: 'events.amazonaws.com' }, 'sts:AssumeRole', {
          ArnLike: { 'aws:SourceArn': 'arn:aws:events:*:444444444444:rule/*' },
        }),
      ],
      [
        'aws:SourceArn under StringLike with a wildcard after the account',
        allow({ Service: 'events.amazonaws.com' }, 'sts:AssumeRole', {
          StringLike: { 'aws:SourceArn': 'arn:aws:events:eu-west-1:444444444444:rule/*' },
        }),
      ],
      [
        'a wildcard source ARN ANDed with an exact source account',
        allow({ Service: 'events.amazonaws.com' }, 'sts:AssumeRole', {
          ArnLike: { 'aws:SourceArn': 'arn:aws:events:*:*:rule/*' },
          StringEquals: { 'aws:SourceAccount': '444444444444' },
        }),
      ],
      [
        'Step Functions with the URL suffix as an intrinsic and aws:SourceAccount',
        allow({ Service: { 'Fn::Join': ['', ['states.', { Ref: 'AWS::URLSuffix' }]] } }, 'sts:AssumeRole', {
          StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } },
        }),
      ],
      [
        'aws:SourceOrgID',
        allow({ Service: 'logs.amazonaws.com' }, 'sts:AssumeRole', {
          StringEquals: { 'aws:SourceOrgID': 'o-a1b2c3d4e5' },
        }),
      ],
      [
        'the account from AWS::AccountId',
        allow({ Service: 'scheduler.amazonaws.com' }, 'sts:AssumeRole', {
          StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } },
        }),
      ],
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

  describe('Deny, intrinsic and JSON-string spellings (raw templates, every reachable variant)', () => {
    test('a Deny on any other source account is a guard; a Deny that does not require the key is not', () => {
      // GIVEN an Allow for EventBridge and a Deny on aws:SourceAccount
      const withDeny = (condition: object) =>
        doc(allow({ Service: 'events.amazonaws.com' }), {
          Effect: 'Deny',
          Principal: { Service: 'events.amazonaws.com' },
          Action: 'sts:AssumeRole',
          Condition: condition,
        });
      // WHEN the rule runs THEN StringNotEquals guards, StringEquals (deny one account) does not
      expect(
        runOnTemplate(
          ServiceTrustWithoutSourceCondition,
          roleTemplate(withDeny({ StringNotEquals: { 'aws:SourceAccount': '444444444444' } })),
        ).failed,
      ).toBe(false);
      expect(
        runOnTemplate(
          ServiceTrustWithoutSourceCondition,
          roleTemplate(withDeny({ StringEquals: { 'aws:SourceAccount': '999999999999' } })),
        ).failed,
      ).toBe(true);
    });

    test('a source account parameter whose default is * fails, naming the parameter', () => {
      // GIVEN aws:SourceAccount from a parameter with default '*' under StringLike
      const json = roleTemplate(
        doc(
          allow({ Service: 'states.amazonaws.com' }, 'sts:AssumeRole', {
            StringLike: { 'aws:SourceAccount': { Ref: 'Source' } },
          }),
        ),
        {
          Parameters: { Source: { Type: 'String', Default: '*' } },
        },
      );
      // WHEN the rule runs THEN it fails in that variant
      const result = runOnTemplate(ServiceTrustWithoutSourceCondition, json);
      expect(result.failed).toBe(true);
      expect(result.variant).toMatch(/Source/);
      expect(result.detail).toMatch(/spans accounts/);
    });

    test('a trust policy written as a JSON string with the URL suffix is read', () => {
      // GIVEN the trust document as a JSON string built by Fn::Sub, for states.${AWS::URLSuffix}
      const open = JSON.stringify(doc(allow({ Service: 'states.${AWS::URLSuffix}' })));
      const guarded = JSON.stringify(
        doc(
          allow({ Service: 'states.${AWS::URLSuffix}' }, 'sts:AssumeRole', {
            StringEquals: { 'aws:SourceAccount': '${AWS::AccountId}' },
          }),
        ),
      );
      // WHEN the rule runs THEN the open one fails and the guarded one passes
      expect(runOnTemplate(ServiceTrustWithoutSourceCondition, roleTemplate({ 'Fn::Sub': open })).failed).toBe(true);
      expect(runOnTemplate(ServiceTrustWithoutSourceCondition, roleTemplate({ 'Fn::Sub': guarded })).failed).toBe(
        false,
      );
    });
  });
});
