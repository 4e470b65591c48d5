import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { addFederationExamples } from '../../examples/federation/app';
import { addSwitchRoleExample } from '../../examples/multi-account-switch-role/app';
import { readConfig } from '../../examples/multi-account-switch-role/config';
import { graphOf } from '../../lib/cli/graph';
import { readGraphInputs } from '../../lib/cli/graph-inputs';
import { GraphEdge, TrustGraph } from '../../lib/graph/graph';
import { AssumeRequest, CallerIdentity, TrustDecision, TrustEvaluator } from '../../lib/testing';
import { projectApp } from '../util';

jest.setTimeout(120_000);

/**
 * The picture cannot drift from the truth: every "may assume" path of the example's graph is an ALLOWED decision of
 * the IAM policy evaluator on the same templates, and every ALLOWED decision is a path of the graph.
 */

const IDENTITY = '111111111111';
const VENDOR = '999999999999';
const GH = 'token.actions.githubusercontent.com';

let outdir: string;
let graph: TrustGraph;
let templates: ReturnType<typeof readGraphInputs>;

beforeAll(() => {
  outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'sts-kit-graph-'));
  const app = projectApp({}, outdir);
  const config = readConfig(app.node, {});
  addSwitchRoleExample(app, config);
  addFederationExamples(app, config);
  app.synth();
  templates = readGraphInputs([outdir]);
  graph = graphOf([outdir], { checks: false }).graph;
});

afterAll(() => fs.rmSync(outdir, { recursive: true, force: true }));

/** Whether `from` reaches `to` over edges that `usable` accepts. */
function reaches(from: string, to: string, usable: (e: GraphEdge) => boolean): boolean {
  const seen = new Set([from]);
  const queue = [from];
  while (queue.length > 0) {
    const id = queue.pop()!;
    if (id === to) return true;
    for (const e of graph.edges.filter((x) => x.from === id && usable(x))) {
      if (!seen.has(e.to)) {
        seen.add(e.to);
        queue.push(e.to);
      }
    }
  }
  return false;
}

const bothSidesAllow = (e: GraphEdge) => e.identity !== 'not-granted' && e.identity !== 'unknown';
const withoutMfa = (e: GraphEdge) => bothSidesAllow(e) && !e.demands.some((d) => d.key === 'mfa');

/** Every role of the templates: its graph node, its template, the evaluator of its template. */
function roles() {
  return graph.nodes
    .filter((n) => n.kind === 'role' && !n.outside)
    .map((n) => {
      const t = templates.find((x) => x.name === n.template)!;
      return {
        node: n,
        template: t,
        evaluator: TrustEvaluator.fromTemplate(t.template, { account: t.account, region: t.region }),
      };
    });
}

/** The roles whose trust names AWS principals (accounts, users, roles): the others are federated or services. */
function awsTrustedRoles() {
  return roles().filter((r) =>
    (r.template.template as any).Resources[r.node.logicalId!].Properties.AssumeRolePolicyDocument.Statement.some(
      (s: any) => JSON.stringify(s.Principal).includes('"AWS"'),
    ),
  );
}

function template(stackName: string) {
  return templates.find((t) => t.stackName === stackName)!;
}

