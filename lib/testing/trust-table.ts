import { AssumeRequest } from './assume-request';
import { TrustDecision, TrustResult } from './trust-decision';
import { TrustEvaluator } from './trust-evaluator';

/** One row of a trust table: a named request and the decision it must get. */
export interface TrustCase {
  /** A short name for the row, shown in the formatted table. */
  readonly name: string;
  /** The request. */
  readonly request: AssumeRequest;
  /** The decision the request must get. */
  readonly expected: TrustDecision;
}

/** How a row came out. */
export enum TrustCaseOutcome {
  /** The decision is the expected ALLOWED or DENIED. */
  PASS = 'PASS',
  /** The decision is ALLOWED or DENIED, and not the expected one. */
  FAIL = 'FAIL',
  /** The evaluator could not decide: never a pass, whatever was expected. */
  UNDETERMINED = 'UNDETERMINED',
}

/** The result of one row. */
export interface TrustCaseResult {
  /** The row's name. */
  readonly name: string;
  /** The decision expected. */
  readonly expected: TrustDecision;
  /** The decision obtained. */
  readonly actual: TrustDecision;
  /** How the row came out. */
  readonly outcome: TrustCaseOutcome;
  /** The full evaluation. */
  readonly result: TrustResult;
}

/** The results of a trust table. */
export interface TrustTableReport {
  /** The role evaluated. */
  readonly role: string;
  /** One result per row, in order. */
  readonly results: TrustCaseResult[];
  /** Rows decided as expected. */
  readonly passed: number;
  /** Rows decided otherwise than expected. */
  readonly failed: number;
  /** Rows the evaluator could not decide (never counted as passed). */
  readonly undetermined: number;
  /** Undetermined rows whose expected decision was ALLOWED or DENIED. */
  readonly unexpectedUndetermined: number;
  /** True when no row failed and every undetermined row expected `UNDETERMINED`. */
  readonly ok: boolean;
}

/**
 * Evaluates tables of requests against one role and reports each row's expected and actual decision.
 * Undetermined rows are counted apart, never as passes.
 *
 * @example
 * const report = await TrustTable.evaluate(evaluator, 'Deploy', [
 *   {
 *     name: 'main branch',
 *     request: AssumeRequest.webIdentity(providerArn, { audience: 'sts.amazonaws.com', subject: 'repo:org/app:ref:refs/heads/main' }),
 *     expected: TrustDecision.ALLOWED,
 *   },
 *   {
 *     name: 'fork',
 *     request: AssumeRequest.webIdentity(providerArn, { audience: 'sts.amazonaws.com', subject: 'repo:fork/app:ref:refs/heads/main' }),
 *     expected: TrustDecision.DENIED,
 *   },
 * ]);
 * TrustTable.assertOk(report); // throws with TrustTable.format(report) when a row failed or was undetermined
 */
export class TrustTable {
  /** Evaluates every row (in order) against `role`. */
  public static async evaluate(evaluator: TrustEvaluator, role: string, cases: TrustCase[]): Promise<TrustTableReport> {
    const results: TrustCaseResult[] = [];
    for (const c of cases) {
      const result = await evaluator.assume(role, c.request);
      const outcome =
        result.decision === TrustDecision.UNDETERMINED
          ? TrustCaseOutcome.UNDETERMINED
          : result.decision === c.expected
            ? TrustCaseOutcome.PASS
            : TrustCaseOutcome.FAIL;
      results.push({ name: c.name, expected: c.expected, actual: result.decision, outcome, result });
    }
    const count = (o: TrustCaseOutcome) => results.filter((r) => r.outcome === o).length;
    const unexpectedUndetermined = results.filter(
      (r) => r.outcome === TrustCaseOutcome.UNDETERMINED && r.expected !== TrustDecision.UNDETERMINED,
    ).length;
    const failed = count(TrustCaseOutcome.FAIL);
    return {
      role,
      results,
      passed: count(TrustCaseOutcome.PASS),
      failed,
      undetermined: count(TrustCaseOutcome.UNDETERMINED),
      unexpectedUndetermined,
      ok: failed === 0 && unexpectedUndetermined === 0,
    };
  }

  /** Evaluates the rows and throws (with the formatted table) unless the report is ok; returns the report. */
  public static async verify(evaluator: TrustEvaluator, role: string, cases: TrustCase[]): Promise<TrustTableReport> {
    const report = await TrustTable.evaluate(evaluator, role, cases);
    TrustTable.assertOk(report);
    return report;
  }

  /** Throws an `Error` with the formatted table and the explanation of each failed or undetermined row unless `report.ok`. */
  public static assertOk(report: TrustTableReport): void {
    if (report.ok) return;
    const details = report.results
      .filter(
        (r) =>
          r.outcome !== TrustCaseOutcome.PASS &&
          !(r.outcome === TrustCaseOutcome.UNDETERMINED && r.expected === TrustDecision.UNDETERMINED),
      )
      .map((r) => `\n[${r.name}]\n${r.result.explanation}`);
    throw new Error(
      `trust table for role ${report.role} is not ok:\n${TrustTable.format(report)}\n${details.join('\n')}`,
    );
  }

  /** The report as an aligned text table with a summary line. */
  public static format(report: TrustTableReport): string {
    const header = ['case', 'expected', 'actual', 'outcome', 'ignored keys'];
    const rows = report.results.map((r) => [
      r.name,
      r.expected,
      r.actual,
      r.outcome,
      r.result.ignoredContextKeys.join(', ') || '-',
    ]);
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
    const line = (cells: string[]) =>
      cells
        .map((c, i) => c.padEnd(widths[i]))
        .join(' | ')
        .trimEnd();
    return [
      `role ${report.role}`,
      line(header),
      widths.map((w) => '-'.repeat(w)).join('-|-'),
      ...rows.map(line),
      `${report.passed} passed, ${report.failed} failed, ${report.undetermined} undetermined (${report.unexpectedUndetermined} unexpected)`,
    ].join('\n');
  }
}
