import { App, Stack } from 'aws-cdk-lib';
import fc from 'fast-check';
import { checkTemplates } from '../../../lib/nag/check';
import { deeperThan } from '../../../lib/private/iam/values';
import { CrossAccountRole } from '../../../lib/cross-account/cross-account-role';
import { StsChecks } from '../../../lib/nag/sts-checks';
import { IamTemplate, policySize, trustVariants } from '../../../lib/private/iam';
import { policyLength } from '../../../lib/trust/policy-size';
import { TrustedParty } from '../../../lib/trust/trusted-party';

/** 22 account parties, each its own statement (the case of issue 8, cause 8). */
const parties = () => Array.from({ length: 22 }, (_, i) => TrustedParty.account(String(300000000000 + i)));

describe('the one policy-size measure', () => {
  test('counts JSON without whitespace', () => {
    // GIVEN a document with a space inside a value
    const doc = {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { AWS: 'x y' } }],
    };
    // WHEN measured THEN the space is not counted and the result is exact
    expect(policySize(doc)).toEqual({ length: JSON.stringify(doc).length - 1, exact: true });
  });

  test('pseudo parameters count at their longest value when the environment is unknown; Fn::Join is joined', () => {
    // GIVEN an ARN joined from the partition
    const joined = { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::111111111111:root']] };
    // WHEN measured without environment THEN aws-us-gov is counted
    expect(policySize({ AWS: joined })).toEqual({
      length: JSON.stringify({ AWS: 'arn:aws-us-gov:iam::111111111111:root' }).length,
      exact: true,
    });
  });

  test('the stack name counts at its longest, 128 characters, as Ref and in Fn::Sub (a red-team pass found it counted as its placeholder)', () => {
    // GIVEN a source ARN naming the stack, written both ways
    const arn = (name: string) => `arn:aws:events:eu-west-1:111111111111:rule/${name}-*`;
    const expected = JSON.stringify({ S: arn('x'.repeat(128)) }).length;
    // WHEN measured  THEN the name is counted at its longest, whatever the environment knows
    expect(policySize({ S: { 'Fn::Sub': 'arn:aws:events:eu-west-1:111111111111:rule/${AWS::StackName}-*' } })).toEqual({
      length: expected,
      exact: true,
    });
    expect(
      policySize(
        { S: { 'Fn::Join': ['', ['arn:aws:events:eu-west-1:111111111111:rule/', { Ref: 'AWS::StackName' }, '-*']] } },
        { partition: 'aws', account: '111111111111', region: 'eu-west-1' },
      ).length,
    ).toBe(expected);
  });

  test('a known partition is used for AWS::Partition, Fn::Sub and the model placeholders alike', () => {
    // GIVEN the same ARN written three ways
    const expected = JSON.stringify({ AWS: 'arn:aws:iam::111111111111:root' }).length;
    // WHEN measured in the aws partition THEN all three agree
    expect(
      policySize(
        { AWS: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::111111111111:root']] } },
        { partition: 'aws' },
      ).length,
    ).toBe(expected);
    expect(
      policySize({ AWS: { 'Fn::Sub': 'arn:${AWS::Partition}:iam::111111111111:root' } }, { partition: 'aws' }).length,
    ).toBe(expected);
    expect(policySize({ AWS: 'arn:{{AWS.Partition}}:iam::111111111111:root' }, { partition: 'aws' }).length).toBe(
      expected,
    );
  });

  test('a JSON-string document is measured as the document it holds', () => {
    // GIVEN a document and its indented JSON string  THEN both measure the same
    const doc = {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { Service: 'lambda.amazonaws.com' } }],
    };
    expect(policySize(JSON.stringify(doc, null, 2))).toEqual(policySize(doc));
  });

  test('other intrinsics are counted as they stand and make the result inexact', () => {
    // GIVEN a GetAtt  WHEN measured THEN it is inexact
    const result = policySize({ AWS: { 'Fn::GetAtt': ['Role', 'Arn'] } });
    expect(result.exact).toBe(false);
    expect(result.length).toBeGreaterThan(10);
  });

  test.each([
    ['an environment-agnostic stack', undefined],
    ['a stack in eu-west-1', { account: '222222222222', region: 'eu-west-1' }],
  ])(
    'StsRole and TrustPolicyTooLarge agree on a CrossAccountRole with 22 account parties and a 4,096 quota (%s)',
    (_name, env) => {
      // GIVEN a CrossAccountRole with 22 account parties and the 4,096 quota
      const app = new App();
      const stack = new Stack(app, 'S', env ? { env } : {});
      const role = new CrossAccountRole(stack, 'R', {
        roleName: 'R',
        trustedParties: parties(),
        trustPolicySizeQuota: 4096,
      });
      // WHEN it is synthesized THEN the construct accepts it
      expect(() => app.synth()).not.toThrow();
      // AND the pack with the same quota does not report its size
      const report = new StsChecks(undefined, { trustPolicySizeQuota: 4096 }).validateScope(stack);
      expect(report.violations.map((v) => v.ruleName)).not.toContain('StsChecks-TrustPolicyTooLarge');
      // AND both measure the same length
      const construct = policyLength(stack.resolve(role.assumeRolePolicy!.toJSON()), role).length;
      const template = IamTemplate.fromJson(app.synth().getStackByName('S').template, {
        environment: env ? { partition: 'aws', account: env.account, region: env.region } : {},
      });
      const [variant] = trustVariants(template, template.ofType('AWS::IAM::Role')[0]);
      expect(policySize(variant.document, template.environment).length).toBe(construct);
    },
  );
});

