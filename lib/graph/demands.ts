import { Demand, humanSeconds } from './graph';
import { ConditionClause, PolicyStatement, providerPrefixOf, claimOf } from '../private/iam/policy';

/** Condition keys a party node already stands for (its subject), not repeated on the edge. */
export interface DemandOptions {
  /** Lower-case keys to leave out (the subject claims a party node is named after). */
  readonly omitKeys?: readonly string[];
}

function values(c: ConditionClause, max = 2): string {
  const shown = c.values.slice(0, max).join(' | ');
  return c.values.length > max ? `${shown} | … (+${c.values.length - max})` : shown;
}

/** `label [not ][~ ]values[ (if present)]`: `~` for a pattern (StringLike), `not` for a negated operator. */
function cond(label: string, c: ConditionClause, max = 2): string {
  const negated = c.negated ? 'not ' : '';
  const like = /like/.test(c.base) ? '~ ' : '';
  return `${label} ${negated}${like}${values(c, max)}${c.ifExists ? ' (if present)' : ''}`;
}

/**
 * What a statement's conditions (and its extra STS actions) demand of the caller, as short texts:
 * `MFA ≤ 1 h`, `ExternalId`, `aud sts.amazonaws.com`, `source identity ~ alice-*`, `session tags: team`.
 */
export function demandsOf(statement: PolicyStatement, options: DemandOptions = {}): Demand[] {
  const out: Demand[] = [];
  const omit = new Set((options.omitKeys ?? []).map((k) => k.toLowerCase()));
  let mfa = false;
  let mfaAge: number | undefined;
  for (const c of statement.conditions) {
    if (omit.has(c.keyLower)) continue;
    const key = c.keyLower;
    if (key === 'aws:multifactorauthpresent' && c.base === 'bool' && !c.negated) {
      // BoolIfExists admits requests without the key (long-term access keys): not an MFA requirement.
      if (c.values.every((v) => v.toLowerCase() === 'true') && !c.ifExists) mfa = true;
      else out.push({ key: 'mfa', text: cond('MFA', c).replace(/\s+/g, ' ') });
    } else if (key === 'aws:multifactorauthage' && /^numericlessthan/.test(c.base) && !c.ifExists) {
      const seconds = Math.max(...c.values.map((v) => Number(v)).filter((n) => Number.isFinite(n)));
      if (Number.isFinite(seconds)) {
        mfa = true;
        mfaAge = mfaAge === undefined ? seconds : Math.min(mfaAge, seconds);
      }
    } else if (key === 'sts:externalid') {
      out.push({
        key: 'external-id',
        text: c.negated ? 'ExternalId (negated!)' : `ExternalId${c.ifExists ? ' (if present)' : ''}`,
      });
    } else if (key === 'sts:sourceidentity') {
      out.push({ key: 'source-identity', text: cond('source identity', c) });
    } else if (key === 'aws:tagkeys' || key.startsWith('aws:requesttag/')) {
      out.push({
        key: 'session-tags',
        text:
          key === 'aws:tagkeys'
            ? `session tag keys ${values(c, 4)}`
            : cond(`session tag ${key.slice('aws:requesttag/'.length)}`, c),
      });
    } else if (key === 'aws:principalorgid' || key === 'aws:principalorgpaths') {
      out.push({ key: 'org', text: cond(key === 'aws:principalorgid' ? 'org' : 'org path', c) });
    } else if (key === 'aws:sourceaccount' || key === 'aws:sourcearn' || key === 'aws:sourceorgid') {
      out.push({ key: 'source', text: cond(key.slice(4), c) });
    } else if (key === 'saml:aud') {
      out.push({ key: 'audience', text: cond('SAML:aud', c, 1) });
    } else if (providerPrefixOf(key) !== undefined) {
      const claim = claimOf(key);
      out.push({
        key: claim === 'aud' || claim === 'azp' ? 'audience' : claim === 'sub' ? 'subject' : 'other',
        text: cond(claim, c),
      });
    } else {
      out.push({ key: 'other', text: cond(c.key, c) });
    }
  }
  if (mfa) out.unshift({ key: 'mfa', text: mfaAge === undefined ? 'MFA' : `MFA ≤ ${humanSeconds(mfaAge)}` });
  const actions = statement.actions.map((a) => a.toLowerCase());
  if (actions.includes('sts:setsourceidentity') && !out.some((d) => d.key === 'source-identity')) {
    out.push({ key: 'source-identity', text: 'may set source identity' });
  }
  if (actions.includes('sts:tagsession') && !out.some((d) => d.key === 'session-tags')) {
    out.push({ key: 'session-tags', text: 'may tag session' });
  }
  return out.map((d) => ({ key: d.key, text: d.text.replace(/\s+/g, ' ').trim() }));
}

/** Demands of two sides (trust and identity policy) together, the strictest MFA kept, no text twice. */
export function mergeDemands(a: readonly Demand[], b: readonly Demand[]): Demand[] {
  const all = [...a, ...b];
  const mfa = all.filter((d) => d.key === 'mfa' && /^MFA( ≤ .*)?$/.test(d.text));
  const out: Demand[] = [];
  if (mfa.length > 0) {
    const aged = mfa.filter((d) => d.text !== 'MFA');
    out.push(aged[0] ?? mfa[0]);
  }
  for (const d of all) {
    if (mfa.includes(d)) continue;
    if (!out.some((o) => o.text === d.text)) out.push(d);
  }
  return out;
}
