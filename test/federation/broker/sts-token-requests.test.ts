import { StsTokenRequests } from '../../../lib/federation/broker/sts-token-requests';

const CEILING = 'arn:aws:iam::111111111111:policy/Ceiling';

describe('StsTokenRequests.federationToken', () => {
  test('passes the ceiling as the session policy', () => {
    // WHEN
    const withDuration = StsTokenRequests.federationToken({
      name: 'portal-alice',
      prefix: 'portal-',
      ceilingPolicyArn: CEILING,
      durationSeconds: 3600,
    });
    const withoutDuration = StsTokenRequests.federationToken({
      name: 'portal-alice',
      prefix: 'portal-',
      ceilingPolicyArn: 'arn:aws-cn:iam::111111111111:policy/path/Ceiling',
    });
    // THEN
    expect(withDuration).toEqual({ name: 'portal-alice', policyArns: [CEILING], durationSeconds: 3600 });
    expect(withoutDuration).toEqual({
      name: 'portal-alice',
      policyArns: ['arn:aws-cn:iam::111111111111:policy/path/Ceiling'],
    });
    expect('durationSeconds' in withoutDuration).toBe(false);
  });

  test.each([
    [900, true],
    [899, false],
    [129_600, true],
    [129_601, false],
    [3600.5, false],
  ])('duration %d: accepted=%s', (durationSeconds, ok) => {
    // WHEN
    const build = () =>
      StsTokenRequests.federationToken({
        name: 'portal-alice',
        prefix: 'portal-',
        ceilingPolicyArn: CEILING,
        durationSeconds,
      });
    // THEN
    if (ok) expect(build().durationSeconds).toBe(durationSeconds);
    else
      expect(build).toThrow(
        `StsTokenRequests.federationToken: invalid durationSeconds: received ${durationSeconds}; expected a whole number of seconds from 900 to 129600.`,
      );
  });

  test.each([
    ['pa', true],
    ['p'.repeat(32), true],
    ['p', false],
    ['p'.repeat(33), false],
    ['portal alice', false],
  ])('name %p: accepted=%s', (name, ok) => {
    // WHEN
    const build = () => StsTokenRequests.federationToken({ name, prefix: 'p', ceilingPolicyArn: CEILING });
    // THEN
    if (ok) expect(build().name).toBe(name);
    else
      expect(build).toThrow(
        `StsTokenRequests.federationToken: invalid name: received '${name}'; expected 2 to 32 characters of letters, digits and + = , . @ - _.`,
      );
  });

  test('a name outside the prefix is refused', () => {
    expect(() =>
      StsTokenRequests.federationToken({ name: 'admin-alice', prefix: 'portal-', ceilingPolicyArn: CEILING }),
    ).toThrow(
      "StsTokenRequests.federationToken: invalid name: received 'admin-alice'; expected a name starting with the broker's prefix 'portal-' (the broker may not mint other names).",
    );
  });

  test('a ceiling that is not a managed policy ARN is refused', () => {
    expect(() =>
      StsTokenRequests.federationToken({
        name: 'portal-a',
        prefix: 'portal-',
        ceilingPolicyArn: 'arn:aws:iam::111111111111:role/Admin',
      }),
    ).toThrow(
      "StsTokenRequests.federationToken: invalid ceilingPolicyArn: received 'arn:aws:iam::111111111111:role/Admin'; expected a managed policy ARN like 'arn:<partition>:iam::111111111111:policy/Ceiling'.",
    );
  });
});

describe('StsTokenRequests.sessionToken', () => {
  test('builds the GetSessionToken parameters', () => {
    // WHEN
    const withDuration = StsTokenRequests.sessionToken({
      serialNumber: 'arn:aws:iam::111111111111:mfa/alice',
      tokenCode: '123456',
      durationSeconds: 43_200,
    });
    const withoutDuration = StsTokenRequests.sessionToken({ serialNumber: 'GAHT12345678', tokenCode: '654321' });
    // THEN
    expect(withDuration).toEqual({
      serialNumber: 'arn:aws:iam::111111111111:mfa/alice',
      tokenCode: '123456',
      durationSeconds: 43_200,
    });
    expect(withoutDuration).toEqual({ serialNumber: 'GAHT12345678', tokenCode: '654321' });
    expect('durationSeconds' in withoutDuration).toBe(false);
  });

  test.each([
    [900, true],
    [899, false],
    [129_600, true],
    [129_601, false],
  ])('duration %d: accepted=%s', (durationSeconds, ok) => {
    // WHEN
    const build = () =>
      StsTokenRequests.sessionToken({ serialNumber: 'GAHT12345678', tokenCode: '123456', durationSeconds });
    // THEN
    if (ok) expect(build().durationSeconds).toBe(durationSeconds);
    else
      expect(build).toThrow(
        `StsTokenRequests.sessionToken: invalid durationSeconds: received ${durationSeconds}; expected a whole number of seconds from 900 to 129600.`,
      );
  });

  test('token codes are six digits and never echoed', () => {
    expect(() => StsTokenRequests.sessionToken({ serialNumber: 'GAHT12345678', tokenCode: '12345' })).toThrow(
      'StsTokenRequests.sessionToken: invalid tokenCode: received a value that is not six digits; expected the six-digit code of the MFA device.',
    );
    expect(() => StsTokenRequests.sessionToken({ serialNumber: 'GAHT12345678', tokenCode: '1234567' })).toThrow(
      'StsTokenRequests.sessionToken: invalid tokenCode: received a value that is not six digits; expected the six-digit code of the MFA device.',
    );
    expect(() => StsTokenRequests.sessionToken({ serialNumber: 'GAHT12345678', tokenCode: '1234567' })).not.toThrow(
      '1234567',
    );
  });

  test.each([
    ['GAHT12345', true],
    ['GAHT1234', false],
    ['arn:aws:iam::111111111111:mfa/a b', false],
  ])('serial %p: accepted=%s', (serialNumber, ok) => {
    // WHEN
    const build = () => StsTokenRequests.sessionToken({ serialNumber, tokenCode: '123456' });
    // THEN
    if (ok) expect(build().serialNumber).toBe(serialNumber);
    else
      expect(build).toThrow(
        `StsTokenRequests.sessionToken: invalid serialNumber: received '${serialNumber}'; expected an MFA device ARN or serial number (9 to 256 characters of letters, digits and + = / : , . @ - _).`,
      );
  });
});
