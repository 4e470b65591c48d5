import { App, CfnParameter, Duration, Lazy, Stack, Token } from 'aws-cdk-lib';
import {
  validateExternalIds,
  validateNarrowingPattern,
  validateTagKey,
  validateAccountId,
  validateDuration,
  validateExternalId,
  validateOrganizationId,
  validateOrganizationPath,
  validatePath,
  validatePrincipalArn,
  validateRoleArn,
  validateRoleName,
  validateUserName,
  validateGroupName,
  validateLiteralConditionValue,
} from '../../lib/trust/validators';

const scope = new Stack(new App(), 'S');

describe('validators', () => {
  test('account ids: 12 digits pass, 11 or 13 digits or letters throw with path, value and expectation', () => {
    expect(() => validateAccountId(scope, 'account', '123456789012')).not.toThrow();
    expect(() => validateAccountId(scope, 'account', '12345678901')).toThrow(
      "S: invalid account: received '12345678901'; expected a 12-digit AWS account id.",
    );
    expect(() => validateAccountId(scope, 'account', '1234567890123')).toThrow(/12-digit/);
    expect(() => validateAccountId(scope, 'account', '12345678901a')).toThrow(/12-digit/);
  });

  test('tokens are not validated early', () => {
    expect(() => validateAccountId(scope, 'account', Token.asString({ Ref: 'X' }))).not.toThrow();
    expect(() => validateRoleName(scope, Token.asString({ Ref: 'X' }))).not.toThrow();
    expect(() => validateDuration(scope, 'd', Duration.seconds(Token.asNumber({ Ref: 'N' })), 1, 2)).not.toThrow();
  });

  test('ExternalId: 2 and 1,224 characters pass; 1 and 1,225 throw; characters outside the grammar throw', () => {
    expect(() => validateExternalId(scope, 'ab')).not.toThrow();
    expect(() => validateExternalId(scope, 'a'.repeat(1224))).not.toThrow();
    expect(() => validateExternalId(scope, 'a')).toThrow(/ExternalId.*2 to 1224 characters/);
    expect(() => validateExternalId(scope, 'a'.repeat(1225))).toThrow(/1225 characters/);
    expect(() => validateExternalId(scope, 'with space')).toThrow(/ExternalId/);
    expect(() => validateExternalId(scope, 'star*')).toThrow(/ExternalId/);
    expect(() => validateExternalId(scope, 'ok+=,.@:/-_9')).not.toThrow();
  });

  test('role names: 64 characters pass, 65 throw; invalid characters throw', () => {
    expect(() => validateRoleName(scope, 'r'.repeat(64))).not.toThrow();
    expect(() => validateRoleName(scope, 'r'.repeat(65))).toThrow(/invalid role name.*1 to 64 characters/);
    expect(() => validateRoleName(scope, 'has space')).toThrow(/role name/);
    expect(() => validateRoleName(scope, 'a/b')).toThrow(/role name/);
    expect(() => validateRoleName(scope, undefined)).not.toThrow();
  });

  test('user names 64/65 and group names 128/129', () => {
    expect(() => validateUserName(scope, 'u'.repeat(64))).not.toThrow();
    expect(() => validateUserName(scope, 'u'.repeat(65))).toThrow(/user name/);
    expect(() => validateGroupName(scope, 'g'.repeat(128))).not.toThrow();
    expect(() => validateGroupName(scope, 'g'.repeat(129))).toThrow(/group name/);
  });

  test('paths: / and /a/b/ pass; missing slashes and 513 characters throw', () => {
    expect(() => validatePath(scope, '/')).not.toThrow();
    expect(() => validatePath(scope, '/team/ops/')).not.toThrow();
    expect(() => validatePath(scope, '/' + 'p'.repeat(510) + '/')).not.toThrow();
    expect(() => validatePath(scope, '/' + 'p'.repeat(511) + '/')).toThrow(/IAM path/);
    expect(() => validatePath(scope, 'team/')).toThrow(/IAM path/);
    expect(() => validatePath(scope, '/team')).toThrow(/IAM path/);
  });

  test('principal ARNs: roles and users in every partition pass; wildcards and malformed ARNs throw', () => {
    // GIVEN / WHEN / THEN
    for (const arn of [
      'arn:aws:iam::111111111111:role/Deploy',
      'arn:aws-cn:iam::111111111111:user/a/b',
      'arn:aws-us-gov:iam::111111111111:role/x',
    ]) {
      expect(() => validatePrincipalArn(scope, arn)).not.toThrow();
    }
    for (const arn of [
      '*',
      'arn:aws:iam::*:role/Deploy',
      'arn:aws:iam::111111111111:role/*',
      'arn:aws:iam::11111111111:role/x',
      'arn:aws:s3:::bucket',
    ]) {
      expect(() => validatePrincipalArn(scope, arn)).toThrow(/invalid TrustedParty.principalArn ARN/);
    }
  });

  test('principal ARNs of another form are refused with the factory to use instead', () => {
    // GIVEN / WHEN / THEN
    expect(() => validatePrincipalArn(scope, 'arn:aws:iam::111111111111:root')).toThrow(
      /use TrustedParty.account\('111111111111'\)/,
    );
    expect(() => validatePrincipalArn(scope, 'arn:aws:sts::111111111111:assumed-role/R/s')).toThrow(
      /session ARN admits one session only: trust the role itself/,
    );
    expect(() => validatePrincipalArn(scope, 'arn:aws:sts::111111111111:federated-user/bob')).toThrow(
      /federated user .* TrustedParty.account/,
    );
    expect(() => validatePrincipalArn(scope, 'arn:aws:iam::111111111111:role/*', 'TrustedParty.role')).toThrow(
      /invalid TrustedParty.role ARN: .*without wildcards/,
    );
  });

  test('role ARNs: one concrete role passes; users, roots and wildcards throw', () => {
    expect(() => validateRoleArn(scope, 'role', 'arn:aws:iam::222222222222:role/team/Admin')).not.toThrow();
    expect(() => validateRoleArn(scope, 'role', '*')).toThrow(
      "S: invalid role: received '*'; expected the ARN of one IAM role",
    );
    expect(() => validateRoleArn(scope, 'role', 'arn:aws:iam::222222222222:role/Adm*')).toThrow(/one IAM role/);
    expect(() => validateRoleArn(scope, 'role', 'arn:aws:iam::222222222222:user/alice')).toThrow(/one IAM role/);
  });

  test('organization ids and paths', () => {
    expect(() => validateOrganizationId(scope, 'o-a1b2c3d4e5')).not.toThrow();
    expect(() => validateOrganizationId(scope, 'o-a1b2c3d4e')).toThrow(/organization id/);
    expect(() => validateOrganizationId(scope, 'a1b2c3d4e5f')).toThrow(/organization id/);
    expect(() => validateOrganizationPath(scope, 'o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/')).not.toThrow();
    expect(() => validateOrganizationPath(scope, 'o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/*')).not.toThrow();
    expect(() => validateOrganizationPath(scope, 'o-a1b2c3d4e5/*')).toThrow(/organization path/);
    expect(() => validateOrganizationPath(scope, '*')).toThrow(/organization path/);
  });

  test('durations: bounds pass, one second outside throws', () => {
    expect(() => validateDuration(scope, 'max', Duration.seconds(3600), 3600, 43200)).not.toThrow();
    expect(() => validateDuration(scope, 'max', Duration.seconds(43200), 3600, 43200)).not.toThrow();
    expect(() => validateDuration(scope, 'max', Duration.seconds(3599), 3600, 43200)).toThrow(
      "S: invalid max: received '3599 seconds'; expected a whole number of seconds from 3600 to 43200.",
    );
    expect(() => validateDuration(scope, 'max', Duration.seconds(43201), 3600, 43200)).toThrow(/43201 seconds/);
    expect(() => validateDuration(scope, 'max', Duration.millis(3600500), 3600, 43200)).toThrow(
      "S: invalid max: received '3600.5 seconds'; expected a whole number of seconds from 3600 to 43200.",
    );
    expect(() => validateDuration(scope, 'max', Duration.millis(1500), 1, 129600)).toThrow(/received '1.5 seconds'/);
  });

  test('ExternalIds: the last weak value throws and the first strong one passes', () => {
    // GIVEN / WHEN / THEN
    expect(() => validateExternalIds(scope, ['vendor-1'])).not.toThrow();
    expect(() => validateExternalIds(scope, ['vendor1'])).toThrow(
      "S: invalid ExternalId: received 'vendor1'; expected an unguessable value, at least 8 characters",
    );
    expect(() => validateExternalIds(scope, ['12345678'])).toThrow(
      /received '12345678'; expected an unguessable value, not only digits/,
    );
    expect(() => validateExternalIds(scope, ['x-999999999999-y'], '999999999999')).toThrow(
      /not derived from the account id/,
    );
    expect(() => validateExternalIds(scope, ['vendor-7f3a9c', 'vendor-7f3a9c'])).toThrow(
      /invalid ExternalIds: .*expected each ExternalId once/,
    );
    expect(() => validateExternalIds(scope, [Token.asString({ Ref: 'Id' })])).not.toThrow();
  });

  test('session tag keys: empty, wildcard and over-long keys throw', () => {
    // GIVEN / WHEN / THEN
    expect(() => validateTagKey(scope, 'key', 'project')).not.toThrow();
    expect(() => validateTagKey(scope, 'key', 'a'.repeat(128))).not.toThrow();
    for (const key of ['', '*', 'pro?', 'a'.repeat(129), '${aws:username}']) {
      expect(() => validateTagKey(scope, 'key', key)).toThrow(
        /invalid key: .*expected a tag key of 1 to 128 characters/,
      );
    }
  });

  test('narrowing patterns: empty and wildcard-only patterns throw', () => {
    // GIVEN / WHEN / THEN
    expect(() => validateNarrowingPattern(scope, 'p', '*@example.com', 'x')).not.toThrow();
    for (const p of ['', ' ', '*', '**', '?*']) {
      expect(() => validateNarrowingPattern(scope, 'p', p, 'x')).toThrow(
        /an empty or wildcard-only pattern narrows nothing/,
      );
    }
  });

  test('a Lazy value is judged as its value, and a parameter by its Default and AllowedValues (found by a red-team pass)', () => {
    // GIVEN values known only at synth (Lazy) or from parameters, and the same value as a literal
    const stack = new Stack(new App(), 'T');
    const lazy = (v: string) => Lazy.string({ produce: () => v });
    const param = (id: string, v: string) => new CfnParameter(stack, id, { default: v }).valueAsString;
    // WHEN / THEN each is refused as the literal is, with its value in the message
    expect(() => validateTagKey(stack, 'session tag key', lazy('*'))).toThrow(
      /T: invalid session tag key: received '\*'/,
    );
    expect(() => validateTagKey(stack, 'session tag key', param('Key', '*'))).toThrow(/received '\*'/);
    expect(() => validateLiteralConditionValue(stack, 'claim', lazy('prd*'), 'an exact value')).toThrow(
      /invalid claim: received 'prd\*'/,
    );
    expect(() => validateNarrowingPattern(stack, 'pattern', lazy('**'), 'a pattern')).toThrow(/narrows nothing/);
    expect(() => validateExternalIds(stack, [lazy('12345')])).toThrow(/invalid ExternalId: received '12345'/);
    expect(() => validateExternalIds(stack, [lazy('vendor-7f3a9c2e'), 'vendor-7f3a9c2e'])).toThrow(
      /expected each ExternalId once/,
    );
    // AND good values, and deploy-time values without a default, pass
    expect(() => validateTagKey(stack, 'session tag key', lazy('team'))).not.toThrow();
    expect(() => validateTagKey(stack, 'session tag key', new CfnParameter(stack, 'Free').valueAsString)).not.toThrow();
    expect(() => validateExternalIds(stack, [lazy('3f1c2a9e-7b4d-4c1e-9a55-0c6e2d7b8f10')])).not.toThrow();
  });

  test('a Lazy duration is judged as its value; a deploy-time one (a parameter) is left to CloudFormation', () => {
    // GIVEN durations from Lazy numbers and from a Number parameter
    const stack = new Stack(new App(), 'D');
    const lazy = (n: number) => Duration.seconds(Lazy.number({ produce: () => n }));
    const range = (d: Duration) => () => validateDuration(stack, 'maxSessionDuration', d, 3600, 43200);
    // WHEN / THEN out of range is refused with the value, in range passes, the parameter is not judged
    expect(range(lazy(100))).toThrow("D: invalid maxSessionDuration: received '100 seconds'");
    expect(range(lazy(7200))).not.toThrow();
    const param = new CfnParameter(stack, 'Seconds', { type: 'Number', default: 60 });
    expect(range(Duration.seconds(param.valueAsNumber))).not.toThrow();
  });

  test('a role ARN: a Lazy one as its value, one from a parameter by its Default (found by a red-team pass)', () => {
    // GIVEN role ARNs that are "*" once known
    const stack = new Stack(new App(), 'R');
    const lazy = Lazy.string({ produce: () => '*' });
    const param = new CfnParameter(stack, 'RoleArn', { default: 'arn:aws:iam::222222222222:role/*' }).valueAsString;
    // WHEN / THEN both are refused, and a parameter without default is not judged
    expect(() => validateRoleArn(stack, 'assumable role ARN', lazy)).toThrow(
      /invalid assumable role ARN: received '\*'/,
    );
    expect(() => validateRoleArn(stack, 'assumable role ARN', param)).toThrow(/no wildcards/);
    expect(() =>
      validateRoleArn(stack, 'assumable role ARN', new CfnParameter(stack, 'Free').valueAsString),
    ).not.toThrow();
  });
});
