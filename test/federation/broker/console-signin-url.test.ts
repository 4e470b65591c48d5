import { EventEmitter } from 'events';
import { ConsoleSignin, ConsoleSigninUrlOptions, IHttpGetter } from '../../../lib/federation/broker/console-signin-url';
import { signinHostOfPartition } from '../../../lib/private/partition';
// The module object itself (not an ES namespace copy), so that `https.get` can be replaced in it.
import https = require('https');

const CREDENTIALS = {
  accessKeyId: 'ASIAEXAMPLEEXAMPLE12',
  secretAccessKey: 'fake/secret+key',
  sessionToken: 'FwoGZXIvYXdzEXAMPLE//token==',
};
const SESSION = encodeURIComponent(
  JSON.stringify({
    sessionId: CREDENTIALS.accessKeyId,
    sessionKey: CREDENTIALS.secretAccessKey,
    sessionToken: CREDENTIALS.sessionToken,
  }),
);

/** An injected IHttpGetter that records the URLs it is asked for and answers `body`. */
class FakeHttpGetter implements IHttpGetter {
  public readonly calls: string[] = [];
  constructor(private readonly body = '{"SigninToken":"tok/en+1=="}') {}
  public async get(url: string): Promise<string> {
    this.calls.push(url);
    return this.body;
  }
}

function options(extra: Partial<ConsoleSigninUrlOptions> = {}): ConsoleSigninUrlOptions {
  return {
    credentials: CREDENTIALS,
    issuer: 'https://portal.example.com/login',
    destination: 'https://console.aws.amazon.com/s3/',
    ...extra,
  };
}

describe('ConsoleSignin.url', () => {
  test('asks the federation endpoint for a sign-in token, then builds the login URL', async () => {
    // GIVEN
    const httpGetter = new FakeHttpGetter();
    // WHEN
    const url = await ConsoleSignin.url(options({ httpGetter, sessionDurationSeconds: 3600 }));
    // THEN
    expect(httpGetter.calls).toEqual([
      `https://signin.aws.amazon.com/federation?Action=getSigninToken&SessionDuration=3600&Session=${SESSION}`,
    ]);
    expect(url).toBe(
      'https://signin.aws.amazon.com/federation?Action=login' +
        '&Issuer=https%3A%2F%2Fportal.example.com%2Flogin' +
        '&Destination=https%3A%2F%2Fconsole.aws.amazon.com%2Fs3%2F' +
        '&SigninToken=tok%2Fen%2B1%3D%3D',
    );
  });

  test('without a session duration, no SessionDuration parameter is sent', async () => {
    // GIVEN
    const httpGetter = new FakeHttpGetter();
    // WHEN
    await ConsoleSignin.url(options({ httpGetter }));
    // THEN
    expect(httpGetter.calls).toEqual([
      `https://signin.aws.amazon.com/federation?Action=getSigninToken&Session=${SESSION}`,
    ]);
  });

  test.each([
    ['aws-cn', 'https://signin.amazonaws.cn/federation'],
    ['aws-us-gov', 'https://signin.amazonaws-us-gov.com/federation'],
  ])('in %s the endpoint is %s', async (partition, endpoint) => {
    // GIVEN
    const httpGetter = new FakeHttpGetter();
    // WHEN
    const url = await ConsoleSignin.url(
      options({ httpGetter, partition, destination: 'https://console.amazonaws.cn/' }),
    );
    // THEN
    expect(httpGetter.calls).toEqual([`${endpoint}?Action=getSigninToken&Session=${SESSION}`]);
    expect(url.startsWith(`${endpoint}?Action=login&`)).toBe(true);
  });

  test('an unknown partition is refused before any call', async () => {
    // GIVEN
    const httpGetter = new FakeHttpGetter();
    // WHEN
    const call = ConsoleSignin.url(options({ httpGetter, partition: 'aws-iso' }));
    // THEN
    await expect(call).rejects.toThrow(
      "ConsoleSignin.url: invalid partition: unsupported AWS partition 'aws-iso'; expected one of aws, aws-cn, aws-us-gov.",
    );
    expect(httpGetter.calls).toEqual([]);
    expect(() => signinHostOfPartition('toString')).toThrow("unsupported AWS partition 'toString'");
  });

  test.each([
    [900, true],
    [899, false],
    [43_200, true],
    [43_201, false],
  ])('session duration %d: accepted=%s', async (sessionDurationSeconds, ok) => {
    // GIVEN
    const httpGetter = new FakeHttpGetter();
    // WHEN
    const call = ConsoleSignin.url(options({ httpGetter, sessionDurationSeconds }));
    // THEN
    if (ok) {
      await expect(call).resolves.toContain('SigninToken=');
      expect(httpGetter.calls[0]).toContain(`&SessionDuration=${sessionDurationSeconds}&`);
    } else {
      await expect(call).rejects.toThrow(
        `ConsoleSignin.url: invalid sessionDurationSeconds: received ${sessionDurationSeconds}; expected a whole number of seconds from 900 to 43200.`,
      );
      expect(httpGetter.calls).toEqual([]);
    }
  });

  test('missing credentials are refused without echoing any credential', async () => {
    // GIVEN
    const httpGetter = new FakeHttpGetter();
    // WHEN
    const call = ConsoleSignin.url(options({ httpGetter, credentials: { ...CREDENTIALS, sessionToken: '' } }));
    // THEN
    await expect(call).rejects.toThrow(
      'ConsoleSignin.url: invalid credentials.sessionToken: received an empty value; expected the sessionToken of temporary credentials.',
    );
    await expect(call).rejects.not.toThrow(CREDENTIALS.secretAccessKey);
    await expect(call).rejects.not.toThrow(CREDENTIALS.accessKeyId);
    expect(httpGetter.calls).toEqual([]);
  });

  test.each([
    ['issuer', 'portal.example.com', 'an absolute https or http URL'],
    ['destination', 'http://console.aws.amazon.com/', 'an absolute https URL'],
  ])('%s %p is refused', async (field, value, expected) => {
    // GIVEN
    const httpGetter = new FakeHttpGetter();
    // WHEN
    const call = ConsoleSignin.url(options({ httpGetter, [field]: value }));
    // THEN
    await expect(call).rejects.toThrow(
      `ConsoleSignin.url: invalid ${field}: received '${value}'; expected ${expected}.`,
    );
  });

  test('an endpoint failure is reported without the request URL (which holds the credentials)', async () => {
    // GIVEN
    const httpGetter: IHttpGetter = {
      get: async () => {
        throw new Error('HTTP 400');
      },
    };
    // WHEN
    const call = ConsoleSignin.url(options({ httpGetter }));
    // THEN
    await expect(call).rejects.toThrow(
      'ConsoleSignin.url: the federation endpoint https://signin.aws.amazon.com/federation refused getSigninToken: HTTP 400',
    );
    await expect(call).rejects.not.toThrow(CREDENTIALS.secretAccessKey);
  });

  test.each(['{}', 'not json', '{"SigninToken":""}'])('a response %p without a token is an error', async (body) => {
    // GIVEN
    const httpGetter = new FakeHttpGetter(body);
    // WHEN
    const call = ConsoleSignin.url(options({ httpGetter }));
    // THEN
    await expect(call).rejects.toThrow(
      'ConsoleSignin.url: the federation endpoint https://signin.aws.amazon.com/federation answered getSigninToken without a SigninToken.',
    );
  });
});

