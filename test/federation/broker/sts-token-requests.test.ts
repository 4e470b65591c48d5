import { federationTokenInput, sessionTokenInput } from '../../../lib/federation/broker/sts-token-requests';

const CEILING = 'arn:aws:iam::111111111111:policy/Ceiling';

describe('federationTokenInput', () => {
  test('passes the ceiling as the session policy', () => {
    expect(federationTokenInput({ name: 'portal-alice', prefix: 'portal-', ceilingPolicyArn: CEILING, durationSeconds: 3600 })).toEqual({
      Name: 'portal-alice', PolicyArns: [{ arn: CEILING }], DurationSeconds: 3600,
    });
    expect(federationTokenInput({ name: 'portal-alice', prefix: 'portal-', ceilingPolicyArn: 'arn:aws-cn:iam::111111111111:policy/path/Ceiling' })).toEqual({
      Name: 'portal-alice', PolicyArns: [{ arn: 'arn:aws-cn:iam::111111111111:policy/path/Ceiling' }],
    });
  });

  test.each([[900, true], [899, false], [129_600, true], [129_601, false], [3600.5, false]])('duration %d: accepted=%s', (durationSeconds, ok) => {
    const build = () => federationTokenInput({ name: 'portal-alice', prefix: 'portal-', ceilingPolicyArn: CEILING, durationSeconds });
    if (ok) expect(build().DurationSeconds).toBe(durationSeconds);
    else expect(build).toThrow(`federationTokenInput: invalid durationSeconds: received ${durationSeconds}; expected a whole number of seconds from 900 to 129600.`);
  });

  test.each([['pa', true], ['p'.repeat(32), true], ['p', false], ['p'.repeat(33), false], ['portal alice', false]])('name %p: accepted=%s', (name, ok) => {
    const build = () => federationTokenInput({ name, prefix: 'p', ceilingPolicyArn: CEILING });
    if (ok) expect(build).not.toThrow();
    else expect(build).toThrow(`federationTokenInput: invalid name: received '${name}'; expected 2 to 32 characters of letters, digits and + = , . @ - _.`);
  });

  test('a name outside the prefix is refused', () => {
    expect(() => federationTokenInput({ name: 'admin-alice', prefix: 'portal-', ceilingPolicyArn: CEILING })).toThrow(
      "federationTokenInput: invalid name: received 'admin-alice'; expected a name starting with the broker's prefix 'portal-' (the broker may not mint other names).");
  });

  test('a ceiling that is not a managed policy ARN is refused', () => {
    expect(() => federationTokenInput({ name: 'portal-a', prefix: 'portal-', ceilingPolicyArn: 'arn:aws:iam::111111111111:role/Admin' })).toThrow(
      "federationTokenInput: invalid ceilingPolicyArn: received 'arn:aws:iam::111111111111:role/Admin'; expected a managed policy ARN like 'arn:aws:iam::111111111111:policy/Ceiling'.");
  });
});

describe('sessionTokenInput', () => {
  test('builds the GetSessionToken input', () => {
    expect(sessionTokenInput({ serialNumber: 'arn:aws:iam::111111111111:mfa/alice', tokenCode: '123456', durationSeconds: 43_200 })).toEqual({
      SerialNumber: 'arn:aws:iam::111111111111:mfa/alice', TokenCode: '123456', DurationSeconds: 43_200,
    });
  });

  test.each([[900, true], [899, false], [129_600, true], [129_601, false]])('duration %d: accepted=%s', (durationSeconds, ok) => {
    const build = () => sessionTokenInput({ serialNumber: 'GAHT12345678', tokenCode: '123456', durationSeconds });
    if (ok) expect(build().DurationSeconds).toBe(durationSeconds);
    else expect(build).toThrow(`sessionTokenInput: invalid durationSeconds: received ${durationSeconds}; expected a whole number of seconds from 900 to 129600.`);
  });

  test('token codes are six digits and never echoed', () => {
    expect(() => sessionTokenInput({ serialNumber: 'GAHT12345678', tokenCode: '12345' })).toThrow(
      'sessionTokenInput: invalid tokenCode: received a value that is not six digits; expected the six-digit code of the MFA device.');
    expect(() => sessionTokenInput({ serialNumber: 'GAHT12345678', tokenCode: '1234567' })).toThrow(/tokenCode/);
  });

  test.each([['GAHT12345', true], ['GAHT1234', false], ['arn:aws:iam::111111111111:mfa/a b', false]])('serial %p: accepted=%s', (serialNumber, ok) => {
    const build = () => sessionTokenInput({ serialNumber, tokenCode: '123456' });
    if (ok) expect(build).not.toThrow();
    else expect(build).toThrow(`sessionTokenInput: invalid serialNumber: received '${serialNumber}'`);
  });
});
