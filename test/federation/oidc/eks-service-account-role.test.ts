import { Template } from 'aws-cdk-lib/assertions';
import { EksServiceAccount } from '../../../lib/federation/oidc/eks-service-account';
import { EksServiceAccountRole } from '../../../lib/federation/oidc/eks-service-account-role';
import { GenericOidcProvider } from '../../../lib/federation/oidc/generic-oidc-provider';
import { AssumeRequest, TrustCase, TrustCaseOutcome } from '../../../lib/testing';
import { devStack, trustStatements } from '../../util';
import { ALLOWED, DENIED, all, evaluateBothWays } from './trust-tables';

const ISSUER = 'oidc.eks.us-east-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE';
const ISSUER_URL = `https://${ISSUER}`;
const providerArn = {
  'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:iam::222222222222:oidc-provider/${ISSUER}`]],
};

describe('EksServiceAccountRole', () => {
  test('given an issuer URL and one service account, the provider is imported and aud/sub pinned', () => {
    // GIVEN
    const stack = devStack();
    // WHEN
    const role = new EksServiceAccountRole(stack, 'Checkout', {
      issuerUrl: ISSUER_URL,
      serviceAccounts: [EksServiceAccount.of('shop', 'checkout')],
    });
    // THEN
    expect(trustStatements(stack)).toEqual([
      {
        Action: 'sts:AssumeRoleWithWebIdentity',
        Effect: 'Allow',
        Principal: { Federated: providerArn },
        Condition: {
          StringEquals: {
            [`${ISSUER}:aud`]: 'sts.amazonaws.com',
            [`${ISSUER}:sub`]: 'system:serviceaccount:shop:checkout',
          },
        },
      },
    ]);
    expect(role.issuer).toBe(ISSUER);
    expect(role.subjects).toEqual(['system:serviceaccount:shop:checkout']);
    Template.fromStack(stack).resourceCountIs('AWS::IAM::OIDCProvider', 0);
  });

  test('given several service accounts and a whole namespace, exact ones under StringEquals, the namespace under StringLike', () => {
    const stack = devStack();
    new EksServiceAccountRole(stack, 'R', {
      issuerUrl: ISSUER_URL,
      serviceAccounts: [
        EksServiceAccount.of('shop', 'checkout'),
        EksServiceAccount.of('shop', 'cart'),
        EksServiceAccount.anyInNamespace('batch', { acknowledgeNamespaceWideTrust: true }),
      ],
    });
    expect(trustStatements(stack).map((s) => s.Condition)).toEqual([
      {
        StringEquals: {
          [`${ISSUER}:aud`]: 'sts.amazonaws.com',
          [`${ISSUER}:sub`]: ['system:serviceaccount:shop:checkout', 'system:serviceaccount:shop:cart'],
        },
      },
      {
        StringEquals: { [`${ISSUER}:aud`]: 'sts.amazonaws.com' },
        StringLike: { [`${ISSUER}:sub`]: 'system:serviceaccount:batch:*' },
      },
    ]);
  });

  test('given a provider reference, it is used', () => {
    const stack = devStack();
    const provider = new GenericOidcProvider(stack, 'Cluster', { url: ISSUER_URL, clientIds: ['sts.amazonaws.com'] });
    const role = new EksServiceAccountRole(stack, 'R', {
      provider,
      serviceAccounts: [EksServiceAccount.of('shop', 'checkout')],
    });
    expect(trustStatements(stack)[0].Principal).toEqual({ Federated: { Ref: expect.stringMatching(/^Cluster/) } });
    expect(role.provider).toBe(provider);
  });

  test('given both or neither of provider and issuerUrl, it throws', () => {
    const stack = devStack();
    const provider = new GenericOidcProvider(stack, 'Cluster', { url: ISSUER_URL, clientIds: ['sts.amazonaws.com'] });
    const serviceAccounts = [EksServiceAccount.of('shop', 'checkout')];
    expect(() => new EksServiceAccountRole(stack, 'A', { serviceAccounts })).toThrow(
      /^Dev\/A: invalid provider \/ issuerUrl: received nothing; expected exactly one of 'provider'/,
    );
    expect(() => new EksServiceAccountRole(stack, 'B', { provider, issuerUrl: ISSUER_URL, serviceAccounts })).toThrow(
      /^Dev\/B: invalid provider \/ issuerUrl/,
    );
  });

  test('given no service account, it throws', () => {
    expect(() => new EksServiceAccountRole(devStack(), 'R', { issuerUrl: ISSUER_URL, serviceAccounts: [] })).toThrow(
      /^Dev\/R: invalid serviceAccounts: received \[\]; expected at least one EksServiceAccount/,
    );
  });

  test.each([
    ['https://token.actions.githubusercontent.com'],
    ['https://oidc.eks.us-east-1.amazonaws.com/id/'],
    ['https://oidc.eks.us-east-1.example.com/id/ABC'],
  ])('given issuer %p that is not an EKS cluster issuer, it throws', (url) => {
    expect(
      () =>
        new EksServiceAccountRole(devStack(), 'R', {
          issuerUrl: url,
          serviceAccounts: [EksServiceAccount.of('shop', 'checkout')],
        }),
    ).toThrow(/^Dev\/R: invalid (EKS OIDC issuer|OIDC provider URL)/);
  });

  test('given a China region issuer, it is accepted', () => {
    const stack = devStack();
    new EksServiceAccountRole(stack, 'R', {
      issuerUrl: 'https://oidc.eks.cn-north-1.amazonaws.com.cn/id/ABCDEF0123',
      serviceAccounts: [EksServiceAccount.of('shop', 'checkout')],
    });
    expect(Object.keys(trustStatements(stack)[0].Condition.StringEquals)[1]).toBe(
      'oidc.eks.cn-north-1.amazonaws.com.cn/id/ABCDEF0123:sub',
    );
  });
});