describe('ConsoleSignin.url without an httpGetter (Node https)', () => {
  type FakeRequest = EventEmitter & { destroyed: boolean; destroy(e: Error): void };

  /** A stand-in for `https.get`: records its URL and options, answers `status`, then plays `script` on the response. */
  function mockHttpsGet(status: number, script: (response: EventEmitter, request: FakeRequest) => void) {
    const seen: { url?: string; timeout?: number } = {};
    jest.spyOn(https, 'get').mockImplementation(((
      url: string,
      opts: https.RequestOptions,
      callback: (r: unknown) => void,
    ) => {
      seen.url = url;
      seen.timeout = opts.timeout;
      const request: FakeRequest = Object.assign(new EventEmitter(), {
        destroyed: false,
        destroy(e: Error) {
          request.destroyed = true;
          setImmediate(() => request.emit('error', e));
        },
      });
      const response = Object.assign(new EventEmitter(), { statusCode: status });
      setImmediate(() => {
        callback(response);
        script(response, request);
      });
      return request;
    }) as unknown as typeof https.get);
    return seen;
  }

  afterEach(() => jest.restoreAllMocks());

  test('gets the token URL with a 10-second timeout and reads the body of a 2xx response', async () => {
    // GIVEN
    const seen = mockHttpsGet(200, (response) => {
      response.emit('data', Buffer.from('{"SigninToken":'));
      response.emit('data', Buffer.from('"abc"}'));
      response.emit('end');
    });
    // WHEN
    const url = await ConsoleSignin.url(options());
    // THEN
    expect(seen).toEqual({
      url: `https://signin.aws.amazon.com/federation?Action=getSigninToken&Session=${SESSION}`,
      timeout: 10_000,
    });
    expect(url.endsWith('&SigninToken=abc')).toBe(true);
  });

  test('a non-2xx status is an error naming the status, never the URL or a credential', async () => {
    // GIVEN
    mockHttpsGet(403, (response) => {
      response.emit('data', Buffer.from('{"SigninToken":"ignored"}'));
      response.emit('end');
    });
    // WHEN
    const call = ConsoleSignin.url(options());
    // THEN
    await expect(call).rejects.toThrow(
      'ConsoleSignin.url: the federation endpoint https://signin.aws.amazon.com/federation refused getSigninToken: HTTP 403',
    );
    await expect(call).rejects.not.toThrow('Session=');
    await expect(call).rejects.not.toThrow(CREDENTIALS.secretAccessKey);
  });

  test.each([
    [64 * 1024, true],
    [64 * 1024 + 1, false],
  ])('a body of %d bytes: accepted=%s', async (size, ok) => {
    // GIVEN
    const prefix = '{"SigninToken":"t","pad":"';
    const suffix = '"}';
    mockHttpsGet(200, (response, request) => {
      response.emit('data', Buffer.from(prefix + 'x'.repeat(size - prefix.length - suffix.length) + suffix));
      // A destroyed request's response does not end.
      if (!request.destroyed) response.emit('end');
    });
    // WHEN
    const call = ConsoleSignin.url(options());
    // THEN
    if (ok) await expect(call).resolves.toMatch(/&SigninToken=t$/);
    else
      await expect(call).rejects.toThrow(
        'ConsoleSignin.url: the federation endpoint https://signin.aws.amazon.com/federation refused getSigninToken: response too large',
      );
  });

  test('a timeout is an error without the URL', async () => {
    // GIVEN
    mockHttpsGet(200, (_response, request) => request.emit('timeout'));
    // WHEN
    const call = ConsoleSignin.url(options());
    // THEN
    await expect(call).rejects.toThrow(
      'ConsoleSignin.url: the federation endpoint https://signin.aws.amazon.com/federation refused getSigninToken: timed out after 10 seconds',
    );
    await expect(call).rejects.not.toThrow('Session=');
  });
});
