/**
 * Web identity providers built into STS: a trust policy names them by host in `Principal.Federated`, not by
 * an `oidc-provider` ARN, and their condition keys start with that host (`accounts.google.com:aud`).
 */
export const BUILT_IN_WEB_IDENTITY_PROVIDERS = {
  COGNITO: 'cognito-identity.amazonaws.com',
  /** Cognito in the China partition. */
  COGNITO_CN: 'cognito-identity.amazonaws.com.cn',
  GOOGLE: 'accounts.google.com',
  FACEBOOK: 'graph.facebook.com',
  AMAZON: 'www.amazon.com',
} as const;
