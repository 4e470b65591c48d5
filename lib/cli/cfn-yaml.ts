import * as YAML from 'yaml';

/**
 * CloudFormation's short-form intrinsic tags and the long form each stands for.
 *
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference.html
 */
const SHORT_FORMS: ReadonlyArray<readonly [string, string]> = [
  ['Ref', 'Ref'],
  ['Condition', 'Condition'],
  ['Base64', 'Fn::Base64'],
  ['Cidr', 'Fn::Cidr'],
  ['FindInMap', 'Fn::FindInMap'],
  ['GetAtt', 'Fn::GetAtt'],
  ['GetAZs', 'Fn::GetAZs'],
  ['ImportValue', 'Fn::ImportValue'],
  ['Join', 'Fn::Join'],
  ['Select', 'Fn::Select'],
  ['Split', 'Fn::Split'],
  ['Sub', 'Fn::Sub'],
  ['Transform', 'Fn::Transform'],
  ['Length', 'Fn::Length'],
  ['ToJsonString', 'Fn::ToJsonString'],
  ['ForEach', 'Fn::ForEach'],
  ['And', 'Fn::And'],
  ['Equals', 'Fn::Equals'],
  ['If', 'Fn::If'],
  ['Not', 'Fn::Not'],
  ['Or', 'Fn::Or'],
];

function longForm(short: string, long: string, value: unknown): Record<string, unknown> {
  // `!GetAtt Resource.Attribute` is the one short form whose scalar is split: the first dot separates the two.
  if (short === 'GetAtt' && typeof value === 'string') {
    const dot = value.indexOf('.');
    return { [long]: dot < 0 ? [value] : [value.slice(0, dot), value.slice(dot + 1)] };
  }
  return { [long]: value };
}

/**
 * A plain scalar of digits with a leading zero (an account id such as `012345678901`) stays a string: the YAML core
 * schema would read it as the number 12345678901 and lose the zero.
 */
const LEADING_ZERO_DIGITS = {
  tag: 'tag:yaml.org,2002:str',
  default: true,
  test: /^0[0-9]+$/,
  resolve: (value: string) => value,
};

const SHORT_FORM_TAGS = SHORT_FORMS.flatMap(([short, long]) => [
  { tag: `!${short}`, resolve: (value: string) => longForm(short, long, value) },
  { tag: `!${short}`, collection: 'seq' as const, resolve: (seq: YAML.YAMLSeq) => longForm(short, long, seq.toJSON()) },
  { tag: `!${short}`, collection: 'map' as const, resolve: (map: YAML.YAMLMap) => longForm(short, long, map.toJSON()) },
]);

/**
 * Parses a CloudFormation template written in YAML, mapping every short-form tag (`!Ref`, `!Sub`, `!GetAtt a.b`,
 * `!If`, `!Join`, ...) to its long form (`{ "Fn::If": [...] }`), so the result reads exactly like the JSON template.
 * Throws with the parser's message (line and column) when the text is not valid YAML.
 */
export function parseCloudFormationYaml(text: string): unknown {
  const doc = YAML.parseDocument(text, {
    customTags: (tags) => [LEADING_ZERO_DIGITS, ...tags, ...SHORT_FORM_TAGS] as YAML.Tags,
    uniqueKeys: false,
    prettyErrors: true,
  });
  if (doc.errors.length > 0) {
    throw new Error(doc.errors[0].message.split('\n')[0].replace(/:$/, ''));
  }
  return doc.toJS({ maxAliasCount: 1000 });
}
