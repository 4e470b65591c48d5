/**
 * The bridge between the IAM model's statements and the issuer table (private/iam/issuers.ts): which clauses of a
 * trust statement test the subject of a web identity principal, and how the issuer table judges them.
 * Internal: not exported from the package root.
 */
import {
  claimClauses,
  claimOf,
  ConditionClause,
  FederatedKind,
  federatedPrincipalsOf,
  FederatedPrincipalInfo,
  IamTemplate,
  isNarrowing,
  isPolicyVariable,
  isWebIdentity,
  operatorHasWildcards,
  PolicyStatement,
  referenceOf,
} from '../private/iam';
import {
  IssuerId,
  issuerIdOf,
  issuerProfile,
  judgeSubject,
  SubjectClause,
  SubjectJudgement,
  SubjectStrength,
  withAmrSetMode,
} from '../private/iam/issuers';

/**
 * The issuer of a web identity principal as the issuer table reads it. When the provider's URL is computed at deploy
 * time from an EKS cluster of the same template (`Fn::GetAtt Cluster.OpenIdConnectIssuerUrl`, as aws-eks writes it),

 * the issuer is an EKS cluster's.
 */
export function issuerOf(info: FederatedPrincipalInfo, template?: IamTemplate): string | undefined {
  if (info.issuer !== undefined) return info.issuer;
  if (info.kind !== FederatedKind.OIDC) return undefined;
  // an issuer partly known (a parameter for the EKS cluster id, the GitHub Enterprise slug, the Bitbucket workspace):
  // the literal parts name the issuer's family, the placeholders stand for one concrete name each
  const pattern = info.issuerPattern;
  if (pattern !== undefined && /^[a-z0-9-]+\./.test(pattern)) {
    const concrete = pattern.replace(/\{\{[^{}]*\}\}/g, 'x');
    if (issuerIdOf(concrete) !== IssuerId.UNKNOWN) return concrete;
  }
  if (!template) return undefined;
  return fromEksCluster(info, template) ? EKS_LIKE_ISSUER : undefined;
}

/** EKS clusters: CloudFormation's, and the custom resource aws-cdk-lib's `eks.Cluster` writes. */
const EKS_CLUSTER_TYPES = ['AWS::EKS::Cluster', 'Custom::AWSCDK-EKS-Cluster'];

function fromEksCluster(info: FederatedPrincipalInfo, template: IamTemplate): boolean {
  // the provider's ARN with the cluster's issuer in it: arn:...:oidc-provider/{{GetAtt.Cluster.OpenIdConnectIssuerUrl}}
  const inArn = /:oidc-provider\/\{\{GetAtt\.([^.{}]+)\.OpenIdConnectIssuerUrl\}\}/i.exec(info.text);
  if (inArn) return EKS_CLUSTER_TYPES.includes(template.resource(inArn[1])?.type ?? '');
  const ref = referenceOf(info.text);
  const provider = ref ? template.resource(ref.logicalId) : undefined;
  if (!provider) return false;
  const url = JSON.stringify(provider.properties.Url ?? provider.properties.url ?? '');
  const m =
    /"Fn::GetAtt":\s*\[\s*"([^"]+)"\s*,\s*"OpenIdConnectIssuerUrl"/.exec(url) ??
    /"Fn::GetAtt":\s*"([^".]+)\.OpenIdConnectIssuerUrl"/.exec(url);
  return m !== null && EKS_CLUSTER_TYPES.includes(template.resource(m[1])?.type ?? '');
}

/** The subject clauses of a statement for a web identity principal, in the issuer table's terms. */
export function subjectClausesOf(
  statement: PolicyStatement,
  info: FederatedPrincipalInfo,
  issuer: string | undefined,
): SubjectClause[] {
  const profile = issuerProfile(issuer);
  const claims = profile.subjectClaims.filter((c) => !c.startsWith('aws:'));
  const clauses: SubjectClause[] = claimClauses(statement, info, claims).map((c) =>
    subjectClauseOf(c, claimOf(c.keyLower)),
  );
  // session tags set from the token (Buildkite's organization_slug ...): request tags are the token's claims
  for (const c of statement.conditions) {
    if (c.keyLower.startsWith('aws:requesttag/') && profile.subjectClaims.includes(c.keyLower))
      clauses.push(subjectClauseOf(c, c.keyLower));
  }
  return clauses;
}

/**
 * A condition clause in the issuer table's terms (issuers.ts `SubjectClause`), with its set operator's shape
 * (`AmrSetMode`: read for Cognito's `amr` only).
 */
export function subjectClauseOf(c: ConditionClause, claim: string): SubjectClause {
  // a policy variable (`${token.actions.githubusercontent.com:sub}`) is resolved per request from the token or the
  // caller, so it matches whatever they bring: read as `*`
  // (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html)
  const variables = c.values.some(isPolicyVariable);
  return withAmrSetMode(
    {
      claim,
      values: variables ? c.values.map((v) => v.replace(/\$\{[^{}]+\}/g, '*')) : c.values,
      wildcards: operatorHasWildcards(c) || variables,
      narrowing: isNarrowing(c),
      excludes: c.set === 'forallvalues' && c.negated && c.base.startsWith('string'),
      ignoreCase: c.base.endsWith('ignorecase'),
    },
    c,
  );
}

/** The issuer table's verdict on the subject of one web identity principal of a statement. */
export function judgeWebIdentitySubject(
  statement: PolicyStatement,
  info: FederatedPrincipalInfo,
  template?: IamTemplate,
): SubjectJudgement {
  let issuer = issuerOf(info, template);
  if (issuer === undefined && kubernetesSubjects(statement, info)) issuer = EKS_LIKE_ISSUER;
  return judgeSubject(issuer, subjectClausesOf(statement, info, issuer));
}

/**
 * The reason of the first web identity principal, among `statements`, whose subject the issuer table judges at
 * `strength` (`false` when none is): the check the subject rules (NotPinned, Broad) share.
 */
export function subjectJudgedAt(
  statements: readonly PolicyStatement[],
  template: IamTemplate,
  strength: SubjectStrength,
): string | false {
  for (const statement of statements) {
    for (const info of federatedPrincipalsOf(statement, template)) {
      if (!isWebIdentity(info.kind)) continue;
      const judgement = judgeWebIdentitySubject(statement, info, template);
      if (judgement.strength === strength) return judgement.why;
    }
  }
  return false;
}

/** An issuer of the EKS family, for a provider known only at deploy time to be a cluster's. */
const EKS_LIKE_ISSUER = 'oidc.eks.region.amazonaws.com/id/CLUSTER';

/**
 * Whether the subject keys are computed at deploy time (`${provider.openIdConnectProviderIssuer}:sub`, through
 * `CfnJson`, as aws-eks's `ServiceAccount` writes them) and every subject value is a Kubernetes service account:
 * only a Kubernetes issuer writes `system:serviceaccount:NAMESPACE:NAME` subjects.
 */
function kubernetesSubjects(statement: PolicyStatement, info: FederatedPrincipalInfo): boolean {
  const subs = claimClauses(statement, info, ['sub']);
  return (
    subs.length > 0 &&
    subs.every(
      (c) =>
        c.keyLower.includes('{{') &&
        c.values.length > 0 &&
        c.values.every((v) => v.startsWith('system:serviceaccount:')),
    )
  );
}
