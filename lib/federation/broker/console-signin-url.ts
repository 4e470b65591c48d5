import * as https from 'https';
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

/** An HTTP GET returning the response body; it must reject on a non-2xx status. */
export type HttpGet = (url: string) => Promise<string>;

/** Options of {@link consoleSigninUrl}. */
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
   * The HTTP GET used to call the federation endpoint (inject a fake in tests).
   * @default - Node's `https.get`, 10-second timeout
   */
  readonly httpGet?: HttpGet;
}

const SIGNIN_SESSION_MIN_SECONDS = 900;
const SIGNIN_SESSION_MAX_SECONDS = 43_200;

/**
 * An AWS console sign-in URL for temporary credentials, through the federation endpoint: first
 * `Action=getSigninToken` with the session (and `SessionDuration`), then the
 * `Action=login&Issuer=...&Destination=...&SigninToken=...` URL to hand to the person. The URL is valid
 * for 15 minutes and holds a sign-in token: treat it as a secret (never log it).
 *
 * A run-time function for your broker, not a construct.
 *
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_providers_enable-console-custom-url.html
 * @example
 * const { Credentials } = await sts.send(new GetFederationTokenCommand(federationTokenInput({ ... })));
 * const url = await consoleSigninUrl({
 *   credentials: { accessKeyId: Credentials!.AccessKeyId!, secretAccessKey: Credentials!.SecretAccessKey!, sessionToken: Credentials!.SessionToken! },
 *   issuer: 'https://portal.example.com/login',
 *   destination: 'https://console.aws.amazon.com/s3/',
 *   sessionDurationSeconds: 3600,
 * });
 */
export async function consoleSigninUrl(options: ConsoleSigninUrlOptions): Promise<string> {
  const who = 'consoleSigninUrl';
  const c = options.credentials;
  for (const [field, value] of [['accessKeyId', c.accessKeyId], ['secretAccessKey', c.secretAccessKey], ['sessionToken', c.sessionToken]]) {
    if (typeof value !== 'string' || value.length === 0) {
      // Never echo credential values.
      throw new Error(`${who}: invalid credentials.${field}: received an empty value; expected the ${field} of temporary credentials.`);
    }
  }
  requireUrl(who, 'issuer', options.issuer, ['https:', 'http:']);
  requireUrl(who, 'destination', options.destination, ['https:']);
  const d = options.sessionDurationSeconds;
  if (d !== undefined && (!Number.isInteger(d) || d < SIGNIN_SESSION_MIN_SECONDS || d > SIGNIN_SESSION_MAX_SECONDS)) {
    throw new Error(`${who}: invalid sessionDurationSeconds: received ${d}; expected a whole number of seconds from ${SIGNIN_SESSION_MIN_SECONDS} to ${SIGNIN_SESSION_MAX_SECONDS}.`);
  }
  let host: string;
  try {
    host = signinHostOfPartition(options.partition ?? 'aws');
  } catch (e) {
    throw new Error(`${who}: invalid partition: ${(e as Error).message}`);
  }
  const endpoint = `https://${host}/federation`;

  const session = JSON.stringify({ sessionId: c.accessKeyId, sessionKey: c.secretAccessKey, sessionToken: c.sessionToken });
  const tokenUrl = `${endpoint}?Action=getSigninToken` +
    (d !== undefined ? `&SessionDuration=${d}` : '') +
    `&Session=${encodeURIComponent(session)}`;

  let body: string;
  try {
    body = await (options.httpGet ?? defaultHttpGet)(tokenUrl);
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
  return `${endpoint}?Action=login` +
    `&Issuer=${encodeURIComponent(options.issuer)}` +
    `&Destination=${encodeURIComponent(options.destination)}` +
    `&SigninToken=${encodeURIComponent(token)}`;
}

function requireUrl(who: string, what: string, value: string, protocols: string[]): void {
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  if (!url || !protocols.includes(url.protocol)) {
    throw new Error(`${who}: invalid ${what}: received '${value}'; expected an absolute ${protocols.map((p) => p.replace(':', '')).join(' or ')} URL.`);
  }
}

const MAX_BODY = 64 * 1024;

/** Node's https GET: the body on 2xx, an error (without the URL, which holds credentials) otherwise. */
function defaultHttpGet(url: string): Promise<string> {
  return new Promise((resolve, reject) => {
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
