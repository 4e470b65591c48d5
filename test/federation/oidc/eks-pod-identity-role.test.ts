import { App, CfnParameter, Lazy, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { EksPodIdentityRole } from '../../../lib/federation/oidc/eks-pod-identity-role';
import { EksServiceAccount } from '../../../lib/federation/oidc/eks-service-account';
import { AssumeRequest, TrustCase, TrustCaseOutcome, TrustEvaluator, TrustTable } from '../../../lib/testing';
import { devStack, trustStatements } from '../../util';
import { ALLOWED, DENIED } from './trust-tables';

const assoc = (region: string, cluster: string) => ({
  'Fn::Join': [
    '',
    ['arn:', { Ref: 'AWS::Partition' }, `:eks:${region}:222222222222:podidentityassociation/${cluster}/*`],
  ],
});

describe('EksPodIdentityRole', () => {
  test('given a cluster name, pods.eks.amazonaws.com may AssumeRole + TagSession, scoped by SourceAccount and SourceArn', () => {
    // GIVEN
    const stack = devStack();
    // WHEN
    const role = new EksPodIdentityRole(stack, 'App', { clusterNames: ['shop-dev'] });
    // THEN
    expect(trustStatements(stack)).toEqual([
      {
        Action: ['sts:AssumeRole', 'sts:TagSession'],
        Effect: 'Allow',
        Principal: { Service: 'pods.eks.amazonaws.com' },
        Condition: {
          StringEquals: { 'aws:SourceAccount': '222222222222' },
          ArnLike: { 'aws:SourceArn': assoc('us-east-1', 'shop-dev') },
        },
      },
    ]);
    expect(stack.resolve(role.associationArnPatterns)).toEqual([assoc('us-east-1', 'shop-dev')]);
  });

  test('given cluster ARNs (literal, and a token such as an EKS cluster clusterArn), each becomes its association pattern', () => {
    const stack = devStack();
    new EksPodIdentityRole(stack, 'App', {
      clusterNames: ['a'],
      clusterArns: [
        'arn:aws:eks:eu-west-1:222222222222:cluster/shop-prd',
        new CfnParameter(stack, 'ClusterArn').valueAsString,
      ],
    });
    const split = { 'Fn::Split': [':cluster/', { Ref: 'ClusterArn' }] };
    expect(trustStatements(stack)[0].Condition.ArnLike['aws:SourceArn']).toEqual([
      assoc('us-east-1', 'a'),
      'arn:aws:eks:eu-west-1:222222222222:podidentityassociation/shop-prd/*',
      {
        'Fn::Join': [
          '',
          [{ 'Fn::Select': [0, split] }, ':podidentityassociation/', { 'Fn::Select': [1, split] }, '/*'],
        ],
      },
    ]);
  });

  test('given service accounts, one statement per namespace pins the Pod Identity session tags', () => {
    const stack = devStack();
    new EksPodIdentityRole(stack, 'App', {
      clusterNames: ['shop-dev'],
      serviceAccounts: [
        EksServiceAccount.of('shop', 'checkout'),
        EksServiceAccount.of('shop', 'cart'),
        EksServiceAccount.anyInNamespace('batch', { acknowledgeNamespaceWideTrust: true }),
        EksServiceAccount.of('batch', 'x'),
      ],
    });
    expect(trustStatements(stack).map((s) => s.Condition)).toEqual([
      {
        StringEquals: {
          'aws:SourceAccount': '222222222222',
          'aws:RequestTag/kubernetes-namespace': 'shop',
          'aws:RequestTag/kubernetes-service-account': ['checkout', 'cart'],
        },
        ArnLike: { 'aws:SourceArn': assoc('us-east-1', 'shop-dev') },
      },
      {
        StringEquals: { 'aws:SourceAccount': '222222222222', 'aws:RequestTag/kubernetes-namespace': 'batch' },
        ArnLike: { 'aws:SourceArn': assoc('us-east-1', 'shop-dev') },
      },
    ]);
  });

  test('given an environment-agnostic stack, SourceAccount is AWS::AccountId', () => {
    const stack = new Stack(new App(), 'Agnostic');
    new EksPodIdentityRole(stack, 'App', { clusterNames: ['c'] });
    expect(trustStatements(stack)[0].Condition.StringEquals['aws:SourceAccount']).toEqual({ Ref: 'AWS::AccountId' });
  });

  test('given no cluster, it throws: any cluster of the account could use the role', () => {
    expect(() => new EksPodIdentityRole(devStack(), 'App', {})).toThrow(
      /^Dev\/App: invalid clusterNames \/ clusterArns: received \[\]; expected at least one cluster: without aws:SourceArn/,
    );
    expect(() => new EksPodIdentityRole(devStack(), 'App', { clusterNames: [], clusterArns: [] })).toThrow(
      /invalid clusterNames \/ clusterArns/,
    );
  });

  test('given cluster names, 100 characters pass and 101 throw', () => {
    expect(() => new EksPodIdentityRole(devStack(), 'App', { clusterNames: ['c'.repeat(100)] })).not.toThrow();
    expect(() => new EksPodIdentityRole(devStack(), 'App', { clusterNames: ['c'.repeat(101)] })).toThrow(
      /^Dev\/App: invalid EKS cluster name: received '.*'; expected 1 to 100 letters, digits, '-' and '_'/,
    );
    expect(() => new EksPodIdentityRole(devStack(), 'App', { clusterNames: ['*'] })).toThrow(
      /invalid EKS cluster name/,
    );
  });

  test('given a malformed cluster ARN or one of another account, it throws', () => {
    expect(
      () =>
        new EksPodIdentityRole(devStack(), 'App', { clusterArns: ['arn:aws:eks:eu-west-1:222222222222:nodegroup/x'] }),
    ).toThrow(
      /^Dev\/App: invalid EKS cluster ARN: received 'arn:aws:eks:eu-west-1:222222222222:nodegroup\/x'; expected a cluster ARN/,
    );
    expect(
      () =>
        new EksPodIdentityRole(devStack(), 'App', { clusterArns: ['arn:aws:eks:eu-west-1:444444444444:cluster/prd'] }),
    ).toThrow(/invalid EKS cluster ARN: .*expected a cluster of this stack's account 222222222222/);
  });

  test('a cluster name or ARN from a parameter is checked with its Default and AllowedValues', () => {
    // GIVEN parameters whose default spans every cluster, or names another account's cluster
    const star = devStack();
    const name = new CfnParameter(star, 'Cluster', { default: '*' }).valueAsString;
    const foreign = devStack();
    const arn = new CfnParameter(foreign, 'ClusterArn', {
      default: 'arn:aws:eks:eu-west-1:222222222222:cluster/shop',
      allowedValues: [
        'arn:aws:eks:eu-west-1:222222222222:cluster/shop',
        'arn:aws:eks:eu-west-1:444444444444:cluster/x',
      ],
    }).valueAsString;
    // WHEN / THEN both are refused when the role is created; a parameter without default stays deploy-time
    expect(() => new EksPodIdentityRole(star, 'App', { clusterNames: [name] })).toThrow(
      /^Dev\/App: invalid EKS cluster name: received '\*'/,
    );
    expect(() => new EksPodIdentityRole(foreign, 'App', { clusterArns: [arn] })).toThrow(
      /invalid EKS cluster ARN: .*expected a cluster of this stack's account 222222222222/,
    );
    const open = devStack();
    const any = new CfnParameter(open, 'Cluster').valueAsString;
    expect(() => new EksPodIdentityRole(open, 'App', { clusterNames: [any] })).not.toThrow();
  });

  test('a Lazy cluster name or ARN is checked as its value', () => {
    // GIVEN Lazy values: every cluster by name, every cluster by ARN, and a valid name
    const lazy = (v: string) => Lazy.string({ produce: () => v });
    // WHEN / THEN the two that span clusters are refused with the construct path, as literals are
    expect(() => new EksPodIdentityRole(devStack(), 'App', { clusterNames: [lazy('*')] })).toThrow(
      /^Dev\/App: invalid EKS cluster name: received '\*'/,
    );
    expect(
      () => new EksPodIdentityRole(devStack(), 'App', { clusterArns: [lazy('arn:aws:eks:*:222222222222:cluster/*')] }),
    ).toThrow(/^Dev\/App: invalid EKS cluster ARN: received 'arn:aws:eks:\*:222222222222:cluster\/\*'/);
    const stack = devStack();
    new EksPodIdentityRole(stack, 'App', { clusterNames: [lazy('shop-dev')] });
    expect(JSON.stringify(Template.fromStack(stack).toJSON())).toContain('podidentityassociation/shop-dev/*');
  });

  test('given an empty service account list, it throws (omit the prop to allow any)', () => {
    expect(() => new EksPodIdentityRole(devStack(), 'App', { clusterNames: ['c'], serviceAccounts: [] })).toThrow(
      /^Dev\/App: invalid serviceAccounts: received \[\]; expected at least one EksServiceAccount/,
    );
  });
});

describe('EksPodIdentityRole: who can assume it (IAM policy evaluator)', () => {
  // GIVEN a role for the checkout service account of cluster shop-dev
  const stack = new Stack(new App(), 'Dev', { env: { account: '222222222222', region: 'us-east-1' } });
  new EksPodIdentityRole(stack, 'Checkout', {
    roleName: 'shop-checkout',
    clusterNames: ['shop-dev'],
    serviceAccounts: [EksServiceAccount.of('shop', 'checkout')],
  });
  const association = (cluster: string, account = '222222222222', region = 'us-east-1') =>
    `arn:aws:eks:${region}:${account}:podidentityassociation/${cluster}/a-0123456789abcdef0`;
  const pods = (o: { account?: string; arn?: string; ns?: string; sa?: string; tags?: boolean }) =>
    AssumeRequest.fromService('pods.eks.amazonaws.com', {
      sourceAccount: o.account ?? '222222222222',
      sourceArn: o.arn ?? association('shop-dev'),
      sessionTags:
        o.tags === false
          ? undefined
          : [
              { key: 'eks-cluster-name', value: 'shop-dev' },
              { key: 'kubernetes-namespace', value: o.ns ?? 'shop' },
              { key: 'kubernetes-service-account', value: o.sa ?? 'checkout' },
            ],
    });
  const cases: TrustCase[] = [
    { name: 'checkout pod of shop-dev', request: pods({}), expected: ALLOWED },
    { name: 'another service account', request: pods({ sa: 'cart' }), expected: DENIED },
    { name: 'same service account, another namespace', request: pods({ ns: 'dev' }), expected: DENIED },
    { name: 'association of another cluster', request: pods({ arn: association('shop-prd') }), expected: DENIED },
    {
      name: 'cluster of another account (confused deputy)',
      request: pods({ account: '999999999999', arn: association('shop-dev', '999999999999') }),
      expected: DENIED,
    },
    {
      name: "another region's cluster of the same name",
      request: pods({ arn: association('shop-dev', '222222222222', 'eu-west-1') }),
      expected: DENIED,
    },
    { name: 'session tags disabled on the association', request: pods({ tags: false }), expected: DENIED },
  ];

  test('the validated evaluator judges every row (global keys and session tags): no undetermined row', async () => {
    const report = await TrustTable.evaluate(TrustEvaluator.fromStack(stack), 'shop-checkout', cases);
    TrustTable.assertOk(report);
    expect(report.results.map((r) => r.outcome)).toEqual(cases.map(() => TrustCaseOutcome.PASS));
    expect(report.results.flatMap((r) => r.result.ignoredContextKeys)).toEqual([]);
    Template.fromStack(stack).resourceCountIs('AWS::IAM::Role', 1);
  });
});
