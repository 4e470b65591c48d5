import { Stack, Token } from 'aws-cdk-lib';
import { EksServiceAccount } from '../../../lib/federation/oidc/eks-service-account';
import { devStack } from '../../util';

/** Warnings added on the scope itself (no synth of an empty stack). */
const warnings = (scope: Stack) =>
  scope.node.metadata.filter((m) => m.type === 'aws:cdk:warning').map((m) => String(m.data));

describe('EksServiceAccount', () => {
  test('given a named service account, system:serviceaccount:NS:NAME, exact', () => {
    const stack = devStack();
    expect(EksServiceAccount.of('shop', 'checkout')._subject(stack)).toEqual({
      value: 'system:serviceaccount:shop:checkout',
      wildcard: false,
    });
    expect(EksServiceAccount.of('shop', 'checkout')._resolve(stack)).toEqual({
      namespaceName: 'shop',
      name: 'checkout',
    });
  });

  test('given a whole namespace WITH the acknowledgment, NS:* under StringLike and a warning', () => {
    const stack = devStack();
    const sa = EksServiceAccount.anyInNamespace('batch', { acknowledgeNamespaceWideTrust: true });
    expect(sa._subject(stack)).toEqual({ value: 'system:serviceaccount:batch:*', wildcard: true });
    expect(sa._resolve(stack)).toEqual({ namespaceName: 'batch' });
    expect(warnings(stack)).toEqual([
      expect.stringMatching(
        new RegExp("every service account of Kubernetes namespace 'batch'.*cdk-sts-kit:eks-namespace-wide-trust"),
      ),
    ]);
  });

  test('given a whole namespace WITHOUT the acknowledgment, it throws', () => {
    expect(() =>
      EksServiceAccount.anyInNamespace('batch', { acknowledgeNamespaceWideTrust: false })._subject(devStack()),
    ).toThrow(
      "Dev: invalid acknowledgeNamespaceWideTrust: received false; expected true: trusting namespace 'batch' lets every pod of it",
    );
  });

  test('given namespaces, 63 characters pass and 64 throw (DNS-1123 label)', () => {
    expect(() => EksServiceAccount.of('n'.repeat(63), 'sa')._subject(devStack())).not.toThrow();
    expect(() => EksServiceAccount.of('n'.repeat(64), 'sa')._subject(devStack())).toThrow(
      `Dev: invalid Kubernetes namespace: received '${'n'.repeat(64)}'; expected a DNS-1123 label`,
    );
  });

  test('given service account names, 253 characters pass and 254 throw (DNS-1123 subdomain)', () => {
    const name = (n: number) => ('a'.repeat(62) + '.').repeat(5).slice(0, n - 1) + 'a';
    expect(name(253)).toHaveLength(253);
    expect(() => EksServiceAccount.of('shop', name(253))._subject(devStack())).not.toThrow();
    expect(() => EksServiceAccount.of('shop', name(254))._subject(devStack())).toThrow(
      /invalid Kubernetes service account name: .*DNS-1123 subdomain/,
    );
  });

  test.each([['Shop'], ['-shop'], ['shop-'], ['sh_op'], ['*'], ['sh*'], ['a.b'], ['']])(
    'given namespace %p, it throws',
    (ns) => {
      expect(() => EksServiceAccount.of(ns, 'sa')._subject(devStack())).toThrow(/invalid Kubernetes namespace/);
    },
  );

  test.each([['Checkout'], ['*'], ['check*'], ['-a'], ['a..b'], ['a:b'], ['']])(
    'given service account %p, it throws',
    (name) => {
      expect(() => EksServiceAccount.of('shop', name)._subject(devStack())).toThrow(
        /invalid Kubernetes service account name/,
      );
    },
  );

  test('given tokens, they are not validated early', () => {
    const t = Token.asString({ Ref: 'X' });
    expect(() => EksServiceAccount.of(t, t)._subject(devStack())).not.toThrow();
  });
});
