import { App, Stack, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import { CrossAccountRole, StsLimits, SwitchRoleGroup, TrustedParty } from '../../lib';
import { policyLength } from '../../lib/trust/policy-size';

function setup() {
  const app = new App();
  const dev = new Stack(app, 'Dev', { env: { account: '222222222222', region: 'us-east-1' } });
  const hub = new Stack(app, 'Hub', { env: { account: '111111111111', region: 'us-east-1' } });
  const admin = new CrossAccountRole(dev, 'Admin', {
    roleName: 'Admin',
    trustedParties: [TrustedParty.account('111111111111')],
  });
  const readOnly = new CrossAccountRole(dev, 'ReadOnly', {
    roleName: 'ReadOnly',
    trustedParties: [TrustedParty.account('111111111111')],
  });
  return { app, dev, hub, admin, readOnly };
}

const devRoleArn = (name: string) => ({
  'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:iam::222222222222:role/${name}`]],
});

describe('SwitchRoleGroup', () => {
  test('given roles in another account, a customer-managed policy on the group allows sts:AssumeRole on exactly those ARNs with MFA', () => {
    const { hub, admin, readOnly } = setup();
    new SwitchRoleGroup(hub, 'Admins', { groupName: 'Admins', roles: [admin, readOnly] });
    const t = Template.fromStack(hub);
    t.hasResourceProperties('AWS::IAM::Group', { GroupName: 'Admins' });
    t.hasResourceProperties('AWS::IAM::ManagedPolicy', {
      Groups: [{ Ref: Match.stringLikeRegexp('^Admins') }],
      PolicyDocument: {
        Statement: [
          {
            Action: 'sts:AssumeRole',
            Effect: 'Allow',
            Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } },
            Resource: [devRoleArn('Admin'), devRoleArn('ReadOnly')],
          },
        ],
      },
    });
    t.resourceCountIs('AWS::IAM::Policy', 0); // nothing inline
  });

  test('requireMfa false drops the condition; allowAssume adds a role once', () => {
    const { hub, admin } = setup();
    const g = new SwitchRoleGroup(hub, 'G', { requireMfa: false });
    g.allowAssume(admin);
    g.allowAssume(admin);
    expect(g.assumableRoleArns).toHaveLength(1);
    Template.fromStack(hub).hasResourceProperties('AWS::IAM::ManagedPolicy', {
      PolicyDocument: {
        Statement: [Match.objectEquals({ Action: 'sts:AssumeRole', Effect: 'Allow', Resource: devRoleArn('Admin') })],
      },
    });
  });

  test('a wildcard role ARN is refused, naming the path and the value', () => {
    const { hub } = setup();
    const g = new SwitchRoleGroup(hub, 'G');
    expect(() => g.allowAssume(iam.Role.fromRoleArn(hub, 'Any', 'arn:aws:iam::222222222222:role/*'))).toThrow(
      "Hub/G: invalid assumable role ARN: received 'arn:aws:iam::222222222222:role/*'; expected the ARN of one IAM role",
    );
    expect(() => g.allowAssume(iam.Role.fromRoleArn(hub, 'Pattern', 'arn:aws:iam::222222222222:role/Adm*'))).toThrow(
      /received 'arn:aws:iam::222222222222:role\/Adm\*'/,
    );
  });

  test('a group that may assume nothing fails synth', () => {
    const { hub } = setup();
    new SwitchRoleGroup(hub, 'Empty');
    expect(() => Template.fromStack(hub)).toThrow(/Hub\/Empty: the group may assume no role/);
  });

  test('group names: 128 characters pass, 129 throw', () => {
    expect(() => new SwitchRoleGroup(setup().hub, 'G', { groupName: 'g'.repeat(128) })).not.toThrow();
    expect(() => new SwitchRoleGroup(setup().hub, 'G', { groupName: 'g'.repeat(129) })).toThrow(
      /Hub\/G: invalid group name/,
    );
  });

  test('addUser puts a user in the group', () => {
    const { hub, admin } = setup();
    const g = new SwitchRoleGroup(hub, 'G', { roles: [admin] });
    g.addUser(new iam.User(hub, 'U', { userName: 'u' }));
    Template.fromStack(hub).hasResourceProperties('AWS::IAM::User', {
      Groups: [{ Ref: Match.stringLikeRegexp('^G') }],
    });
  });
});

