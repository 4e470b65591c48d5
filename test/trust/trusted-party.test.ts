import { CfnParameter, Duration, Token } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { TrustedParty } from '../../lib';
import { devStack } from '../util';

const defaults = { requireMfa: true, extraActions: [] };

describe('TrustedParty', () => {
  test('account: root principal, MFA from the role default', () => {
    const stack = devStack();
    const spec = TrustedParty.account('111111111111')._toStatement(stack, defaults);
    expect(stack.resolve(spec.principal.policyFragment.principalJson)).toEqual({
      AWS: [{ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::111111111111:root']] }],
    });
    expect(spec.actions).toEqual(['sts:AssumeRole']);
    expect(spec.conditions).toEqual({ Bool: { 'aws:MultiFactorAuthPresent': 'true' } });
  });

  test('a party can opt out of MFA or set its own MFA age', () => {
    const stack = devStack();
    expect(
      TrustedParty.account('111111111111', {
        requireMfa: false,
        unguardedReason: 'CI account root, audited',
      })._toStatement(stack, defaults).conditions,
    ).toEqual({});
    expect(
      TrustedParty.account('111111111111', { mfaMaxAge: Duration.minutes(30) })._toStatement(stack, defaults)
        .conditions,
    ).toEqual({
      Bool: { 'aws:MultiFactorAuthPresent': 'true' },
      NumericLessThan: { 'aws:MultiFactorAuthAge': '1800' },
    });
  });

  test('third party: ExternalId required, MFA off by default and on when asked', () => {
    const stack = devStack();
    expect(TrustedParty.thirdParty('999999999999', ['vendor-1'])._toStatement(stack, defaults).conditions).toEqual({
      StringEquals: { 'sts:ExternalId': 'vendor-1' },
    });
    expect(
      TrustedParty.thirdParty('999999999999', ['vendor-1'], { requireMfa: true })._toStatement(stack, defaults)
        .conditions,
    ).toEqual({ StringEquals: { 'sts:ExternalId': 'vendor-1' }, Bool: { 'aws:MultiFactorAuthPresent': 'true' } });
    expect(() => TrustedParty.thirdParty('999999999999', [])._toStatement(stack, defaults)).toThrow(
      'Dev: invalid ExternalIds of third party 999999999999: received []; expected at least one ExternalId for a third party.',
    );
  });

  test('organization: AWS * narrowed by aws:PrincipalOrgID', () => {
    const stack = devStack();
    const spec = TrustedParty.organization('o-a1b2c3d4e5', { requireMfa: false })._toStatement(stack, defaults);
    expect(spec.principal.policyFragment.principalJson).toEqual({ AWS: ['*'] });
    expect(spec.conditions).toEqual({ StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } });
  });

  test('organization paths: ForAnyValue:StringLike on aws:PrincipalOrgPaths; the caller array is copied', () => {
    const stack = devStack();
    const paths = ['o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/*', 'o-a1b2c3d4e5/r-ab12/ou-ab12-22222222/'];
    const party = TrustedParty.organizationPaths(paths, { requireMfa: false });
    paths.push('o-a1b2c3d4e5/r-ab12/ou-ab12-33333333/');
    expect(party._toStatement(stack, defaults).conditions).toEqual({
      'ForAnyValue:StringLike': {
        'aws:PrincipalOrgPaths': ['o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/*', 'o-a1b2c3d4e5/r-ab12/ou-ab12-22222222/'],
      },
    });
    expect(() => TrustedParty.organizationPaths([])._toStatement(stack, defaults)).toThrow(
      /organization paths.*at least one/,
    );
  });

  test('principal ARNs and references', () => {
    const stack = devStack();
    const arn = 'arn:aws:iam::111111111111:role/Deployer';
    expect(TrustedParty.principalArn(arn)._toStatement(stack, defaults).principal.policyFragment.principalJson).toEqual(
      { AWS: [arn] },
    );
    const role = iam.Role.fromRoleArn(stack, 'R', arn);
    expect(TrustedParty.role(role)._toStatement(stack, defaults).principal.policyFragment.principalJson).toEqual({
      AWS: [arn],
    });
    const user = iam.User.fromUserArn(stack, 'U', 'arn:aws:iam::111111111111:user/alice');
    expect(TrustedParty.user(user)._toStatement(stack, defaults).principal.policyFragment.principalJson).toEqual({
      AWS: ['arn:aws:iam::111111111111:user/alice'],
    });
  });

  test('bad input names the construct path, the value and what is expected', () => {
    const stack = devStack();
    expect(() => TrustedParty.account('1234')._toStatement(stack, defaults)).toThrow(
      "Dev: invalid trusted account id: received '1234'; expected a 12-digit AWS account id.",
    );
    expect(() => TrustedParty.principalArn('*')._toStatement(stack, defaults)).toThrow(
      /invalid TrustedParty.principalArn ARN: received '\*'/,
    );
    expect(() => TrustedParty.organization('org')._toStatement(stack, defaults)).toThrow(
      /invalid organization id: received 'org'/,
    );
    expect(() => TrustedParty.account('111111111111', { externalIds: ['x'] })._toStatement(stack, defaults)).toThrow(
      /invalid ExternalId: received 'x'/,
    );
    expect(() =>
      TrustedParty.account('111111111111', { mfaMaxAge: Duration.days(2) })._toStatement(stack, defaults),
    ).toThrow(/MFA maximum age/);
  });

  test('tokens skip validation', () => {
    const stack = devStack();
    expect(() => TrustedParty.account(Token.asString({ Ref: 'Account' }))._toStatement(stack, defaults)).not.toThrow();
  });

  test('a foreign account without MFA and without ExternalId is refused unless a written reason is given', () => {
    // GIVEN
    const stack = devStack();
    // WHEN / THEN
    expect(() => TrustedParty.account('111111111111', { requireMfa: false })._toStatement(stack, defaults)).toThrow(
      "Dev: invalid guard of account 111111111111: received 'no MFA and no ExternalId'; expected MFA (requireMfa: true), an ExternalId",
    );
    expect(() =>
      TrustedParty.account('111111111111', { requireMfa: false, unguardedReason: 'because' })._toStatement(
        stack,
        defaults,
      ),
    ).toThrow(
      /invalid unguardedReason of account 111111111111: received 'because'; expected a written reason of at least 10 characters/,
    );
    const spec = TrustedParty.account('111111111111', {
      requireMfa: false,
      unguardedReason: 'the CI account deploys from its root',
    })._toStatement(stack, defaults);
    expect(spec.unguardedReason).toBe('the CI account deploys from its root');
    // AND the stack's own account, a role of it and a guarded party need no reason
    expect(() =>
      TrustedParty.account('222222222222', { requireMfa: false })._toStatement(stack, defaults),
    ).not.toThrow();
    expect(() =>
      TrustedParty.principalArn('arn:aws:iam::222222222222:role/ci', { requireMfa: false })._toStatement(
        stack,
        defaults,
      ),
    ).not.toThrow();
    // a role of another account without MFA or ExternalId is unguarded too (it may act for many customers)
    expect(() =>
      TrustedParty.principalArn('arn:aws:iam::111111111111:role/ci', { requireMfa: false })._toStatement(
        stack,
        defaults,
      ),
    ).toThrow(/invalid guard of principal arn:aws:iam::111111111111:role\/ci: received 'no MFA and no ExternalId'/);
    expect(TrustedParty.account('111111111111')._toStatement(stack, defaults).unguardedReason).toBeUndefined();
  });

  test('imported roles and users with wildcard or session ARNs are refused naming the factory', () => {
    // GIVEN
    const stack = devStack();
    const anyAccount = iam.Role.fromRoleArn(stack, 'Any', 'arn:aws:iam::*:role/Admin');
    const anyUser = iam.User.fromUserArn(stack, 'AnyUser', 'arn:aws:iam::111111111111:user/*');
    // WHEN / THEN
    expect(() => TrustedParty.role(anyAccount)._toStatement(stack, defaults)).toThrow(
      /Dev: invalid TrustedParty.role ARN: received 'arn:aws:iam::\*:role\/Admin'/,
    );
    expect(() => TrustedParty.user(anyUser)._toStatement(stack, defaults)).toThrow(
      /invalid TrustedParty.user ARN: .*without wildcards/,
    );
    expect(() => TrustedParty.principalArn('arn:aws:iam::111111111111:root')._toStatement(stack, defaults)).toThrow(
      /use TrustedParty.account\('111111111111'\)/,
    );
  });

  test('durations: a fraction of a second is refused with the construct path, whole seconds pass', () => {
    // GIVEN
    const stack = devStack();
    // WHEN / THEN
    expect(() =>
      TrustedParty.account('111111111111', { mfaMaxAge: Duration.millis(1500) })._toStatement(stack, defaults),
    ).toThrow(
      "Dev: invalid MFA maximum age: received '1.5 seconds'; expected a whole number of seconds from 1 to 129600.",
    );
    expect(() =>
      TrustedParty.account('111111111111', { mfaMaxAge: Duration.seconds(1) })._toStatement(stack, defaults),
    ).not.toThrow();
  });

  test('ExternalIds: short, all-digit and duplicate values are refused', () => {
    // GIVEN
    const stack = devStack();
    // WHEN / THEN
    expect(() => TrustedParty.thirdParty('999999999999', ['12345'])._toStatement(stack, defaults)).toThrow(
      /invalid ExternalId: received '12345'; expected an unguessable value/,
    );
    expect(() => TrustedParty.thirdParty('999999999999', ['123456789012'])._toStatement(stack, defaults)).toThrow(
      /not only digits/,
    );
    expect(() =>
      TrustedParty.thirdParty('999999999999', ['vendor-7f3a9c', 'vendor-7f3a9c'])._toStatement(stack, defaults),
    ).toThrow(/each ExternalId once/);
  });

  test('a principal ARN from a parameter is judged by its Default and AllowedValues (found by a red-team pass)', () => {
    // GIVEN parameters whose default is "*", a wildcard role, or an account root
    const stack = devStack();
    const param = (id: string, props: { default?: string; allowedValues?: string[] }) =>
      new CfnParameter(stack, id, props).valueAsString;
    const party = (arn: string) => TrustedParty.principalArn(arn, { requireMfa: false })._toStatement(stack, defaults);
    // WHEN / THEN each is refused as the literal would be
    expect(() => party(param('Star', { default: '*' }))).toThrow(
      /invalid TrustedParty.principalArn ARN: received '\*'/,
    );
    expect(() => party(param('Wild', { default: 'arn:aws:iam::*:role/Admin' }))).toThrow(/without wildcards/);
    expect(() =>
      party(param('Root', { allowedValues: ['arn:aws:iam::222222222222:role/ci', 'arn:aws:iam::999999999999:root'] })),
    ).toThrow(/to trust a whole account use TrustedParty.account\('999999999999'\)/);
    // AND a parameter without default stays deploy-time
    expect(() => party(param('Free', {}))).not.toThrow();
  });
});