describe('EksServiceAccountRole: who can assume it (IAM policy evaluator)', () => {
  const stack = devStack();
  new EksServiceAccountRole(stack, 'Checkout', {
    roleName: 'shop-checkout',
    issuerUrl: ISSUER_URL,
    serviceAccounts: [EksServiceAccount.of('shop', 'checkout')],
  });
  const ARN = `arn:aws:iam::222222222222:oidc-provider/${ISSUER}`;
  const OTHER_CLUSTER = 'arn:aws:iam::222222222222:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/0THERC1USTER';
  const token = (subject: string, audience: string | null = 'sts.amazonaws.com', provider = ARN) =>
    AssumeRequest.webIdentity(provider, { subject, audience: audience ?? undefined });
  const cases: TrustCase[] = [
    { name: 'the service account', request: token('system:serviceaccount:shop:checkout'), expected: ALLOWED },
    {
      name: 'another service account of the namespace',
      request: token('system:serviceaccount:shop:cart'),
      expected: DENIED,
    },
    { name: 'same name in another namespace', request: token('system:serviceaccount:dev:checkout'), expected: DENIED },
    { name: 'a prefix of the name', request: token('system:serviceaccount:shop:checkout-admin'), expected: DENIED },
    { name: 'missing audience', request: token('system:serviceaccount:shop:checkout', null), expected: DENIED },
    {
      name: 'another audience',
      request: token('system:serviceaccount:shop:checkout', 'https://kubernetes.default.svc'),
      expected: DENIED,
    },
    {
      name: 'same service account, another cluster',
      request: token('system:serviceaccount:shop:checkout', 'sts.amazonaws.com', OTHER_CLUSTER),
      expected: DENIED,
    },
  ];

  test("the validated evaluator cannot judge the cluster issuer's keys (UNDETERMINED); evaluating the claims decides every row", async () => {
    const report = await evaluateBothWays(stack, 'shop-checkout', cases);
    expect(report.strictOutcome).toEqual(all(cases, TrustCaseOutcome.UNDETERMINED));
    expect(report.claims.passed).toBe(cases.length);
    expect(report.unvalidatedKeys).toEqual(expect.arrayContaining([`${ISSUER}:aud`, `${ISSUER}:sub`]));
  });
});
