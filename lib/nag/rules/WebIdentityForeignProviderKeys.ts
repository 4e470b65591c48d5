import { NagMessageLevel } from 'cdk-nag/lib/nag-rules';
import {
  FederatedKind,
  federatedPrincipalsOf,
  issuerPatternMatches,
  isUnresolvedText,
  PolicyStatement,
  providerPrefixOf,
} from '../../private/iam';
import type { IamTemplate } from '../../private/iam';
import { defineRule, judgeTrust } from '../sts-rule';

/**
 * A federated trust statement has conditions on the claims of another provider than the one it trusts, e.g. a
 * GitHub trust tested on `gitlab.com:sub`, a Cognito trust tested on `accounts.google.com:aud`, or an EKS trust tested
 * on another cluster's issuer. Those keys are absent from the trusted provider's tokens, so the intended pin does not
 * apply (or, with `...IfExists`, is silently true) and the trusted provider's own claims are left free.
 *
 * Provider claims are keys whose prefix is a host (`host[/path]:claim`). An issuer with a part known only at deploy
 * time (a GitHub Enterprise slug from a parameter) is matched by its shape; skipped when a trusted provider's issuer
 * cannot be read at all (an OIDC provider ARN passed as a parameter); a key whose issuer part is computed at deploy time
 * is not judged.
 */
export default defineRule(
  __filename,
  {
    level: NagMessageLevel.ERROR,
    info: 'The trust policy tests claims of another identity provider than the federated principal it trusts.',
    explanation:
      'Condition keys of a web identity are prefixed by the issuer of the trusted provider ' +
      '(token.actions.githubusercontent.com:sub, oidc.eks.REGION.amazonaws.com/id/CLUSTER:sub, ' +
      'cognito-identity.amazonaws.com:aud). A key of another provider, or of another EKS cluster, is never present in ' +
      'the tokens this principal accepts: the intended restriction does nothing, and the claims of the trusted provider ' +
      "stay unpinned. Write the conditions on the trusted provider's own keys, or trust the provider the keys belong to.",
  },
  (subject) =>
    judgeTrust(subject, (variant) => variant.writtenAllow.some((s) => testsForeignKeys(s, subject.template))),
);

function testsForeignKeys(statement: PolicyStatement, template: IamTemplate): boolean {
  const federated = federatedPrincipalsOf(statement, template);
  if (federated.length === 0) return false;
  const issuers = new Set<string>();
  const patterns: string[] = [];
  for (const info of federated) {
    if (info.kind === FederatedKind.SAML) continue; // SAML keys are saml:*, never host-prefixed
    if (info.issuer !== undefined) issuers.add(info.issuer);
    else if (info.issuerPattern !== undefined) patterns.push(info.issuerPattern);
    else return false;
  }
  return statement.conditions.some((c) => {
    const prefix = providerPrefixOf(c.keyLower);
    if (prefix === undefined || isUnresolvedText(prefix) || issuers.has(prefix)) return false;
    return !patterns.some((p) => issuerPatternMatches(p, prefix));
  });
}
