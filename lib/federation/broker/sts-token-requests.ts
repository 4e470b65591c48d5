/*
 * Run-time helpers for a federation broker: the inputs of `GetFederationToken` and `GetSessionToken`
 * (the shapes of the AWS SDK v3 `GetFederationTokenCommand` / `GetSessionTokenCommand` inputs), with
 * AWS's rules checked before the call. No AWS SDK is imported here.
 */

import { StsLimits } from '../../trust/limits';

const TOKEN_MIN_SECONDS = StsLimits.SESSION_MIN_SECONDS;
const TOKEN_MAX_SECONDS = StsLimits.FEDERATION_MAX_SECONDS;

const FEDERATED_NAME = /^[\w+=,.@-]{2,32}$/;
const SERIAL_NUMBER = /^[\w+=/:,.@-]{9,256}$/;
const TOKEN_CODE = /^\d{6}$/;
const POLICY_ARN = /^arn:aws[\w-]*:iam::(\d{12}|aws):policy\/.+$/;

/** Options of {@link federationTokenInput}. */
export interface FederationTokenInputOptions {
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

/** The input of `GetFederationToken`. */
export interface FederationTokenInput {
  readonly Name: string;
  readonly PolicyArns: { readonly arn: string }[];
  readonly DurationSeconds?: number;
}

/**
 * The input of a broker's `GetFederationToken` call, checked: the name is under the broker's prefix,
 * the ceiling is passed as the session policy (without one the session has no permissions), and the
 * duration is within 900 to 129,600 seconds.
 */
export function federationTokenInput(options: FederationTokenInputOptions): FederationTokenInput {
  if (!FEDERATED_NAME.test(options.name)) {
    throw new Error(`federationTokenInput: invalid name: received '${options.name}'; expected 2 to 32 characters of letters, digits and + = , . @ - _.`);
  }
  if (!options.name.startsWith(options.prefix) || options.prefix.length === 0) {
    throw new Error(`federationTokenInput: invalid name: received '${options.name}'; expected a name starting with the broker's prefix '${options.prefix}' (the broker may not mint other names).`);
  }
  if (!POLICY_ARN.test(options.ceilingPolicyArn)) {
    throw new Error(`federationTokenInput: invalid ceilingPolicyArn: received '${options.ceilingPolicyArn}'; expected a managed policy ARN like 'arn:aws:iam::111111111111:policy/Ceiling'.`);
  }
  validateSeconds('federationTokenInput', options.durationSeconds);
  return {
    Name: options.name,
    PolicyArns: [{ arn: options.ceilingPolicyArn }],
    ...(options.durationSeconds !== undefined ? { DurationSeconds: options.durationSeconds } : {}),
  };
}

/** Options of {@link sessionTokenInput}. */
export interface SessionTokenInputOptions {
  /** The MFA device: its ARN (`arn:aws:iam::111111111111:mfa/alice`) or a hardware serial number. */
  readonly serialNumber: string;
  /** The six-digit code shown by the device. */
  readonly tokenCode: string;
  /**
   * Session length in seconds, 900 to 129,600.
   * @default - AWS's default, 43,200 (12 hours)
   */
  readonly durationSeconds?: number;
}

/** The input of `GetSessionToken`. */
export interface SessionTokenInput {
  readonly SerialNumber: string;
  readonly TokenCode: string;
  readonly DurationSeconds?: number;
}

/**
 * The input of a `GetSessionToken` call with MFA (what an {@link MfaForApiPolicy} requires before anything
 * else), checked: serial number and code formats, duration within 900 to 129,600 seconds.
 */
export function sessionTokenInput(options: SessionTokenInputOptions): SessionTokenInput {
  if (!SERIAL_NUMBER.test(options.serialNumber)) {
    throw new Error(`sessionTokenInput: invalid serialNumber: received '${options.serialNumber}'; expected an MFA device ARN or serial number (9 to 256 characters of letters, digits and + = / : , . @ - _).`);
  }
  if (!TOKEN_CODE.test(options.tokenCode)) {
    throw new Error('sessionTokenInput: invalid tokenCode: received a value that is not six digits; expected the six-digit code of the MFA device.');
  }
  validateSeconds('sessionTokenInput', options.durationSeconds);
  return {
    SerialNumber: options.serialNumber,
    TokenCode: options.tokenCode,
    ...(options.durationSeconds !== undefined ? { DurationSeconds: options.durationSeconds } : {}),
  };
}

function validateSeconds(who: string, seconds: number | undefined): void {
  if (seconds === undefined) return;
  if (!Number.isInteger(seconds) || seconds < TOKEN_MIN_SECONDS || seconds > TOKEN_MAX_SECONDS) {
    throw new Error(`${who}: invalid durationSeconds: received ${seconds}; expected a whole number of seconds from ${TOKEN_MIN_SECONDS} to ${TOKEN_MAX_SECONDS}.`);
  }
}
