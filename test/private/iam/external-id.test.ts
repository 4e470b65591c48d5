import {
  derivedOnlyFromGuessableInputs,
  judgeExternalIdParameter,
  judgeExternalIdText,
  valueInputs,
} from '../../../lib/private/iam/external-id';

describe('judgeExternalIdText', () => {
  test.each([
    ['a UUID', '9f1c6a2e-3b4d-4c5e-8f7a-1b2c3d4e5f60'],
    ['a generated token', 'Zq7pLx2mVb9k'],
    ['the shortest value that is not short', 'k3Rb9xQa'],
    ['a vendor-assigned id with separators', 'acme:tenant/4f2a-91bc'],
  ])('%s is not weak', (_name, value) => {
    // GIVEN an unguessable value  WHEN judged  THEN it is not weak
    expect(judgeExternalIdText(value).weak).toBe(false);
  });

  test.each([
    ['one character short', 'k3Rb9xQ', /short/],
    ['an account id', '444444444444', /account id/],
    ['all digits', '20240101', /all digits/],
    ['12345', '12345', /placeholder/],
    ['external-id', 'external-id', /placeholder/],
    ['External_ID', 'External_ID', /placeholder/],
    ['changeme', 'changeme', /placeholder/],
    ['supply-me', 'supply-me', /placeholder/],
    ['a run of one character', 'aaaaaaaaaaaa', /distinct/],
    ['a space', 'my external id', /grammar/],
    ['one character', 'x', /grammar/],
    ['derived from the account id', '{{AWS.AccountId}}', /AWS::AccountId/],
    ['the account id with a suffix', '{{AWS.AccountId}}-datadog', /AWS::AccountId/],
    ['derived from the stack name', '{{AWS.StackName}}', /AWS::StackName/],
  ])('%s is weak', (_name, value, why) => {
    // GIVEN a guessable or unusable value  WHEN judged  THEN it is weak, with the reason
    const judgement = judgeExternalIdText(value);
    expect(judgement.weak).toBe(true);
    expect(judgement.why).toMatch(why);
  });

  test('a value containing a known account id or the stack name is as strong as the rest of its text', () => {
    // GIVEN context  WHEN judged  THEN values made of it and a guessable text are weak; beside a random text, not
    expect(judgeExternalIdText('vendor-444444444444-x', { accountIds: ['444444444444'] }).weak).toBe(true);
    expect(judgeExternalIdText('payments-prod-vendor', { stackName: 'payments-prod' }).weak).toBe(true);
    expect(judgeExternalIdText('vendor-555555555555-x', { accountIds: ['444444444444'] }).weak).toBe(false);
    expect(judgeExternalIdText('acme-444444444444-7d6c5b4a3f21b3f1', { accountIds: ['444444444444'] }).weak).toBe(
      false,
    );
    expect(judgeExternalIdText('payments-prod-7d6c5b4a3f21b3f1', { stackName: 'payments-prod' }).weak).toBe(false);
  });

  test.each([
    ['{{AWS.AccountId}}-7d6c5b4a3f21b3f1c2d49a8e4c1f8f0e', false],
    ['acme-{{AWS.AccountId}}-Zq7pLx2mVb9k', false],
    ['{{AWS.AccountId}}-{{AWS.Region}}', true],
    ['{{AWS.AccountId}}-vendor', true],
    ['{{AWS.StackName}}-external-id', true],
    ['{{AWS.AccountId}}-20240101', true],
  ])('pseudo parameters plus text %s: weak %s, as the text alone', (value, weak) => {
    // GIVEN a value of pseudo parameters and text  WHEN judged  THEN the verdict is the text's (red-team F8)
    expect(judgeExternalIdText(value).weak).toBe(weak);
  });

  test('a parameter default is published with the template', () => {
    // GIVEN a value that is a parameter's default  WHEN judged  THEN it is weak
    expect(
      judgeExternalIdText('9f1c6a2e-3b4d-4c5e-8f7a-1b2c3d4e5f60', { fromParameterDefault: 'ExternalId' }).why,
    ).toMatch(/default \(or an allowed value\) of parameter ExternalId/);
  });

  test('a value with an unknown part is not judged', () => {
    // GIVEN a parameter or import  WHEN judged  THEN weak is undefined
    expect(judgeExternalIdText('{{Ref.ExternalId}}').weak).toBeUndefined();
    expect(judgeExternalIdText('{{AWS.AccountId}}-{{Ref.Suffix}}').weak).toBeUndefined();
    expect(judgeExternalIdText('{{AWS.StackId}}').weak).toBeUndefined();
  });
});