describe('SwitchRoleGroup under the managed-policy quota', () => {
  const accountId = (i: number) => String(200000000000 + i);

  /** `accounts` x `names` roles imported by ARN (as the identity account sees roles rolled out elsewhere). */
  function group(accounts: number, names: string[], arn = (a: string, n: string) => `arn:aws:iam::${a}:role/${n}`) {
    const hub = new Stack(new App(), 'Hub', { env: { account: '111111111111', region: 'us-east-1' } });
    const roles: iam.IRole[] = [];
    for (let a = 0; a < accounts; a++) {
      for (const name of names)
        roles.push(iam.Role.fromRoleArn(hub, `${name}${a}`, arn(accountId(a), name), { mutable: false }));
    }
    const g = new SwitchRoleGroup(hub, 'Admins', { groupName: 'Admins', roles });
    return { hub, g, roles };
  }

  function policiesOf(hub: Stack): any[] {
    return Object.values(Template.fromStack(hub).findResources('AWS::IAM::ManagedPolicy')).map(
      (p: any) => p.Properties,
    );
  }

  /** The (account, role name) pairs a compact or expanded statement admits. */
  function admitted(statements: any[]): string[] {
    const pairs: string[] = [];
    for (const st of statements) {
      const resources = [st.Resource].flat();
      const accounts = [st.Condition?.StringEquals?.['aws:ResourceAccount'] ?? []].flat();
      for (const r of resources) {
        const m = /^arn:aws:iam::(\d{12}|\*):role\/(.+)$/.exec(r);
        if (!m) throw new Error(`unexpected resource ${JSON.stringify(r)}`);
        for (const account of m[1] === '*' ? accounts : [m[1]]) pairs.push(`${account}/${m[2]}`);
      }
    }
    return pairs.sort();
  }

  test('300 roles (60 accounts x 5 names) fit one policy under 6,144 characters, naming the same roles by name and aws:ResourceAccount', () => {
    // GIVEN / WHEN
    const { hub, g } = group(60, ['Admin', 'ReadOnly', 'Deploy', 'Audit', 'Billing']);
    // THEN
    const policies = policiesOf(hub);
    expect(policies).toHaveLength(1);
    expect(g.policies).toHaveLength(1);
    const length = policyLength(policies[0].PolicyDocument).length;
    expect(length).toBeLessThanOrEqual(StsLimits.MANAGED_POLICY_MAX_LENGTH);
    const statements = policies[0].PolicyDocument.Statement;
    expect(statements[0]).toEqual({
      Action: 'sts:AssumeRole',
      Condition: {
        Bool: { 'aws:MultiFactorAuthPresent': 'true' },
        StringEquals: { 'aws:ResourceAccount': Array.from({ length: 60 }, (_, i) => accountId(i)) },
      },
      Effect: 'Allow',
      Resource: ['Admin', 'ReadOnly', 'Deploy', 'Audit', 'Billing'].map((n) => `arn:aws:iam::*:role/${n}`),
    });
    const expected = Array.from({ length: 60 }, (_, a) =>
      ['Admin', 'ReadOnly', 'Deploy', 'Audit', 'Billing'].map((n) => `${accountId(a)}/${n}`),
    )
      .flat()
      .sort();
    expect(admitted(statements)).toEqual(expected);
  });

  test('300 roles of 300 accounts with distinct names are listed by ARN and spread over policies that each fit', () => {
    // GIVEN / WHEN
    const names = Array.from({ length: 300 }, (_, i) => `Role${i}`);
    const hub = new Stack(new App(), 'Hub', { env: { account: '111111111111', region: 'us-east-1' } });
    const roles = names.map((n, i) =>
      iam.Role.fromRoleArn(hub, n, `arn:aws:iam::${accountId(i)}:role/${n}`, { mutable: false }),
    );
    const g = new SwitchRoleGroup(hub, 'Admins', { groupName: 'Admins', roles });
    // THEN
    const policies = policiesOf(hub);
    expect(policies.length).toBeGreaterThan(1);
    expect(policies.length).toBeLessThanOrEqual(StsLimits.MANAGED_POLICIES_PER_IDENTITY);
    expect(g.policies).toHaveLength(policies.length);
    for (const p of policies) {
      expect(policyLength(p.PolicyDocument).length).toBeLessThanOrEqual(StsLimits.MANAGED_POLICY_MAX_LENGTH);
      expect(p.Groups).toEqual([{ Ref: expect.stringMatching(/^Admins/) }]);
    }
    const all = policies.flatMap((p) => p.PolicyDocument.Statement);
    expect(admitted(all)).toEqual(names.map((n, i) => `${accountId(i)}/${n}`).sort());
    for (const st of all) expect(st.Condition).toEqual({ Bool: { 'aws:MultiFactorAuthPresent': 'true' } });
  });

  test('AwsSolutions accepts the compact form: its role-name patterns are acknowledged with the reason (narrowed by aws:ResourceAccount)', () => {
    // GIVEN
    const app = new App();
    const hub = new Stack(app, 'Hub', { env: { account: '111111111111', region: 'us-east-1' } });
    const roles = Array.from({ length: 60 }, (_, a) =>
      ['Admin', 'ReadOnly'].map((n) =>
        iam.Role.fromRoleArn(hub, `${n}${a}`, `arn:aws:iam::${accountId(a)}:role/${n}`, { mutable: false }),
      ),
    ).flat();
    new SwitchRoleGroup(hub, 'Admins', { roles });
    Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
    // WHEN / THEN
    expect(() => app.synth()).not.toThrow();
  });

  test('roles of other stacks (ARNs with the partition as a reference) compact with the partition kept', () => {
    // GIVEN
    const app = new App();
    const hub = new Stack(app, 'Hub', { env: { account: '111111111111', region: 'us-east-1' } });
    const roles: iam.IRole[] = [];
    for (let a = 0; a < 70; a++) {
      const member = new Stack(app, `Member${a}`, { env: { account: accountId(a), region: 'us-east-1' } });
      for (const name of ['Admin', 'ReadOnly']) {
        roles.push(
          new CrossAccountRole(member, name, {
            roleName: name,
            trustedParties: [TrustedParty.account('111111111111')],
          }),
        );
      }
    }
    // WHEN
    new SwitchRoleGroup(hub, 'Admins', { roles });
    // THEN
    const [policy] = policiesOf(hub);
    expect(policyLength(policy.PolicyDocument).length).toBeLessThanOrEqual(StsLimits.MANAGED_POLICY_MAX_LENGTH);
    expect(policy.PolicyDocument.Statement).toEqual([
      {
        Action: 'sts:AssumeRole',
        Condition: {
          Bool: { 'aws:MultiFactorAuthPresent': 'true' },
          StringEquals: { 'aws:ResourceAccount': Array.from({ length: 70 }, (_, i) => accountId(i)) },
        },
        Effect: 'Allow',
        Resource: ['Admin', 'ReadOnly'].map((n) => ({
          'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:iam::*:role/${n}`]],
        })),
      },
    ]);
  });

  test('a group whose role ARNs fit one statement lists them all by ARN (the last size that fits)', () => {
    // GIVEN / WHEN: 153 ARNs of 36 characters (quoted, with commas) and the statement around them fit 6,144; 154 do not
    const small = group(153, ['Admin']);
    const large = group(154, ['Admin']);
    // THEN: 153 exact ARNs in one statement, within the quota; 154 are written by name and aws:ResourceAccount
    const [smallPolicy] = policiesOf(small.hub);
    expect(smallPolicy.PolicyDocument.Statement).toHaveLength(1);
    expect(smallPolicy.PolicyDocument.Statement[0].Resource).toEqual(
      Array.from({ length: 153 }, (_, a) => `arn:aws:iam::${accountId(a)}:role/Admin`),
    );
    expect(policyLength(smallPolicy.PolicyDocument).length).toBeLessThanOrEqual(StsLimits.MANAGED_POLICY_MAX_LENGTH);
    const [largeStatement] = policiesOf(large.hub)[0].PolicyDocument.Statement;
    expect(largeStatement.Resource).toBe('arn:aws:iam::*:role/Admin');
    expect(largeStatement.Condition.StringEquals['aws:ResourceAccount']).toHaveLength(154);
  });

  test('roles added after the policies were read join the one expanded statement', () => {
    // GIVEN a group laid out once (policies read), then given two more roles
    const { hub, g } = group(2, ['Admin']);
    expect(g.policies).toHaveLength(1);
    g.allowAssume(iam.Role.fromRoleArn(hub, 'Late1', 'arn:aws:iam::299999999999:role/Late', { mutable: false }));
    g.allowAssume(iam.Role.fromRoleArn(hub, 'Late2', 'arn:aws:iam::299999999998:role/Late', { mutable: false }));
    // WHEN synthesized  THEN one statement holds all four ARNs
    const statements = policiesOf(hub)[0].PolicyDocument.Statement;
    expect(statements).toHaveLength(1);
    expect(statements[0].Resource).toEqual([
      `arn:aws:iam::${accountId(0)}:role/Admin`,
      `arn:aws:iam::${accountId(1)}:role/Admin`,
      'arn:aws:iam::299999999999:role/Late',
      'arn:aws:iam::299999999998:role/Late',
    ]);
  });

  test('a group laid out by ARN that then grows past the quota is written in the compact form only', () => {
    // GIVEN a group laid out once with two roles (policies read), then given 200 more
    const { hub, g } = group(2, ['Admin']);
    expect(g.policies).toHaveLength(1);
    for (let a = 2; a < 202; a++) {
      g.allowAssume(
        iam.Role.fromRoleArn(hub, `More${a}`, `arn:aws:iam::${accountId(a)}:role/Admin`, { mutable: false }),
      );
    }
    // WHEN synthesized  THEN one compact statement admits exactly the 202 roles; no ARN statement is left over
    const statements = policiesOf(hub).flatMap((p) => p.PolicyDocument.Statement);
    expect(statements).toHaveLength(1);
    expect(statements[0].Resource).toBe('arn:aws:iam::*:role/Admin');
    expect(admitted(statements)).toEqual(Array.from({ length: 202 }, (_, a) => `${accountId(a)}/Admin`).sort());
  });

  test('more roles than 10 policies can hold fail at synth, naming the construct, the size and the quota', () => {
    // GIVEN
    const hub = new Stack(new App(), 'Hub', { env: { account: '111111111111', region: 'us-east-1' } });
    const g = new SwitchRoleGroup(hub, 'Admins');
    // WHEN / THEN
    for (let i = 0; i < 2000; i++)
      g.allowAssume(
        iam.Role.fromRoleArn(hub, `R${i}`, `arn:aws:iam::${accountId(i)}:role/Role${i}`, { mutable: false }),
      );
    expect(() => Template.fromStack(hub)).toThrow(
      /^Hub\/Admins: invalid sts:AssumeRole permissions size: received '\d+ characters for \d+ roles \(\d+ as one statement listing every ARN\)'; expected at most 10 managed policies \(StsLimits.MANAGED_POLICIES_PER_IDENTITY\) of 6144 characters each/,
    );
  });
});
