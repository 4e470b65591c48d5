import { Annotations } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { ClaimValue, acknowledgeBroadTrust, claimValue, refuseTokenTenant, withParameterValues } from './oidc-trust';
import { invalidInput } from '../../private/errors';
import { ScopeOrPath, isUnresolved } from '../../trust/validators';

/** A Kubernetes namespace: a DNS-1123 label (1-63 lowercase letters, digits and '-', alphanumeric at both ends). */
const DNS1123_LABEL = /^(?=.{1,63}$)[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
/** A service account name: a DNS-1123 subdomain (1-253 characters, dot-separated labels). */
const DNS1123_SUBDOMAIN = /^(?=.{1,253}$)[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/**
 * The explicit opt-in to trust every service account of a namespace.
 */
export interface EksNamespaceWideTrustOptions {
  /**
   * Must be `true`: every pod of the namespace, under any service account anyone with rights in the namespace
   * creates, can assume the role.
   */
  readonly acknowledgeNamespaceWideTrust: boolean;

  /**
   * Why the whole namespace may assume the role. When given, the role records it as the acknowledgement of the
   * StsChecks warning `StsChecks-WebIdentitySubjectBroad` (and the synth warning is not emitted).
   * @default - no acknowledgement: StsChecks and the synth warning report the namespace-wide trust
   */
  readonly reason?: string;
}

/** What a service account resolves to in a scope. */
export interface ResolvedServiceAccount {
  /** The Kubernetes namespace. */
  readonly namespaceName: string;
  /** Undefined for a whole namespace. */
  readonly name?: string;
}

/**
 * A Kubernetes service account whose pods may assume a role: one named service account, or, only by explicit
 * choice, every service account of a namespace.
 *
 * @example
 * EksServiceAccount.of('shop', 'checkout');        // system:serviceaccount:shop:checkout
 * EksServiceAccount.anyInNamespace('batch', { acknowledgeNamespaceWideTrust: true });  // system:serviceaccount:batch:*
 */
export class EksServiceAccount {
  /** One service account of one namespace. */
  public static of(namespaceName: string, name: string): EksServiceAccount {
    return new EksServiceAccount(`service account ${namespaceName}/${name}`, (scope) => {
      withParameterValues(namespaceName, (v) => validateNamespace(scope, v), scope);
      withParameterValues(
        name,
        (v) => {
          if (!isUnresolved(v) && !DNS1123_SUBDOMAIN.test(v)) {
            throw invalidInput(
              scope,
              'Kubernetes service account name',
              v,
              "a DNS-1123 subdomain: 1 to 253 lowercase letters, digits, '-' and '.', starting and ending with a letter or digit (no wildcards)",
            );
          }
        },
        scope,
      );
      return { namespaceName, name };
    });
  }

  /**
   * Every service account of a namespace, only with `acknowledgeNamespaceWideTrust: true`, and with a synth
   * warning (`cdk-sts-kit:eks-namespace-wide-trust`).
   */
  public static anyInNamespace(namespaceName: string, options: EksNamespaceWideTrustOptions): EksServiceAccount {
    const ack = options.acknowledgeNamespaceWideTrust;
    const reason = options.reason;
    return new EksServiceAccount(`every service account of namespace ${namespaceName}`, (scope) => {
      refuseTokenTenant(scope, 'namespace', namespaceName, 'EksServiceAccount.anyInNamespace');
      validateNamespace(scope, namespaceName);
      if (ack !== true) {
        throw invalidInput(
          scope,
          'acknowledgeNamespaceWideTrust',
          ack,
          `true: trusting namespace '${namespaceName}' lets every pod of it, under any service account, assume the role`,
        );
      }
      if (acknowledgeBroadTrust(scope, reason, `every service account of namespace ${namespaceName}`))
        return { namespaceName };
      Annotations.of(scope).addWarningV2(
        'cdk-sts-kit:eks-namespace-wide-trust',
        `${scope.node.path} trusts every service account of Kubernetes namespace '${namespaceName}'. Prefer EksServiceAccount.of(namespace, name).`,
      );
      return { namespaceName };
    });
  }

  private constructor(
    /** What the service account admits, for messages. */
    public readonly description: string,
    private readonly resolve: (scope: IConstruct) => ResolvedServiceAccount,
  ) {}

  /**
   * Namespace and name, validated in `scope`.
   * @internal
   */
  public _resolve(scope: IConstruct): ResolvedServiceAccount {
    return this.resolve(scope);
  }

  /**
   * The IRSA `sub` value: `system:serviceaccount:NAMESPACE:NAME` (or `...:NAMESPACE:*`).
   * @internal
   */
  public _subject(scope: IConstruct): ClaimValue {
    const { namespaceName, name } = this.resolve(scope);
    return claimValue(`system:serviceaccount:${namespaceName}:${name ?? '*'}`, name === undefined);
  }
}

function validateNamespace(scope: ScopeOrPath, namespace: string): void {
  if (isUnresolved(namespace)) return;
  if (!DNS1123_LABEL.test(namespace)) {
    throw invalidInput(
      scope,
      'Kubernetes namespace',
      namespace,
      "a DNS-1123 label: 1 to 63 lowercase letters, digits and '-', starting and ending with a letter or digit (no wildcards)",
    );
  }
}
