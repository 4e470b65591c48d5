import { parsePrincipal } from '../../../lib/private/iam/principals';

describe('parsePrincipal', () => {
  test.each([
    ['arn:aws:iam::111111111111:user/alice', 'user', undefined],
    ['arn:aws-us-gov:iam::111111111111:user/path/to/alice', 'user', undefined],
    ['arn:aws:iam::111111111111:role/Ops', 'role', undefined],
    ['arn:aws:sts::111111111111:assumed-role/Ops/alice', 'assumed-role', undefined],
    ['arn:aws:sts::111111111111:federated-user/bob', 'federated-user', undefined],
    ['arn:aws:iam::111111111111:root', 'root', undefined],
    [
      'arn:aws-cn:iam::222222222222:oidc-provider/oidc.eks.cn-north-1.amazonaws.com.cn/id/ABC',
      'web-identity',
      'oidc.eks.cn-north-1.amazonaws.com.cn/id/ABC',
    ],
    ['arn:aws:iam::222222222222:saml-provider/Okta', 'saml', 'saml'],
    ['cognito-identity.amazonaws.com', 'web-identity', 'cognito-identity.amazonaws.com'],
    ['www.amazon.com', 'web-identity', 'www.amazon.com'],
    ['lambda.amazonaws.com', 'service', undefined],
    ['states.cn-north-1.amazonaws.com.cn', 'service', undefined],
  ])('%s is a %s principal', (value, kind, claimPrefix) => {
    const parsed = parsePrincipal(value);
    expect(parsed?.kind).toBe(kind);
    expect(parsed?.claimPrefix).toBe(claimPrefix);
  });

  test.each([
    'alice',
    'arn:aws:iam::111111111111:policy/p',
    'arn:aws:sts::111111111111:assumed-role/Ops',
    'arn:aws:s3:::bucket',
    'arn:aws:iam::111111111111:oidc-provider/',
    'example.com',
  ])('%s is not a principal', (value) => {
    expect(parsePrincipal(value)).toBeUndefined();
  });
});
