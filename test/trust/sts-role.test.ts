import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { Duration, Lazy, Token, Validations } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import * as iam from 'aws-cdk-lib/aws-iam';
import { CrossAccountRole, StsLimits, TrustedParty } from '../../lib';
import { devStack } from '../util';

// StsRole is abstract: CrossAccountRole is its simplest concrete subclass.
describe('StsRole (through CrossAccountRole)', () => {
  const trust = [TrustedParty.account('111111111111')];

  test('defaults: one-hour sessions, no boundary, no policies', () => {
    const stack = devStack();
    new CrossAccountRole(stack, 'R', { roleName: 'R', trustedParties: trust });
    Template.fromStack(stack).hasResourceProperties('AWS::IAM::Role', {
      MaxSessionDuration: 3600,
      PermissionsBoundary: Match.absent(),
      ManagedPolicyArns: Match.absent(),
      Policies: Match.absent(),
    });
  });

  test('common props reach the role', () => {
    const stack = devStack();
    const boundary = new iam.ManagedPolicy(stack, 'Boundary', {
      statements: [new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: ['*'] })],
    });
    new CrossAccountRole(stack, 'R', {
      roleName: 'R',
      trustedParties: trust,
      description: 'd',
      path: '/team/',
      maxSessionDuration: Duration.hours(12),
      permissionsBoundary: boundary,
      managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('ReadOnlyAccess')],
      statements: [new iam.PolicyStatement({ actions: ['s3:ListBucket'], resources: ['arn:aws:s3:::b'] })],
      tags: [{ key: 'team', value: 'platform' }],
    });
    Template.fromStack(stack).hasResourceProperties('AWS::IAM::Role', {
      Description: 'd',
      Path: '/team/',
      MaxSessionDuration: 43200,
      PermissionsBoundary: { Ref: Match.stringLikeRegexp('Boundary') },
      ManagedPolicyArns: [{ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::aws:policy/ReadOnlyAccess']] }],
      Policies: [
        { PolicyName: 'Permissions', PolicyDocument: { Statement: [Match.objectLike({ Action: 's3:ListBucket' })] } },
      ],
      Tags: [{ Key: 'team', Value: 'platform' }],
    });
  });

  test('maxSessionDuration: 1 h and 12 h pass; 3,599 s and 43,201 s throw', () => {
    const ok = (d: Duration) =>
      new CrossAccountRole(devStack(), 'R', { roleName: 'R', trustedParties: trust, maxSessionDuration: d });
    expect(() => ok(Duration.seconds(3600))).not.toThrow();
    expect(() => ok(Duration.seconds(43200))).not.toThrow();
    expect(() => ok(Duration.seconds(3599))).toThrow(
      "Dev/R: invalid maxSessionDuration: received '3599 seconds'; expected a whole number of seconds from 3600 to 43200.",
    );
    expect(() => ok(Duration.seconds(43201))).toThrow(/43201 seconds/);
  });

  test('role name and path are validated before the role exists', () => {
    expect(() => new CrossAccountRole(devStack(), 'R', { roleName: 'r'.repeat(65), trustedParties: trust })).toThrow(
      /Dev\/R: invalid role name/,
    );
    expect(() => new CrossAccountRole(devStack(), 'R', { roleName: 'R', path: 'nope', trustedParties: trust })).toThrow(
      /Dev\/R: invalid IAM path/,
    );
  });

  test('trustPolicySizeQuota: 2,048 and 4,096 pass; 2,047 and 4,097 throw', () => {
    const make = (q: number) =>
      new CrossAccountRole(devStack(), 'R', { roleName: 'R', trustedParties: trust, trustPolicySizeQuota: q });
    expect(() => make(2048)).not.toThrow();
    expect(() => make(4096)).not.toThrow();
    expect(() => make(2047)).toThrow(/trustPolicySizeQuota.*2048 to 4096/);
    expect(() => make(4097)).toThrow(/trustPolicySizeQuota/);
  });

  test('a trust policy over the quota fails at synth, one that fits passes', () => {
    // principal ARNs (one statement each, never compacted): each statement is ~100 characters; find the largest count that fits
    const accounts = (n: number) =>
      Array.from({ length: n }, (_, i) =>
        TrustedParty.principalArn(`arn:aws:iam::${100000000000 + i}:role/ci`, {
          requireMfa: false,
          unguardedReason: 'the CI pipeline role deploys here',
        }),
      );
    const fits = (n: number) => {
      const stack = devStack();
      new CrossAccountRole(stack, 'R', { roleName: 'R', trustedParties: accounts(n), requireMfa: false });
      try {
        Template.fromStack(stack);
        return true;
      } catch (e) {
        expect(String(e)).toMatch(
          new RegExp(
            `Dev/R: the trust policy of role 'R' is \\d+ characters without whitespace; expected at most ${StsLimits.TRUST_POLICY_DEFAULT_QUOTA}`,
          ),
        );
        return false;
      }
    };
    let n = 1;
    while (fits(n)) n++;
    expect(n).toBeGreaterThan(5);
    expect(fits(n - 1)).toBe(true);
    expect(fits(n)).toBe(false);
  });

  test('an unresolvable trust over the quota only warns', () => {
    const stack = devStack();
    const ids = Array.from({ length: 40 }, (_, i) => Token.asString({ Ref: `Account${i}` }));
    new CrossAccountRole(stack, 'R', { roleName: 'R', trustedParties: ids.map((a) => TrustedParty.account(a)) });
    Annotations.fromStack(stack).hasWarning('/Dev/R', Match.stringLikeRegexp('estimated: it holds unresolved values'));
  });

  test('a session duration known only at synth time (Lazy) goes to the template as is; a fraction of a second is refused with the path', () => {
    // GIVEN
    const stack = devStack();
    // WHEN
    new CrossAccountRole(stack, 'R', {
      roleName: 'R',
      trustedParties: trust,
      maxSessionDuration: Duration.seconds(Lazy.number({ produce: () => 7200 })),
    });
    // THEN
    Template.fromStack(stack).hasResourceProperties('AWS::IAM::Role', { MaxSessionDuration: 7200 });
    expect(
      () =>
        new CrossAccountRole(devStack(), 'R', {
          roleName: 'R',
          trustedParties: trust,
          maxSessionDuration: Duration.millis(3600500),
        }),
    ).toThrow(
      "Dev/R: invalid maxSessionDuration: received '3600.5 seconds'; expected a whole number of seconds from 3600 to 43200.",
    );
  });

  test('a raised quota that the trust needs becomes the StsChecks-TrustPolicyTooLarge acknowledgement; one it does not need does not', () => {
    // GIVEN principal ARNs (never compacted) beyond 2,048 characters, and a small trust
    const many = Array.from({ length: 30 }, (_, i) =>
      TrustedParty.principalArn(`arn:aws:iam::${100000000000 + i}:role/ci`, {
        requireMfa: false,
        unguardedReason: 'the CI pipeline role deploys here',
      }),
    );
    const big = devStack();
    const small = devStack('Small');
    // WHEN
    const bigRole = new CrossAccountRole(big, 'R', { roleName: 'R', trustedParties: many, trustPolicySizeQuota: 4096 });
    const smallRole = new CrossAccountRole(small, 'R', {
      roleName: 'R',
      trustedParties: trust,
      trustPolicySizeQuota: 4096,
    });
    Template.fromStack(big);
    Template.fromStack(small);
    // THEN
    const acks = (r: IConstruct) =>
      JSON.stringify(r.node.metadata.filter((m) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY));
    expect(acks(bigRole)).toMatch(/StsChecks-TrustPolicyTooLarge.*trustPolicySizeQuota 4096/);
    expect(acks(smallRole)).not.toContain('StsChecks-TrustPolicyTooLarge');
  });
});
