/*
 * Run-time helpers for a federation broker: the parameters of `GetFederationToken` and `GetSessionToken`,
 * with AWS's rules checked before the call. No AWS SDK is imported here: map the camelCase results to the
 * SDK's PascalCase command inputs (see the examples).
 */

import { StsLimits } from '../../trust/limits';

const TOKEN_MIN_SECONDS = StsLimits.SESSION_MIN_SECONDS;
const TOKEN_MAX_SECONDS = StsLimits.FEDERATION_MAX_SECONDS;

const FEDERATED_NAME = /^[\w+=,.@-]{2,32}$/;
const SERIAL_NUMBER = /^[\w+=/:,.@-]{9,256}$/;
const TOKEN_CODE = /^\d{6}$/;
const POLICY_ARN = /^arn:aws[\w-]*:iam::(\d{12}|aws):policy\/.+$/;

/** Options of {@link StsTokenRequests.federationToken}. */
export interface FederationTokenRequestOptions {
  /** The federated user's name: 2 to 32 characters of `[\w+=,.@-]`, starting with the broker's prefix. */
  readonly name: string;
  /** The broker's federated-user name prefix (`FederationBroker.federatedUserNamePrefix`). */
  readonly prefix: string;
  /** The ceiling's ARN (`FederationBroker.ceilingPolicy.managedPolicyArn`), passed as the session policy. */
  readonly ceilingPolicyArn: string;
  /**
   * Session length in seconds, 900 to 129,600.
   * @default - AWS's default, 43,200 (12 hours)
   */
  readonly durationSeconds?: number;
}

/**
 * The checked parameters of a `GetFederationToken` call. Map them to the AWS SDK v3 input as
 * `{ Name: r.name, PolicyArns: r.policyArns.map((arn) => ({ arn })), DurationSeconds: r.durationSeconds }`.
 */
export interface FederationTokenRequest {
  /** The federated user's name (`Name`). */
  readonly name: string;
  /** The managed policy ARNs to pass as session policies (`PolicyArns`, each as `{ arn }`). */
  readonly policyArns: string[];
  /**
   * The session length in seconds (`DurationSeconds`).
   * @default - AWS's default, 43,200 (12 hours)
   */
  readonly durationSeconds?: number;
}

/** Options of {@link StsTokenRequests.sessionToken}. */
export interface SessionTokenRequestOptions {
  /** The MFA device: its ARN (`arn:<partition>:iam::111111111111:mfa/alice`) or a hardware serial number. */
  readonly serialNumber: string;
  /** The six-digit code shown by the device. */
  readonly tokenCode: string;
  /**
   * Session length in seconds, 900 to 129,600.
   * @default - AWS's default, 43,200 (12 hours)
   */
  readonly durationSeconds?: number;
}

/**
 * The checked parameters of a `GetSessionToken` call with MFA. Map them to the AWS SDK v3 input as
 * `{ SerialNumber: r.serialNumber, TokenCode: r.tokenCode, DurationSeconds: r.durationSeconds }`.
 */
export interface SessionTokenRequest {
  /** The MFA device's ARN or serial number (`SerialNumber`). */
  readonly serialNumber: string;
  /** The six-digit code of the MFA device (`TokenCode`). */
  readonly tokenCode: string;
  /**
   * The session length in seconds (`DurationSeconds`).
   * @default - AWS's default, 43,200 (12 hours)
   */
  readonly durationSeconds?: number;
}

