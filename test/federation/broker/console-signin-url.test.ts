import { consoleSigninUrl, ConsoleSigninUrlOptions } from '../../../lib/federation/broker/console-signin-url';
import { signinHostOfPartition } from '../../../lib/private/partition';

const CREDENTIALS = { accessKeyId: 'ASIAEXAMPLEEXAMPLE12', secretAccessKey: 'fake/secret+key', sessionToken: 'FwoGZXIvYXdzEXAMPLE//token==' };
const SESSION = encodeURIComponent(JSON.stringify({ sessionId: CREDENTIALS.accessKeyId, sessionKey: CREDENTIALS.secretAccessKey, sessionToken: CREDENTIALS.sessionToken }));

function fake(body = '{"SigninToken":"tok/en+1=="}') {
  const calls: string[] = [];
  const httpGet = async (url: string) => {
    calls.push(url);
    return body;
  };
  return { calls, httpGet };
}

function options(extra: Partial<ConsoleSigninUrlOptions> = {}): ConsoleSigninUrlOptions {
  return { credentials: CREDENTIALS, issuer: 'https://portal.example.com/login', destination: 'https://console.aws.amazon.com/s3/', ...extra };
}

describe('consoleSigninUrl', () => {
  test('asks the federation endpoint for a sign-in token, then builds the login URL', async () => {
    // GIVEN
    const { calls, httpGet } = fake();
    // WHEN
    const url = await consoleSigninUrl(options({ httpGet, sessionDurationSeconds: 3600 }));
    // THEN
    expect(calls).toEqual([`https://signin.aws.amazon.com/federation?Action=getSigninToken&SessionDuration=3600&Session=${SESSION}`]);
    expect(url).toBe('https://signin.aws.amazon.com/federation?Action=login' +
      '&Issuer=https%3A%2F%2Fportal.example.com%2Flogin' +
      '&Destination=https%3A%2F%2Fconsole.aws.amazon.com%2Fs3%2F' +
      '&SigninToken=tok%2Fen%2B1%3D%3D');
  });

  test('without a session duration, no SessionDuration parameter is sent', async () => {
    const { calls, httpGet } = fake();
    await consoleSigninUrl(options({ httpGet }));
    expect(calls).toEqual([`https://signin.aws.amazon.com/federation?Action=getSigninToken&Session=${SESSION}`]);
  });

  test.each([
    ['aws-cn', 'https://signin.amazonaws.cn/federation'],
    ['aws-us-gov', 'https://signin.amazonaws-us-gov.com/federation'],
  ])('in %s the endpoint is %s', async (partition, endpoint) => {
    const { calls, httpGet } = fake();
    const url = await consoleSigninUrl(options({ httpGet, partition, destination: 'https://console.amazonaws.cn/' }));
    expect(calls[0].startsWith(`${endpoint}?Action=getSigninToken&Session=`)).toBe(true);
    expect(url.startsWith(`${endpoint}?Action=login&`)).toBe(true);
  });

  test('an unknown partition is refused before any call', async () => {
    const { calls, httpGet } = fake();
    await expect(consoleSigninUrl(options({ httpGet, partition: 'aws-iso' }))).rejects.toThrow(
      "consoleSigninUrl: invalid partition: unsupported AWS partition 'aws-iso'; expected one of aws, aws-cn, aws-us-gov.");
    expect(calls).toEqual([]);
    expect(() => signinHostOfPartition('toString')).toThrow("unsupported AWS partition 'toString'");
  });

  test.each([[900, true], [899, false], [43_200, true], [43_201, false]])('session duration %d: accepted=%s', async (sessionDurationSeconds, ok) => {
    const { httpGet } = fake();
    const call = consoleSigninUrl(options({ httpGet, sessionDurationSeconds }));
    if (ok) await expect(call).resolves.toContain('SigninToken=');
    else await expect(call).rejects.toThrow(`consoleSigninUrl: invalid sessionDurationSeconds: received ${sessionDurationSeconds}; expected a whole number of seconds from 900 to 43200.`);
  });

  test('missing credentials are refused without echoing any credential', async () => {
    const { httpGet } = fake();
    await expect(consoleSigninUrl(options({ httpGet, credentials: { ...CREDENTIALS, sessionToken: '' } }))).rejects.toThrow(
      'consoleSigninUrl: invalid credentials.sessionToken: received an empty value; expected the sessionToken of temporary credentials.');
  });

  test.each([
    ['issuer', 'portal.example.com', 'an absolute https or http URL'],
    ['destination', 'http://console.aws.amazon.com/', 'an absolute https URL'],
  ])('%s %p is refused', async (field, value, expected) => {
    const { httpGet } = fake();
    await expect(consoleSigninUrl(options({ httpGet, [field]: value }))).rejects.toThrow(`consoleSigninUrl: invalid ${field}: received '${value}'; expected ${expected}.`);
  });

  test('an endpoint failure is reported without the request URL (which holds the credentials)', async () => {
    // GIVEN
    const httpGet = async () => {
      throw new Error('HTTP 400');
    };
    // WHEN
    const call = consoleSigninUrl(options({ httpGet }));
    // THEN
    await expect(call).rejects.toThrow('consoleSigninUrl: the federation endpoint https://signin.aws.amazon.com/federation refused getSigninToken: HTTP 400');
    await expect(call).rejects.not.toThrow(CREDENTIALS.secretAccessKey);
  });

  test.each(['{}', 'not json', '{"SigninToken":""}'])('a response %p without a token is an error', async (body) => {
    const { httpGet } = fake(body);
    await expect(consoleSigninUrl(options({ httpGet }))).rejects.toThrow(
      'consoleSigninUrl: the federation endpoint https://signin.aws.amazon.com/federation answered getSigninToken without a SigninToken.');
  });
});
