/**
 * Builds the trust graph of an app's templates over the one IAM model (lib/private/iam): roles and their trust
 * (who may assume them, on what conditions), identities and their own policies (whether the caller's side allows
 * the call too), web identity subjects and SAML providers as parties.
 */
import { GraphBuilder } from './collector';
import { Demand, GraphNode, IdentitySide, NodeKind, TrustGraph } from './graph';
import { demandsOf, mergeDemands } from './demands';
import { TemplateIdentity, templateIdentities } from './identities';
import { clauseValues, identityPoolName, partyOf, samlProviderName } from './parties';
import { AdmittedParty, admittedParties } from '../private/iam/accounts';
import { cognitoRoleUse } from '../private/iam/attachments';
import { allowsAction, PolicyStatement } from '../private/iam/policy';
import {
  AccountKind,
  claimClauses,
  federatedPrincipalsOf,
  FederatedKind,
  FederatedPrincipalInfo,
  subjectClaims,
} from '../private/iam/principals';
import { IamTemplate } from '../private/iam/template';
import { trustVariants } from '../private/iam/trust';
import { isUnresolvedText, parseArn, referenceOf, wildcardMatch } from '../private/iam/text';
import { textOf } from '../private/iam/values';

/** A template to draw. */
export interface GraphSource {
  /** File path or stack id (as `checkTemplates` names it: findings are matched by this name). */
  readonly name: string;
  readonly template: unknown;
  /** The stack's name, for symbolic accounts of templates whose account is not known. */
  readonly stackName?: string;
  /** The 12-digit account the template deploys to, when known. */
  readonly account?: string;
  readonly region?: string;
}

/** Options of `buildTrustGraph`. */
export interface BuildOptions {
  /** Short names of accounts (`444444444444` -> `prd`). */
  readonly accountNames?: ReadonlyMap<string, string>;
}

const ASSUME_ACTIONS = ['sts:AssumeRole', 'sts:AssumeRoleWithWebIdentity', 'sts:AssumeRoleWithSAML'];

interface Loaded {
  readonly source: GraphSource;
  readonly template: IamTemplate;
  readonly account: string;
  readonly partition: string;
  readonly identities: TemplateIdentity[];
}

interface RoleInfo {
  readonly node: GraphNode;
  readonly arn: string;
  readonly loaded: Loaded;
  readonly identity: TemplateIdentity;
}

function partitionOf(region: string | undefined): string {
  if (region?.startsWith('cn-')) return 'aws-cn';
  if (region?.startsWith('us-gov-')) return 'aws-us-gov';
  return 'aws';
}

