/**
 * Soundness of the GitHub subject judgment, checked against tokens an attacker can make: whatever pattern a trust
 * writes, when judgeSubject says the owner is fixed (BROAD or PINNED), no token of another owner matches the pattern;
 * when it says PINNED, no token of another repository of the same owner matches either.
 *
 * Tokens follow GitHub's documented subject formats, default and customised (include_claim_keys in any order chosen
 * by the attacker), with `:` inside values sent as `%3A` (https://docs.github.com/en/actions/reference/security/oidc).
 */
import * as fc from 'fast-check';
import { judgeSubject, likeMatch, SubjectStrength } from '../../../lib/private/iam/issuers';

const GH = 'token.actions.githubusercontent.com';

interface Repo {
  owner: string;
  ownerId: string;
  name: string;
  id: string;
}

const VICTIM: Repo = { owner: 'acme', ownerId: '111', name: 'app', id: '501' };
const SIBLING: Repo = { owner: 'acme', ownerId: '111', name: 'app-x', id: '502' };
const OTHERS: Repo[] = [
  { owner: 'acme-evil', ownerId: '222', name: 'app', id: '601' },
  { owner: 'acm', ownerId: '333', name: 'e', id: '602' },
  { owner: 'evil', ownerId: '444', name: 'acme', id: '603' },
  { owner: 'e', ownerId: '555', name: 'app', id: '604' },
];

/** Values a workflow chooses (branch, environment, workflow names): chosen to collide with the victim's names. */
const FREE = fc.constantFrom(
  'main',
  'prod',
  'acme/app',
  'acme',
  'app',
  'repo',
  'repo:acme/app',
  'x:y',
  'refs/heads/main',
  'a/app',
);

const escape = (v: string) => v.replace(/:/g, '%3A');

/** A subject a job of `repo` can get, in a default or customised format. */
function subjectOf(repo: Repo, immutable: boolean): fc.Arbitrary<string> {
  const repoPart = immutable ? `${repo.owner}@${repo.ownerId}/${repo.name}@${repo.id}` : `${repo.owner}/${repo.name}`;
  const context = fc.oneof(
    FREE.map((b) => `ref:refs/heads/${escape(b)}`),
    FREE.map((e) => `environment:${escape(e)}`),
    fc.constant('pull_request'),
  );
  const defaultFormat = context.map((c) => `repo:${repoPart}:${c}`);
  const claim = fc.oneof(
    fc.constant(`repo:${repoPart}`),
    context.map((c) => c),
    fc.constant(`repository_owner:${repo.owner}`),
    fc.constant(`repository_owner_id:${repo.ownerId}`),
    fc.constant(`repository_id:${repo.id}`),
    FREE.map((v) => `job_workflow_ref:${escape(v)}`),
    FREE.map((v) => `actor:${escape(v)}`),
    FREE.map((v) => `workflow:${escape(v)}`),
  );
  const customised = fc.array(claim, { minLength: 1, maxLength: 4 }).map((parts) => parts.join(':'));
  return fc.oneof(defaultFormat, customised);
}

/** A pattern derived from a victim's subject by replacing a run of it with `*` or a character with `?`. */
const victimPattern: fc.Arbitrary<string> = fc
  .tuple(subjectOf(VICTIM, false), fc.nat(), fc.nat(5), fc.boolean())
  .map(([subject, at, length, star]) => {
    const i = at % (subject.length + 1);
    return star
      ? `${subject.slice(0, i)}*${subject.slice(i + length)}`
      : `${subject.slice(0, i)}?${subject.slice(i + 1)}`;
  });

const judge = (pattern: string) => judgeSubject(GH, [{ claim: 'sub', values: [pattern], wildcards: true }]).strength;

