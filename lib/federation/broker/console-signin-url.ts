import type * as Https from 'https';
import { signinHostOfPartition } from '../../private/partition';

/** Temporary credentials (from `GetFederationToken`, or `AssumeRole*`). */
export interface TemporaryCredentials {
  /** The access key id (`Credentials.AccessKeyId` in the STS response). */
  readonly accessKeyId: string;
  /** The secret access key (`Credentials.SecretAccessKey`). */
  readonly secretAccessKey: string;
  /** The session token (`Credentials.SessionToken`). */
  readonly sessionToken: string;
}

/**
 * An HTTP GET client for {@link ConsoleSignin.url}: implement it to use your own HTTP stack, or to
 * inject a fake in tests.
 *
 * @example
 * const getter: IHttpGetter = {
 *   async get(url: string): Promise<string> {
 *     const response = await fetch(url);
 *     if (!response.ok) throw new Error(`HTTP ${response.status}`); // never put the URL in the error
 *     return response.text();
 *   },
 * };
 */
export interface IHttpGetter {
  /**
   * GET `url` and return the response body.
   *
   * It must reject on a non-2xx status. The URL holds the credentials: neither log it nor put it in
   * an error message.
   *
   * @param url the absolute https URL to get
   */
  get(url: string): Promise<string>;
}

/** Options of {@link ConsoleSignin.url}. */
export interface ConsoleSigninUrlOptions {
  /** The temporary credentials of the session to open in the console. */
  readonly credentials: TemporaryCredentials;
  /** Your sign-in page (`Issuer`): where the console sends people whose session expired. An http(s) URL. */
  readonly issuer: string;
  /** The console page to open (`Destination`), an https URL, for example `https://console.aws.amazon.com/`. */
  readonly destination: string;
  /**
   * Console session length in seconds, 900 to 43,200 (`SessionDuration`). Only for credentials from
   * `GetFederationToken`: the federation endpoint refuses it for role credentials, whose console session
   * lasts as long as the role session.
   * @default - the federation endpoint's default (12 hours for GetFederationToken credentials)
   */
  readonly sessionDurationSeconds?: number;
  /**
   * The AWS partition of the credentials: `aws`, `aws-cn` or `aws-us-gov` (picks the sign-in host).
   * @default 'aws'
   */
  readonly partition?: string;
  /**
   * The HTTP client used to call the federation endpoint (inject a fake in tests). It must reject on a
   * non-2xx status.
   * @default - Node's `https.get`, 10-second timeout, 64 KiB body limit, errors without the URL
   */
  readonly httpGetter?: IHttpGetter;
}

const SIGNIN_SESSION_MIN_SECONDS = 900;
const SIGNIN_SESSION_MAX_SECONDS = 43_200;

/**
 * AWS console sign-in URLs for temporary credentials, through the federation endpoint.
 *
 * A run-time helper for your broker, not a construct.
 *
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_providers_enable-console-custom-url.html
 * @example
 * const r = StsTokenRequests.federationToken({ name: 'portal-alice', prefix: 'portal-', ceilingPolicyArn, durationSeconds: 3600 });
 * const { Credentials } = await sts.send(new GetFederationTokenCommand({
 *   Name: r.name, PolicyArns: r.policyArns.map((arn) => ({ arn })), DurationSeconds: r.durationSeconds,
 * }));
 * const url = await ConsoleSignin.url({
 *   credentials: {
 *     accessKeyId: Credentials!.AccessKeyId!,
 *     secretAccessKey: Credentials!.SecretAccessKey!,
 *     sessionToken: Credentials!.SessionToken!,
 *   },
 *   issuer: 'https://portal.example.com/login',
 *   destination: 'https://console.aws.amazon.com/s3/',
 *   sessionDurationSeconds: 3600,
 * });
 */