/** The graph of templates. Never throws on a template it does not understand: what it cannot read draws nothing. */
export function buildTrustGraph(sources: readonly GraphSource[], options: BuildOptions = {}): TrustGraph {
  const names = options.accountNames ?? new Map<string, string>();
  const loaded: Loaded[] = sources.map((source) => {
    const account = source.account ?? `stack:${source.stackName ?? source.name}`;
    const partition = partitionOf(source.region);
    const template = IamTemplate.fromJson(source.template, {
      name: source.name,
      environment: { account: source.account, region: source.region, partition: source.region ? partition : undefined },
    });
    return { source, template, account, partition, identities: templateIdentities(template) };
  });
  const g = new GraphBuilder(names);
  for (const l of loaded)
    g.ownAccount(l.account, l.source.account === undefined ? (l.source.stackName ?? l.source.name) : undefined);

  // Identity nodes of every template (added to the graph only when an edge uses them).
  const identityNodes = new Map<TemplateIdentity, GraphNode>();
  const roles: RoleInfo[] = [];
  for (const l of loaded) {
    for (const identity of l.identities) {
      const node: GraphNode = {
        id: `${identity.kind}:${l.account}/${identity.name}`,
        kind: identity.kind,
        label: identity.name,
        account: l.account,
        template: l.source.name,
        logicalId: identity.resource.logicalId,
      };
      identityNodes.set(identity, node);
      if (identity.kind === 'role') {
        const path = textOf(l.template.values.variants(identity.resource.properties.Path ?? '/')[0]?.value);
        const rolePath = path && !isUnresolvedText(path) ? path : '/';
        roles.push({
          node,
          arn: `arn:${l.partition}:iam::${l.account}:role${rolePath}${identity.name}`,
          loaded: l,
          identity,
        });
        g.node(node);
      }
    }
  }

  const grantsOf = (caller: Loaded, identity: TemplateIdentity, role: RoleInfo, action: string) =>
    identityAllows(caller, identity, role, action);

  for (const role of roles) {
    const l = role.loaded;
    // The effective trust (Deny guards folded in), every reachable variant.
    const statements = trustVariants(l.template, role.identity.resource).flatMap((v) => v.allow);
    for (const st of statements) {
      const actions = ASSUME_ACTIONS.filter((a) => allowsAction(st, a));
      if (actions.length === 0) continue;
      for (const party of admittedParties(st, l.template)) awsParty(party);
      for (const p of st.principals.filter((x) => x.type === 'Service')) {
        const id = `service:${p.text}`;
        g.node({ id, kind: 'service', label: p.text });
        g.edge({
          from: id,
          to: role.node.id,
          kind: 'assume',
          actions,
          demands: demandsOf(st),
          identity: 'not-needed',
          findings: [],
        });
      }
      for (const info of federatedPrincipalsOf(st, l.template)) federated(info, st, actions);

      function awsParty(party: AdmittedParty): void {
        const text = party.text;
        const demands = demandsOf(st, { omitKeys: party.via === 'Principal' ? [] : [party.via.toLowerCase()] });
        const account = party.account.kind === AccountKind.STACK ? l.account : party.account.id;
        if (party.account.kind === AccountKind.ANY) {
          const id = text === '*' ? 'anyone' : `principal:${text}`;
          g.node({ id, kind: 'anyone', label: text === '*' ? 'anyone (*)' : `any account: ${text}` });
          g.edge({ from: id, to: role.node.id, kind: 'assume', actions, demands, identity: 'unknown', findings: [] });
          return;
        }
        const arn = parseArn(text);
        const ref = referenceOf(text);
        if (!party.concrete && account !== undefined) {
          // An account (root, bare id, aws:PrincipalAccount), or a pattern of principals of one account.
          const pattern = arn && arn.resource !== 'root' ? text : undefined;
          admitAccount(account, demands, pattern);
          return;
        }
        // One named principal: a user or role of the templates, or one outside them.
        let target: { loaded: Loaded; identity: TemplateIdentity } | undefined;
        if (ref?.attribute === 'Arn') {
          const identity = l.identities.find((i) => i.resource.logicalId === ref.logicalId);
          if (identity) target = { loaded: l, identity };
        } else if (arn && account !== undefined) {
          const m = /^(user|role)\/(?:.*\/)?([^/]+)$/.exec(arn.resource);
          if (m) {
            for (const other of loaded.filter((o) => o.account === account)) {
              const identity = other.identities.find((i) => i.kind === m[1] && i.name === m[2]);
              if (identity) target = { loaded: other, identity };
            }
          }
        }
        if (target) {
          const node = identityNodes.get(target.identity)!;
          g.node(node);
          const same = target.loaded.account === l.account;
          const grant = grantsOf(target.loaded, target.identity, role, actions[0]);
          const identity: IdentitySide = same ? 'not-needed' : grant ? 'allowed' : 'not-granted';
          g.edge({
            from: node.id,
            to: role.node.id,
            kind: 'assume',
            actions,
            demands: mergeDemands(demands, grant ?? []),
            identity,
            findings: [],
          });
          return;
        }
        const m = arn ? /^(user|role|assumed-role)\/(?:.*\/)?([^/]+)$/.exec(arn.resource) : null;
        if (m && account !== undefined) {
          const kind: NodeKind = m[1] === 'user' ? 'user' : 'role';
          const id = `${kind}:${account}/${m[2]}`;
          g.foreignAccount(account);
          g.node({ id, kind, label: m[2], account });
          g.edge({ from: id, to: role.node.id, kind: 'assume', actions, demands, identity: 'unknown', findings: [] });
          return;
        }
        const id = `principal:${text}`;
        g.node({ id, kind: 'account', label: `principal ${text}` });
        g.edge({ from: id, to: role.node.id, kind: 'assume', actions, demands, identity: 'unknown', findings: [] });
      }

      function admitAccount(account: string, trustDemands: Demand[], arnPattern?: string): void {
        const own = loaded.filter((o) => o.account === account);
        // the account itself may assume: its identities are not in the app (unknown) or none is granted
        const accountEdge = (identity: 'unknown' | 'not-granted') =>
          g.edge({
            from: g.accountNode(account),
            to: role.node.id,
            kind: 'assume',
            actions,
            demands: trustDemands,
            identity,
            findings: [],
          });
        if (own.length === 0) {
          g.foreignAccount(account);
          accountEdge('unknown');
          return;
        }
        let granted = false;
        for (const caller of own) {
          for (const identity of caller.identities) {
            if (identity === role.identity) continue;
            if (
              arnPattern !== undefined &&
              !wildcardMatch(
                arnPattern.replace(/\{\{AWS\.Partition\}\}/g, caller.partition),
                identityArn(caller, identity),
              )
            )
              continue;
            const grant = grantsOf(caller, identity, role, 'sts:AssumeRole');
            if (!grant) continue;
            granted = true;
            const node = identityNodes.get(identity)!;
            g.node(node);
            g.edge({
              from: node.id,
              to: role.node.id,
              kind: 'assume',
              actions,
              demands: mergeDemands(trustDemands, grant),
              identity: 'allowed',
              findings: [],
            });
          }
        }
        if (!granted) accountEdge('not-granted');
      }

      function federated(info: FederatedPrincipalInfo, statement: PolicyStatement, stActions: string[]): void {
        const action =
          info.kind === FederatedKind.SAML ? ['sts:AssumeRoleWithSAML'] : ['sts:AssumeRoleWithWebIdentity'];
        const edgeActions = stActions.filter((a) => action.includes(a));
        if (edgeActions.length === 0) return;
        if (info.kind === FederatedKind.SAML) {
          const name = samlProviderName(l.template, info.text);
          const id = `saml-provider:${l.account}/${name}`;
          const samlRef = referenceOf(info.text);
          g.node({
            id,
            kind: 'saml-provider',
            label: `SAML ${name}`,
            account: l.account,
            ...(samlRef && l.template.resource(samlRef.logicalId)
              ? { template: l.source.name, logicalId: samlRef.logicalId }
              : {}),
          });
          g.edge({
            from: id,
            to: role.node.id,
            kind: 'assume',
            actions: edgeActions,
            demands: demandsOf(statement),
            identity: 'not-needed',
            findings: [],
          });
          return;
        }
        if (info.kind === FederatedKind.COGNITO) {
          const aud = clauseValues(statement.conditions, `${info.issuer}:aud`);
          const amr = clauseValues(statement.conditions, `${info.issuer}:amr`);
          for (const pool of aud.length > 0 ? aud : ['any pool']) {
            const poolName = identityPoolName(l.template, pool);
            const poolId = `identity-pool:${l.account}/${poolName}`;
            const poolRef = referenceOf(pool);
            g.node({
              id: poolId,
              kind: 'identity-pool',
              label: `identity pool ${poolName}`,
              account: l.account,
              ...(poolRef && l.template.resource(poolRef.logicalId)
                ? { template: l.source.name, logicalId: poolRef.logicalId }
                : {}),
            });
            for (const who of amr.length > 0 ? amr : ['*']) {
              const label =
                who === 'unauthenticated'
                  ? 'guests (unauthenticated)'
                  : who === 'authenticated'
                    ? 'authenticated users'
                    : `identities with amr ${who}`;
              const partyId = `cognito:${l.account}/${poolName}:${who}`;
              g.node({ id: partyId, kind: 'cognito', label, account: l.account });
              g.edge({ from: poolId, to: partyId, kind: 'via', demands: [], identity: 'not-needed', findings: [] });
              // A role the pool hands out only through a role mapping rule (cognito:groups, a claim) says so.
              const use = cognitoRoleUse(l.template, role.identity.resource);
              const mapping: Demand[] =
                use.mapped && !use.authenticated && !use.guest
                  ? [{ key: 'other', text: 'through a role mapping rule' }]
                  : [];
              g.edge({
                from: partyId,
                to: role.node.id,
                kind: 'assume',
                actions: edgeActions,
                identity: 'not-needed',
                findings: [],
                demands: [
                  ...demandsOf(statement, { omitKeys: [`${info.issuer}:aud`, `${info.issuer}:amr`] }),
                  ...mapping,
                ],
              });
            }
          }
          return;
        }
        // OIDC and the other web identity providers: one party per subject the trust admits.
        const issuer = info.issuer ?? 'unknown issuer';
        const idp = `oidc-provider:${issuer}`;
        g.node({ id: idp, kind: 'oidc-provider', label: issuer });
        const claims = subjectClaims(info);
        const subjectClauses = claimClauses(statement, info, claims).filter((c) => !c.negated);
        const subjectKeys = subjectClauses.map((c) => c.keyLower);
        const subjects = subjectClauses.flatMap((c) =>
          c.values.map((v) => ({ claim: c.keyLower.slice(c.keyLower.lastIndexOf(':') + 1), value: v })),
        );
        const parties = subjects.length > 0 ? subjects : [{ claim: 'sub', value: '*' }];
        for (const s of parties) {
          const party = partyOf(info, issuer, s.claim, s.value);
          g.node(party);
          g.edge({ from: idp, to: party.id, kind: 'via', demands: [], identity: 'not-needed', findings: [] });
          g.edge({
            from: party.id,
            to: role.node.id,
            kind: 'assume',
            actions: edgeActions,
            identity: 'not-needed',
            findings: [],
            demands: demandsOf(statement, { omitKeys: subjectKeys }),
          });
        }
      }
    }
  }

  // Roles outside the templates that identities of the templates may assume (the CDK's bootstrap roles, roles of
  // other apps, `*`): the identity side is known, the trust is not; a path does not end where the templates do.
  for (const l of loaded) {
    for (const identity of l.identities) {
      for (const st of identity.statements) {
        if (st.effect !== 'Allow' || st.hasNotResource || !allowsAction(st, 'sts:AssumeRole')) continue;
        for (const pattern of st.resources) {
          if (referenceOf(pattern)) continue; // a role of this template: drawn from its trust
          const text = pattern
            .replace(/\{\{AWS\.Partition\}\}/g, l.partition)
            .replace(/\{\{AWS\.AccountId\}\}/g, l.account);
          if (isUnresolvedText(text)) continue;
          const wild = /[*?]/.test(text);
          if (!wild && roles.some((r) => wildcardMatch(text, r.arn))) continue;
          const arn = parseArn(text);
          if (text !== '*' && (!arn || arn.service !== 'iam' || !/^role\//.test(arn.resource))) continue;
          const name = arn ? /^role\/(?:.*\/)?([^/]+)$/.exec(arn.resource)?.[1] : undefined;
          const account = arn && /^\d{12}$/.test(arn.account) ? arn.account : undefined;
          let node: GraphNode;
          if (!wild && name && account) {
            node = { id: `role:${account}/${name}`, kind: 'role', label: name, account, outside: true };
            if (!loaded.some((o) => o.account === account)) g.foreignAccount(account);
          } else {
            node = {
              id: `roles:${text}`,
              kind: 'role',
              outside: true,
              label:
                text === '*'
                  ? 'any role (*)'
                  : `${roles.some((r) => wildcardMatch(text, r.arn)) ? 'other ' : ''}roles matching ${text}`,
            };
          }
          g.node(node);
          const from = identityNodes.get(identity)!;
          g.node(from);
          g.edge({
            from: from.id,
            to: node.id,
            kind: 'assume',
            actions: ['sts:AssumeRole'],
            identity: 'allowed',
            findings: [],
            demands: [...demandsOf(st), { key: 'other', text: 'trust not in these templates' }],
          });
        }
      }
    }
  }

  // Members of the groups that may assume something.
  for (const l of loaded) {
    for (const user of l.identities.filter((i) => i.kind === 'user')) {
      for (const groupResource of user.groups) {
        const group = l.identities.find((i) => i.resource === groupResource);
        if (!group) continue;
        const groupNode = identityNodes.get(group)!;
        if (!g.hasOutgoing(groupNode.id)) continue;
        const userNode = identityNodes.get(user)!;
        g.node(userNode);
        g.edge({
          from: userNode.id,
          to: groupNode.id,
          kind: 'member',
          demands: [],
          identity: 'not-needed',
          findings: [],
        });
      }
    }
  }
  return g.build();

  /** The demands of the identity side when an identity's own policies allow `action` on the role, else undefined. */
  function identityAllows(
    caller: Loaded,
    identity: TemplateIdentity,
    role: RoleInfo,
    action: string,
  ): Demand[] | undefined {
    const matches = (patterns: string[]) => patterns.some((p) => resourceMatches(caller, p, role));
    const allows = identity.statements.filter(
      (s) => s.effect === 'Allow' && allowsAction(s, action) && (s.hasNotResource || matches(s.resources)),
    );
    if (allows.length === 0) return undefined;
    const demands = allows.map((s) => demandsOf(s)).sort((a, b) => a.length - b.length)[0];
    const denies = identity.statements.filter(
      (s) =>
        s.effect === 'Deny' &&
        (s.hasNotAction
          ? !s.notActions.some((p) => wildcardMatch(p, action))
          : s.actions.some((p) => wildcardMatch(p, action))) &&
        matches(s.resources),
    );
    for (const d of denies) {
      if (d.conditions.length === 0) return undefined;
      const mfaGuard = d.conditions.every(
        (c) => c.keyLower === 'aws:multifactorauthpresent' && c.values.every((v) => v.toLowerCase() === 'false'),
      );
      if (mfaGuard) demands.unshift({ key: 'mfa', text: 'MFA' });
    }
    return mergeDemands(demands, []);
  }

  /** Whether an identity policy's Resource names the role. */
  function resourceMatches(caller: Loaded, pattern: string, role: RoleInfo): boolean {
    const ref = referenceOf(pattern);
    if (ref?.attribute === 'Arn') return caller === role.loaded && role.identity.resource.logicalId === ref.logicalId;
    const text = pattern
      .replace(/\{\{AWS\.Partition\}\}/g, role.loaded.partition)
      .replace(/\{\{AWS\.AccountId\}\}/g, caller.account);
    if (isUnresolvedText(text)) return false;
    return wildcardMatch(text, role.arn);
  }
}

/** The ARN of an identity of a template (path ignored for users and groups). */
function identityArn(l: Loaded, identity: TemplateIdentity): string {
  return `arn:${l.partition}:iam::${l.account}:${identity.kind}/${identity.name}`;
}
