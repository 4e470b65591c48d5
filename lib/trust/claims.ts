/**
 * A claim of a web identity token or an attribute of a SAML assertion, with its value(s): the one shape claims
 * take everywhere in this library, in the conditions a role requires (`GitHubActionsRole`'s `claims`) and in the
 * requests the testing helpers build (`AssumeRequest.webIdentity`'s `claims`).
 *
 * @example
 * const ref = { name: 'ref', values: ['refs/heads/main'] };
 * new GitHubActionsRole(this, 'Deploy', { provider, subjects, claims: [ref] });
 * AssumeRequest.webIdentity(providerArn, { audience: 'sts.amazonaws.com', subject, claims: [ref] });
 */
export interface FederatedClaim {
  /** Claim name without the provider prefix (`sub`, `aud`, `amr`, `repository`, `ref`; SAML: `sub_type`, `iss`). */
  readonly name: string;
  /** Its value(s): any one matches in a role's condition; the token's value(s) in a request. */
  readonly values: string[];
}