describe('GitHub subject judgment against tokens of other owners and repositories', () => {
  test('when the owner is judged fixed, no token of another owner matches', () => {
    // GIVEN any pattern derived from the victim's subject and any token of another owner
    fc.assert(
      fc.property(
        victimPattern,
        fc.constantFrom(...OTHERS),
        fc.boolean(),
        fc.context(),
        (pattern, other, immutable, ctx) => {
          const strength = judge(pattern);
          if (strength === SubjectStrength.UNPINNED) return true;
          // WHEN the pattern is judged to fix the owner THEN no token of another owner matches it
          return (
            fc.assert(
              fc.property(subjectOf(other, immutable), (token) => {
                ctx.log(`${pattern} vs ${token}`);
                return !likeMatch(pattern, token, true);
              }),
              { numRuns: 30 },
            ) === undefined
          );
        },
      ),
      { numRuns: 300 },
    );
  });

  test('when the repository is judged pinned, no token of another repository of the owner matches', () => {
    // GIVEN any pattern derived from the victim's subject and any token of a sibling repository
    fc.assert(
      fc.property(victimPattern, fc.boolean(), (pattern, immutable) => {
        if (judge(pattern) !== SubjectStrength.PINNED) return true;
        // WHEN the pattern is judged pinned THEN no sibling token matches it
        return (
          fc.assert(
            fc.property(subjectOf(SIBLING, immutable), (token) => !likeMatch(pattern, token, true)),
            { numRuns: 30 },
          ) === undefined
        );
      }),
      { numRuns: 300 },
    );
  });
});

/** Tokens of one tenant of another shared issuer, by documented subject format. */
const NAMES = fc.constantFrom('acme', 'app', 'main', 'prod', 'acme-evil', 'a', 'deploy');
const OTHER_TENANTS = ['acme-evil', 'acm', 'evil', 'acmeapp'];

const FORMATS: { issuer: string; victim: string; tenantSubject: (tenant: string) => fc.Arbitrary<string> }[] = [
  {
    issuer: 'gitlab.com',
    victim: 'project_path:acme/app:ref_type:branch:ref:main',
    tenantSubject: (t) =>
      fc
        .tuple(NAMES, NAMES, fc.constantFrom('branch', 'tag'))
        .map(([p, r, k]) => `project_path:${t}/${p}:ref_type:${k}:ref:${r}`),
  },
  {
    issuer: 'app.terraform.io',
    victim: 'organization:acme:project:Default Project:workspace:app:run_phase:apply',
    tenantSubject: (t) =>
      fc
        .tuple(NAMES, NAMES, fc.constantFrom('plan', 'apply'))
        .map(([p, w, r]) => `organization:${t}:project:${p}:workspace:${w}:run_phase:${r}`),
  },
  {
    issuer: 'agent.buildkite.com',
    victim: 'organization:acme:pipeline:app:ref:refs/heads/main:commit:abc:step:deploy',
    tenantSubject: (t) =>
      fc
        .tuple(NAMES, NAMES, NAMES)
        .map(([p, r, s]) => `organization:${t}:pipeline:${p}:ref:refs/heads/${r}:commit:abc:step:${s}`),
  },
  {
    issuer: 'oidc.eks.eu-west-1.amazonaws.com/id/ABC',
    victim: 'system:serviceaccount:acme:app',
    tenantSubject: (t) => NAMES.map((sa) => `system:serviceaccount:${t}:${sa}`),
  },
];

describe.each(FORMATS)(
  '$issuer subject judgment against tokens of other tenants',
  ({ issuer, victim, tenantSubject }) => {
    const pattern = fc.tuple(fc.nat(), fc.nat(6), fc.boolean()).map(([at, length, star]) => {
      const i = at % (victim.length + 1);
      return star
        ? `${victim.slice(0, i)}*${victim.slice(i + length)}`
        : `${victim.slice(0, i)}?${victim.slice(i + 1)}`;
    });

    test('when the tenant is judged fixed, no token of another tenant matches', () => {
      // GIVEN any pattern derived from the victim's subject  WHEN it is judged to fix the tenant
      fc.assert(
        fc.property(pattern, fc.constantFrom(...OTHER_TENANTS), (p, other) => {
          if (
            judgeSubject(issuer, [{ claim: 'sub', values: [p], wildcards: true }]).strength === SubjectStrength.UNPINNED
          )
            return true;
          // THEN no subject of another tenant matches it
          return (
            fc.assert(
              fc.property(tenantSubject(other), (token) => !likeMatch(p, token, true)),
              { numRuns: 25 },
            ) === undefined
          );
        }),
        { numRuns: 300 },
      );
    });
  },
);