export class ConsoleSignin {
  /**
   * An AWS console sign-in URL for temporary credentials: first `Action=getSigninToken` with the session
   * (and `SessionDuration`) at the federation endpoint of the partition, then the
   * `Action=login&Issuer=...&Destination=...&SigninToken=...` URL to hand to the person. The URL is valid
   * for 15 minutes and holds a sign-in token: treat it as a secret (never log it).
   *
   * Its own errors never contain the credentials nor the request URL (which holds them); an `httpGetter`'s
   * error message is passed on, so a getter of your own must keep the URL out of it.
   *
   * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_providers_enable-console-custom-url.html
   */
  public static async url(options: ConsoleSigninUrlOptions): Promise<string> {
    const who = 'ConsoleSignin.url';
    const c = options.credentials;
    for (const [field, value] of [
      ['accessKeyId', c.accessKeyId],
      ['secretAccessKey', c.secretAccessKey],
      ['sessionToken', c.sessionToken],
    ]) {
      if (typeof value !== 'string' || value.length === 0) {
        // Never echo credential values.
        throw new Error(
          `${who}: invalid credentials.${field}: received an empty value; expected the ${field} of temporary credentials.`,
        );
      }
    }
    requireUrl(who, 'issuer', options.issuer, ['https:', 'http:']);
    requireUrl(who, 'destination', options.destination, ['https:']);
    const d = options.sessionDurationSeconds;
    if (d !== undefined && (!Number.isInteger(d) || d < SIGNIN_SESSION_MIN_SECONDS || d > SIGNIN_SESSION_MAX_SECONDS)) {
      throw new Error(
        `${who}: invalid sessionDurationSeconds: received ${d}; expected a whole number of seconds from ${SIGNIN_SESSION_MIN_SECONDS} to ${SIGNIN_SESSION_MAX_SECONDS}.`,
      );
    }
    let host: string;
    try {
      host = signinHostOfPartition(options.partition ?? 'aws');
    } catch (e) {
      throw new Error(`${who}: invalid partition: ${(e as Error).message}`);
    }
    const endpoint = `https://${host}/federation`;

    const session = JSON.stringify({
      sessionId: c.accessKeyId,
      sessionKey: c.secretAccessKey,
      sessionToken: c.sessionToken,
    });
    const tokenUrl =
      `${endpoint}?Action=getSigninToken` +
      (d !== undefined ? `&SessionDuration=${d}` : '') +
      `&Session=${encodeURIComponent(session)}`;

    let body: string;
    try {
      body = await (options.httpGetter ?? DEFAULT_HTTP_GETTER).get(tokenUrl);
    } catch (e) {
      // The request URL holds the credentials: report the endpoint only.
      throw new Error(`${who}: the federation endpoint ${endpoint} refused getSigninToken: ${(e as Error).message}`);
    }
    let token: unknown;
    try {
      token = (JSON.parse(body) as { SigninToken?: unknown }).SigninToken;
    } catch {
      token = undefined;
    }
    if (typeof token !== 'string' || token.length === 0) {
      throw new Error(`${who}: the federation endpoint ${endpoint} answered getSigninToken without a SigninToken.`);
    }
    return (
      `${endpoint}?Action=login` +
      `&Issuer=${encodeURIComponent(options.issuer)}` +
      `&Destination=${encodeURIComponent(options.destination)}` +
      `&SigninToken=${encodeURIComponent(token)}`
    );
  }

  private constructor() {}
}

function requireUrl(who: string, what: string, value: string, protocols: string[]): void {
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  if (!url || !protocols.includes(url.protocol)) {
    throw new Error(
      `${who}: invalid ${what}: received '${value}'; expected an absolute ${protocols.map((p) => p.replace(':', '')).join(' or ')} URL.`,
    );
  }
}

const MAX_BODY = 64 * 1024;

/** Node's https GET: the body on 2xx, an error (without the URL, which holds credentials) otherwise. */
const DEFAULT_HTTP_GETTER: IHttpGetter = { get: httpsGet };

function httpsGet(url: string): Promise<string> {
  return new Promise((resolve, reject) => {
    // Loaded on first use (at run time, in the broker), never when a CDK app merely imports the package.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const https = require('https') as typeof Https;
    const request = https.get(url, { timeout: 10_000 }, (response) => {
      const status = response.statusCode ?? 0;
      const chunks: Buffer[] = [];
      let size = 0;
      response.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > MAX_BODY) {
          request.destroy(new Error('response too large'));
          return;
        }
        chunks.push(chunk);
      });
      response.on('end', () => {
        if (status < 200 || status >= 300) reject(new Error(`HTTP ${status}`));
        else resolve(Buffer.concat(chunks).toString('utf8'));
      });
      response.on('error', reject);
    });
    request.on('timeout', () => request.destroy(new Error('timed out after 10 seconds')));
    request.on('error', reject);
  });
}