describe('derivedOnlyFromGuessableInputs', () => {
  test.each([
    [{ 'Fn::Base64': { 'Fn::Sub': '${AWS::AccountId}' } }, true],
    [{ 'Fn::Sub': '${AWS::StackName}-vendor' }, true],
    [{ 'Fn::Join': ['-', [{ Ref: 'AWS::AccountId' }, { Ref: 'AWS::Region' }]] }, true],
    [{ 'Fn::If': ['HasId', { Ref: 'AWS::AccountId' }, { Ref: 'AWS::AccountId' }] }, true],
    [
      {
        'Fn::Select': [
          4,
          { 'Fn::Split': ['-', { 'Fn::Select': [2, { 'Fn::Split': ['/', { Ref: 'AWS::StackId' }] }] }] },
        ],
      },
      false,
    ],
    [{ 'Fn::Sub': '${AWS::AccountId}-${Suffix}' }, false],
    [{ 'Fn::Base64': { 'Fn::Sub': '${AWS::AccountId}-7d6c5b4a3f21b3f1c2d49a8e4c1f8f0e' } }, false],
    [{ 'Fn::GetAtt': ['Integration', 'ExternalId'] }, false],
    ['plain-literal', false],
  ])('%j derived only from guessable inputs: %s', (raw, guessable) => {
    // GIVEN a raw value  WHEN its inputs are read  THEN pseudo parameters anyone knows make it guessable
    expect(derivedOnlyFromGuessableInputs(raw).guessable).toBe(guessable);
  });

  test('inputs list parameters and pseudo parameters', () => {
    // GIVEN a Fn::Sub with a variable map  WHEN read  THEN bound variables are visited
    const inputs = valueInputs({ 'Fn::Sub': ['${Deployment}:${Org}', { Org: { Ref: 'OrganizationId' } }] });
    expect(inputs.refs).toEqual(['Deployment', 'OrganizationId']);
    expect(inputs.opaque).toBe(false);
  });
});

describe('judgeExternalIdParameter', () => {
  test.each([
    ['an AllowedPattern of six digits', { name: 'X', allowedPattern: '^[0-9]{6}$' }, true],
    ['an AllowedPattern of digits', { name: 'X', allowedPattern: '\\d+' }, true],
    ['a MaxLength of 7', { name: 'X', maxLength: 7 }, true],
    ['AllowedValues', { name: 'X', allowedValues: ['a1b2c3d4e5f6', 'b1b2c3d4e5f6'] }, true],
    ['a MaxLength of 8', { name: 'X', maxLength: 8 }, undefined],
    ['an AllowedPattern that admits UUIDs', { name: 'X', allowedPattern: '^[a-f0-9-]{36}$' }, undefined],
    ['the ExternalId grammar as pattern', { name: 'X', allowedPattern: '[\\w+=,.@:/-]*' }, undefined],
    ['no constraint', { name: 'X' }, undefined],
  ])('%s: weak is %s', (_name, parameter, weak) => {
    // GIVEN a parameter that gives the ExternalId  WHEN judged  THEN what it admits decides
    expect(judgeExternalIdParameter(parameter).weak).toBe(weak);
  });
});