describe('very deep values (red-team R1)', () => {
  const deepJoin = (levels: number, inner: unknown = '*'): unknown => {
    let v = inner;
    for (let i = 0; i < levels; i++) v = { 'Fn::Join': ['', [v]] };
    return v;
  };
  const roleWith = (trust: unknown) => ({
    Resources: { R: { Type: 'AWS::IAM::Role', Properties: { AssumeRolePolicyDocument: trust } } },
  });
  const trustOf = (principal: unknown) => ({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: { AWS: principal }, Action: 'sts:AssumeRole' }],
  });

  test('a 5,000-deep JSON-string document and 2,000 nested Fn::Join are measured, inexact, without throwing', () => {
    // GIVEN two hostile documents
    const jsonDeep = '['.repeat(5000) + ']'.repeat(5000);
    const joined = trustOf(deepJoin(2000));
    // WHEN measured  THEN each has a length and says it is not exact
    for (const doc of [jsonDeep, joined]) {
      const size = policySize(doc);
      expect(size.exact).toBe(false);
      expect(size.length).toBeGreaterThan(0);
    }
  });

  test('the variants evaluator treats a value nested deeper than its bound as an unknown, and evaluates shallower ones', () => {
    // GIVEN the same "*" under 100 and under 2,000 Fn::Join
    const template = IamTemplate.fromJson({ Resources: {} });
    // WHEN evaluated  THEN the shallow one is "*" and the deep one an unknown placeholder
    expect(template.values.variants(deepJoin(100))[0].value).toBe('*');
    expect(template.values.variants(deepJoin(2000))[0].value).toBe('{{?}}');
  });

  test('the pack reports no RuleError on a principal under 2,000 Fn::Join', () => {
    // GIVEN a role whose principal is nested 2,000 levels deep
    // (the 5,000-deep JSON-string document still needs policy.ts parseDocument to refuse it: see deeperThan)
    const template = roleWith(trustOf(deepJoin(2000)));
    // WHEN checked  THEN no rule fails to read the role
    expect(checkTemplates([{ name: 'deep', template }]).map((f) => f.ruleId)).not.toContain('StsChecks-RuleError');
  });

  test('deeperThan tells a value nested past the bound, without overflowing', () => {
    // GIVEN a shallow document and a 5,000-deep parsed JSON array
    const deep = JSON.parse('['.repeat(5000) + ']'.repeat(5000));
    // WHEN measured THEN only the deep one is past the bound
    expect(deeperThan(trustOf('*'))).toBe(false);
    expect(deeperThan(deep)).toBe(true);
  });
});

describe('the fast path for documents without intrinsics', () => {
  // A document given as an object is first measured as its own JSON when it holds no intrinsic, placeholder or deep
  // nesting; the same document given as JSON text always takes the full measure. Both must agree.
  const both = (doc: object) => [policySize(doc), policySize(JSON.stringify(doc))];

  test('any JSON object measures the same given as an object or as text (generated, seeded)', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue({ maxDepth: 4 })), (doc) => {
        const [fast, full] = both(doc);
        expect(fast).toEqual(full);
      }),
      { seed: 8128, numRuns: 500 },
    );
  });

  test('strings that look like intrinsics or placeholders, whitespace and escapes measure the same both ways', () => {
    const docs = [
      { Statement: [{ Resource: 'arn:{{AWS.Partition}}:iam::*:role/x' }] },
      { Statement: [{ Resource: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::*:role/x']] } }] },
      { Statement: [{ Condition: { StringEquals: { 'aws:Tag': 'Ref' } }, Note: 'a "quoted" \\ value\twith tabs' }] },
      { Statement: [{ Sid: 'has spaces and a newline\n', Principal: { AWS: ['a', 'b'] } }] },
    ];
    for (const doc of docs) {
      const [fast, full] = both(doc);
      expect(fast).toEqual(full);
    }
  });

  test('nesting up to the bound is exact; one level more is counted as unknown, as the full measure does', () => {
    const nested = (levels: number): object => {
      let v: unknown = 'x';
      for (let i = 0; i < levels; i++) v = [v];
      return { Statement: v };
    };
    // GIVEN the root object plus 255 arrays (the deepest value at depth 255) and plus 256 arrays (one at depth 256)
    const [shallowFast, shallowFull] = both(nested(255));
    const [deepFast, deepFull] = both(nested(256));
    // THEN
    expect(shallowFast).toEqual(shallowFull);
    expect(shallowFast.exact).toBe(true);
    expect(deepFast).toEqual(deepFull);
    expect(deepFast.exact).toBe(false);
  });
});