/**
 * The parameters of a broker's STS calls (`GetFederationToken`, `GetSessionToken`), checked against
 * AWS's rules before the call. Run-time helpers, not constructs; they make no AWS call.
 *
 * @see https://docs.aws.amazon.com/STS/latest/APIReference/API_GetFederationToken.html
 * @see https://docs.aws.amazon.com/STS/latest/APIReference/API_GetSessionToken.html
 * @example
 * const r = StsTokenRequests.federationToken({
 *   name: 'portal-alice', prefix: 'portal-', ceilingPolicyArn: broker.ceilingPolicy.managedPolicyArn, durationSeconds: 3600,
 * });
 * await sts.send(new GetFederationTokenCommand({
 *   Name: r.name, PolicyArns: r.policyArns.map((arn) => ({ arn })), DurationSeconds: r.durationSeconds,
 * }));
 *
 * const s = StsTokenRequests.sessionToken({ serialNumber: mfaDeviceArn, tokenCode: codeFromUser });
 * await sts.send(new GetSessionTokenCommand({ SerialNumber: s.serialNumber, TokenCode: s.tokenCode, DurationSeconds: s.durationSeconds }));
 */
export class StsTokenRequests {
  /**
   * The parameters of a broker's `GetFederationToken` call, checked: the name is under the broker's prefix,
   * the ceiling is passed as the session policy (without one the session has no permissions), and the
   * duration is within 900 to 129,600 seconds.
   *
   * @see https://docs.aws.amazon.com/STS/latest/APIReference/API_GetFederationToken.html
   */
  public static federationToken(options: FederationTokenRequestOptions): FederationTokenRequest {
    const who = 'StsTokenRequests.federationToken';
    if (!FEDERATED_NAME.test(options.name)) {
      throw new Error(
        `${who}: invalid name: received '${options.name}'; expected 2 to 32 characters of letters, digits and + = , . @ - _.`,
      );
    }
    if (!options.name.startsWith(options.prefix) || options.prefix.length === 0) {
      throw new Error(
        `${who}: invalid name: received '${options.name}'; expected a name starting with the broker's prefix '${options.prefix}' (the broker may not mint other names).`,
      );
    }
    if (!POLICY_ARN.test(options.ceilingPolicyArn)) {
      throw new Error(
        `${who}: invalid ceilingPolicyArn: received '${options.ceilingPolicyArn}'; expected a managed policy ARN like 'arn:<partition>:iam::111111111111:policy/Ceiling'.`,
      );
    }
    validateSeconds(who, options.durationSeconds);
    return {
      name: options.name,
      policyArns: [options.ceilingPolicyArn],
      ...(options.durationSeconds !== undefined ? { durationSeconds: options.durationSeconds } : {}),
    };
  }

  /**
   * The parameters of a `GetSessionToken` call with MFA (what an {@link MfaForApiPolicy} requires before
   * anything else), checked: serial number and code formats, duration within 900 to 129,600 seconds.
   * The code is never echoed in errors.
   *
   * @see https://docs.aws.amazon.com/STS/latest/APIReference/API_GetSessionToken.html
   */
  public static sessionToken(options: SessionTokenRequestOptions): SessionTokenRequest {
    const who = 'StsTokenRequests.sessionToken';
    if (!SERIAL_NUMBER.test(options.serialNumber)) {
      throw new Error(
        `${who}: invalid serialNumber: received '${options.serialNumber}'; expected an MFA device ARN or serial number (9 to 256 characters of letters, digits and + = / : , . @ - _).`,
      );
    }
    if (!TOKEN_CODE.test(options.tokenCode)) {
      throw new Error(
        `${who}: invalid tokenCode: received a value that is not six digits; expected the six-digit code of the MFA device.`,
      );
    }
    validateSeconds(who, options.durationSeconds);
    return {
      serialNumber: options.serialNumber,
      tokenCode: options.tokenCode,
      ...(options.durationSeconds !== undefined ? { durationSeconds: options.durationSeconds } : {}),
    };
  }

  private constructor() {}
}

function validateSeconds(who: string, seconds: number | undefined): void {
  if (seconds === undefined) return;
  if (!Number.isInteger(seconds) || seconds < TOKEN_MIN_SECONDS || seconds > TOKEN_MAX_SECONDS) {
    throw new Error(
      `${who}: invalid durationSeconds: received ${seconds}; expected a whole number of seconds from ${TOKEN_MIN_SECONDS} to ${TOKEN_MAX_SECONDS}.`,
    );
  }
}