describe('the example graph', () => {
  test('draws a node for every role of every stack, in its account', () => {
    // GIVEN
    const roleCount = templates.reduce(
      (n, t) => n + Object.values<any>((t.template as any).Resources).filter((r) => r.Type === 'AWS::IAM::Role').length,
      0,
    );
    // THEN
    expect(graph.nodes.filter((n) => n.kind === 'role' && !n.outside)).toHaveLength(roleCount);
    // the GitHub roles may assume the CDK's bootstrap roles, whose trust is not in the app's templates
    expect(
      graph.nodes
        .filter((n) => n.outside)
        .map((n) => n.label)
        .filter((l) => l.endsWith('444444444444-us-east-1'))
        .sort(),
    ).toEqual([
      'cdk-hnb659fds-deploy-role-444444444444-us-east-1',
      'cdk-hnb659fds-file-publishing-role-444444444444-us-east-1',
      'cdk-hnb659fds-image-publishing-role-444444444444-us-east-1',
      'cdk-hnb659fds-lookup-role-444444444444-us-east-1',
    ]);
    expect(graph.nodes.find((n) => n.id === 'role:444444444444/Admin')?.account).toBe('444444444444');
    expect(graph.accounts.map((a) => [a.id, a.name, a.own])).toEqual(
      expect.arrayContaining([
        ['111111111111', 'identity', true],
        ['222222222222', 'dev', true],
        ['444444444444', 'prd', true],
        [VENDOR, undefined, false],
      ]),
    );
  });

  test.each([[true], [false]])(
    'users: a path from the user to a role exists exactly when the evaluator allows the user, with the policies of its groups (MFA: %s)',
    async (mfa) => {
      // GIVEN
      const identity = template('SwitchRole-Identity');
      const users = graph.nodes.filter((n) => n.kind === 'user' && n.account === IDENTITY);
      expect(users.map((u) => u.label).sort()).toEqual(['alice', 'bob']);
      const mismatches: string[] = [];
      let allowed = 0;
      for (const user of users) {
        const caller = CallerIdentity.fromTemplate(identity.template, user.label, { account: IDENTITY });
        for (const role of awsTrustedRoles()) {
          // WHEN
          const result = await role.evaluator.assume(role.node.logicalId!, AssumeRequest.fromCaller(caller, { mfa }));
          const drawn = reaches(user.id, role.node.id, mfa ? bothSidesAllow : withoutMfa);
          // THEN
          if ((result.decision === TrustDecision.ALLOWED) !== drawn)
            mismatches.push(`${user.label} -> ${role.node.id}: evaluator ${result.decision}, graph ${drawn}`);
          if (result.decision === TrustDecision.ALLOWED) allowed++;
        }
      }
      expect(mismatches).toEqual([]);
      // alice: Admin and ReadOnly in 3 accounts; bob: ReadOnly in 3, Admin and Ec2Operator in dev.
      expect(allowed).toBe(mfa ? 11 : 0);
    },
  );

  test('the vendor: an edge from its account to a role exists exactly when the evaluator allows its role with the ExternalId', async () => {
    // GIVEN
    const vendorRole = `arn:aws:iam::${VENDOR}:role/auditor`;
    const mismatches: string[] = [];
    for (const role of awsTrustedRoles()) {
      // WHEN
      const result = await role.evaluator.assume(
        role.node.logicalId!,
        AssumeRequest.fromPrincipal(vendorRole, { externalId: 'cdk-sts-kit-demo-vendor-7f3a9c' }),
      );
      const drawn = graph.edges.some((e) => e.from === `account:${VENDOR}` && e.to === role.node.id);
      // THEN
      if ((result.decision === TrustDecision.ALLOWED) !== drawn)
        mismatches.push(`${role.node.id}: evaluator ${result.decision}, graph ${drawn}`);
    }
    expect(mismatches).toEqual([]);
    expect(
      graph.edges.filter((e) => e.from === `account:${VENDOR}`).map((e) => [e.to, e.demands.map((d) => d.text)]),
    ).toEqual([['role:444444444444/VendorAudit', ['ExternalId']]]);
  });

  test('GitHub: a party drawn for a subject reaches a role exactly when the evaluator allows a token with that subject', async () => {
    // GIVEN every subject the graph draws, and some it must not
    const drawnSubjects = graph.nodes
      .filter((n) => n.kind === 'github')
      .map((n) => `repo:${n.id.slice('github:'.length)}`);
    expect(drawnSubjects.sort()).toEqual([
      'repo:example-org/infrastructure:environment:dev',
      'repo:example-org/infrastructure:environment:prd',
      'repo:example-org/infrastructure:environment:stg',
      'repo:example-org/infrastructure:pull_request',
      'repo:example-org/infrastructure:ref:refs/heads/main',
    ]);
    const subjects = [
      ...drawnSubjects,
      'repo:example-org/other:environment:prd',
      'repo:example-org/infrastructure:ref:refs/heads/dev',
    ];
    const mismatches: string[] = [];
    let allowed = 0;
    for (const role of roles().filter((r) => r.template.stackName.startsWith('Federation-GitHubActions'))) {
      const evaluator = TrustEvaluator.fromTemplate(role.template.template, {
        account: role.template.account,
        evaluateFederatedClaims: true,
      });
      for (const subject of subjects) {
        // WHEN: a token of a job on main
        const request = AssumeRequest.webIdentity(`arn:aws:iam::${role.template.account}:oidc-provider/${GH}`, {
          audience: 'sts.amazonaws.com',
          subject,
          claims: [{ name: 'ref', values: ['refs/heads/main'] }],
        });
        const result = await evaluator.assume(role.node.logicalId!, request);
        const drawn = graph.edges.some(
          (e) => e.from === `github:${subject.slice('repo:'.length)}` && e.to === role.node.id,
        );
        // THEN
        if ((result.decision === TrustDecision.ALLOWED) !== drawn)
          mismatches.push(`${subject} -> ${role.node.id}: evaluator ${result.decision}, graph ${drawn}`);
        if (result.decision === TrustDecision.ALLOWED) allowed++;
      }
    }
    expect(mismatches).toEqual([]);
    expect(allowed).toBe(9); // per account: the deploy role for its environment, the diff role for pull requests and main
  });

  test('SAML and EKS: a provider or service account reaches a role exactly when the evaluator allows a request that meets the drawn demands', async () => {
    // GIVEN requests that meet every demand drawn on their edges (audience, subject format, session tag keys)
    const saml = template('Federation-SamlConsole');
    const eks = template('Federation-EksWorkload');
    const issuer = 'oidc.eks.us-east-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE';
    const cases = [
      {
        template: saml,
        from: 'saml-provider:111111111111/CorporateIdp',
        request: AssumeRequest.saml('arn:aws:iam::111111111111:saml-provider/CorporateIdp', {
          audience: 'https://signin.aws.amazon.com/saml',
          subjectType: 'persistent',
        }),
      },
      {
        template: eks,
        from: `eks:${issuer.toLowerCase().split('/id/')[1]}:system:serviceaccount:shop:checkout`,
        request: AssumeRequest.webIdentity(`arn:aws:iam::222222222222:oidc-provider/${issuer}`, {
          audience: 'sts.amazonaws.com',
          subject: 'system:serviceaccount:shop:checkout',
        }),
      },
      {
        template: eks,
        from: 'eks:none',
        request: AssumeRequest.webIdentity(`arn:aws:iam::222222222222:oidc-provider/${issuer}`, {
          audience: 'sts.amazonaws.com',
          subject: 'system:serviceaccount:shop:other',
        }),
      },
    ];
    const mismatches: string[] = [];
    let allowed = 0;
    for (const c of cases) {
      const evaluator = TrustEvaluator.fromTemplate(c.template.template, {
        account: c.template.account,
        evaluateFederatedClaims: true,
      });
      for (const role of roles().filter((r) => r.template === c.template)) {
        // WHEN
        const result = await evaluator.assume(role.node.logicalId!, c.request);
        const drawn = graph.edges.some((e) => e.from === c.from && e.to === role.node.id);
        // THEN
        if ((result.decision === TrustDecision.ALLOWED) !== drawn)
          mismatches.push(`${c.from} -> ${role.node.id}: evaluator ${result.decision}, graph ${drawn}`);
        if (result.decision === TrustDecision.ALLOWED) allowed++;
      }
    }
    expect(mismatches).toEqual([]);
    expect(allowed).toBe(3); // SamlReadOnly, SamlAdmins, the IRSA role
  });

  test("Cognito: the pool's signed-in users and guests reach a role exactly when the evaluator allows a token of that pool with that amr", async () => {
    // GIVEN the id the example's identity pool will have (its Ref, unknown before deployment, given as `refs`)
    const cognito = template('Federation-CognitoApp');
    const resources = (cognito.template as any).Resources as Record<string, { Type: string }>;
    const [poolLogicalId] = Object.keys(resources).filter((id) => resources[id].Type === 'AWS::Cognito::IdentityPool');
    const poolId = `${cognito.region}:11111111-2222-3333-4444-555555555555`;
    const evaluator = TrustEvaluator.fromTemplate(cognito.template, {
      account: cognito.account,
      region: cognito.region,
      refs: [{ resource: poolLogicalId, value: poolId }],
    });
    const token = (audience: string, amr: string) =>
      AssumeRequest.webIdentity('cognito-identity.amazonaws.com', {
        audience,
        claims: [{ name: 'amr', values: [amr] }],
      });
    const mismatches: string[] = [];
    let allowed = 0;
    for (const role of roles().filter((r) => r.template === cognito)) {
      for (const amr of ['authenticated', 'unauthenticated']) {
        // WHEN
        const result = await evaluator.assume(role.node.logicalId!, token(poolId, amr));
        const drawn = graph.edges.some(
          (e) => e.from === `cognito:${cognito.account}/CognitoApp:${amr}` && e.to === role.node.id,
        );
        // THEN
        if ((result.decision === TrustDecision.ALLOWED) !== drawn)
          mismatches.push(`${amr} -> ${role.node.id}: evaluator ${result.decision}, graph ${drawn}`);
        if (result.decision === TrustDecision.ALLOWED) allowed++;
        // AND a token of another pool is denied, as no edge comes from one
        const other = await evaluator.assume(
          role.node.logicalId!,
          token(`${cognito.region}:99999999-0000-0000-0000-000000000000`, amr),
        );
        expect([role.node.id, amr, other.decision]).toEqual([role.node.id, amr, TrustDecision.DENIED]);
      }
    }
    expect(mismatches).toEqual([]);
    expect(allowed).toBe(3); // signed-in users: the default role and the admins' mapped role; guests: the guest role
  });

  test('edges carry what the trust demands: MFA for people, ExternalId for the vendor, audience and ref for GitHub', () => {
    const edge = (from: string, to: string) => graph.edges.find((e) => e.from === from && e.to === to)!;
    expect(edge('group:111111111111/Admins', 'role:444444444444/Admin')).toMatchObject({
      identity: 'allowed',
      demands: [{ key: 'mfa', text: 'MFA' }],
    });
    expect(edge('user:111111111111/alice', 'group:111111111111/Admins').kind).toBe('member');
    expect(
      edge('github:example-org/infrastructure:environment:prd', 'role:444444444444/github-deploy-prd').demands.map(
        (d) => d.text,
      ),
    ).toEqual(['aud sts.amazonaws.com', 'ref refs/heads/main']);
    expect(edge(`oidc-provider:${GH}`, 'github:example-org/infrastructure:environment:prd').kind).toBe('via');
  });
});
