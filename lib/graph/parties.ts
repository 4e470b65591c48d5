/**
 * The parties behind federated trust, named from what the trust's conditions and the template say: a GitHub
 * repository / environment / branch, an EKS service account, a subject of another issuer, a SAML provider's name,
 * an identity pool's name.
 */
import { GraphNode } from './graph';
import { ConditionClause } from '../private/iam/policy';
import { FederatedPrincipalInfo, OidcFamily } from '../private/iam/principals';
import { IamTemplate } from '../private/iam/template';
import { isUnresolvedText, referenceOf } from '../private/iam/text';
import { textOf } from '../private/iam/values';

/** The values of the positive clauses on a key. */
export function clauseValues(conditions: readonly ConditionClause[], keyLower: string): string[] {
  return conditions.filter((c) => c.keyLower === keyLower && !c.negated).flatMap((c) => c.values);
}

/** A SAML provider's name: its `Name` when readable, else its logical id or the ARN's last part. */
export function samlProviderName(template: IamTemplate, text: string): string {
  const ref = referenceOf(text);
  if (ref) {
    const r = template.resource(ref.logicalId);
    const name = r ? textOf(template.values.variants(r.properties.Name)[0]?.value) : '';
    return name && !isUnresolvedText(name) ? name : ref.logicalId;
  }
  return /saml-provider\/(.+)$/.exec(text)?.[1] ?? text;
}

/** An identity pool's name: its `IdentityPoolName` when readable, else its logical id or the value as written. */
export function identityPoolName(template: IamTemplate, text: string): string {
  const ref = referenceOf(text);
  if (ref) {
    const r = template.resource(ref.logicalId);
    const name = r ? textOf(template.values.variants(r.properties.IdentityPoolName)[0]?.value) : '';
    return name && !isUnresolvedText(name) ? name : ref.logicalId;
  }
  return text;
}

/** The party a web identity subject stands for: a GitHub repository/environment/branch, an EKS service account, ... */
export function partyOf(info: FederatedPrincipalInfo, issuer: string, claim: string, value: string): GraphNode {
  if (info.family === OidcFamily.GITHUB) {
    const m = /^repo:([^:]+):(.*)$/.exec(value);
    if (claim === 'sub' && m) {
      const [, repo, rest] = m;
      const what =
        rest === '*'
          ? 'any ref'
          : rest === 'pull_request'
            ? 'pull requests'
            : rest.startsWith('environment:')
              ? `environment ${rest.slice(12)}`
              : rest.startsWith('ref:refs/heads/')
                ? `branch ${rest.slice(15)}`
                : rest.startsWith('ref:refs/tags/')
                  ? `tag ${rest.slice(14)}`
                  : rest;
      return { id: `github:${repo}:${rest}`, kind: 'github', label: `github:${repo} (${what})` };
    }
    return {
      id: `github:${claim}=${value}`,
      kind: 'github',
      label: value === '*' ? 'github: any repository' : `github ${claim} ${value}`,
    };
  }
  if (info.family === OidcFamily.EKS) {
    const m = /^system:serviceaccount:([^:]+):(.+)$/.exec(value);
    const cluster = /\/id\/([^/]+)$/.exec(issuer)?.[1] ?? issuer;
    const label = m ? `EKS ${m[1]}/${m[2]}` : value === '*' ? 'EKS: any service account' : `EKS ${value}`;
    return { id: `eks:${cluster}:${value}`, kind: 'eks-service-account', label };
  }
  const host = issuer.split('/')[0];
  return {
    id: `web-identity:${issuer}:${claim}=${value}`,
    kind: 'web-identity',
    label: value === '*' ? `${host}: any subject` : `${host} ${claim} ${value}`,
  };
}
