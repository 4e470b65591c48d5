import { App, Stack } from 'aws-cdk-lib';
import { SamlAudience } from '../../../lib/federation/saml/saml-audience';

function stackIn(region?: string): Stack {
  return new Stack(new App(), 'Identity', region ? { env: { account: '111111111111', region } } : {});
}

describe('SamlAudience', () => {
  test.each([
    ['eu-west-1', 'https://signin.aws.amazon.com/saml'],
    ['cn-north-1', 'https://signin.amazonaws.cn/saml'],
    ['us-gov-west-1', 'https://signin.amazonaws-us-gov.com/saml'],
  ])('console() in %s is %s', (region, url) => {
    // GIVEN
    const s = stackIn(region);
    // WHEN / THEN
    expect(SamlAudience.console().resolveUrl(s)).toBe(url);
  });

  test.each([
    ['eu-west-1', 'eu-central-1', 'https://eu-central-1.signin.aws.amazon.com/saml'],
    ['cn-north-1', 'cn-northwest-1', 'https://cn-northwest-1.signin.amazonaws.cn/saml'],
    ['us-gov-west-1', 'us-gov-east-1', 'https://us-gov-east-1.signin.amazonaws-us-gov.com/saml'],
  ])('regionalConsole() from a stack in %s for %s is %s', (stackRegion, region, url) => {
    // GIVEN
    const s = stackIn(stackRegion);
    // WHEN / THEN
    expect(SamlAudience.regionalConsole(region).resolveUrl(s)).toBe(url);
  });

  test('console() in an environment-agnostic stack looks the host up by partition', () => {
    // GIVEN
    const s = stackIn();
    // WHEN
    const url = s.resolve(SamlAudience.console().resolveUrl(s));
    // THEN
    expect(url).toEqual({
      'Fn::Join': [
        '',
        ['https://', { 'Fn::FindInMap': ['CdkStsKitPartitionHosts', { Ref: 'AWS::Partition' }, 'signin'] }, '/saml'],
      ],
    });
  });

  test('console audiences say so, custom ones do not', () => {
    expect(SamlAudience.console().isConsole).toBe(true);
    expect(SamlAudience.regionalConsole('eu-west-1').isConsole).toBe(true);
    expect(SamlAudience.custom('https://broker.example.com/acs').isConsole).toBe(false);
    expect(SamlAudience.regionalConsole('eu-west-1').description).toBe('the eu-west-1 console sign-in endpoint');
  });

  test('a region of another partition is refused', () => {
    // GIVEN
    const s = stackIn('eu-west-1');
    // WHEN / THEN
    expect(() => SamlAudience.regionalConsole('cn-north-1').resolveUrl(s)).toThrow(
      "Identity: invalid SAML audience region: received 'cn-north-1'; expected a region of the stack's partition 'aws' " +
        "(cn-north-1 is in 'aws-cn', whose sign-in endpoint cannot sign in to this account).",
    );
  });

  test.each(['EU-WEST-1', 'eu_west_1', 'europe', ''])('region %p is refused', (region) => {
    expect(() => SamlAudience.regionalConsole(region).resolveUrl(stackIn('eu-west-1'))).toThrow(
      `Identity: invalid SAML audience region: received '${region}'; expected an AWS region code like 'eu-central-1'.`,
    );
  });

  test('custom() keeps the URL as given', () => {
    expect(SamlAudience.custom('https://broker.example.com/saml/acs').resolveUrl(stackIn('eu-west-1'))).toBe(
      'https://broker.example.com/saml/acs',
    );
  });

  test.each([
    'http://broker.example.com/acs',
    'https://*.example.com/saml',
    'https://broker.example.com/a b',
    'broker.example.com',
    '',
    'urn:amazon:webservices',
  ])('custom audience %p is refused', (url) => {
    expect(() => SamlAudience.custom(url).resolveUrl(stackIn('eu-west-1'))).toThrow(
      /^Identity: invalid SAML audience: received '.*'; expected an absolute https:\/\/ URL without wildcards or spaces/,
    );
  });
});
