/** Splits at the first `sep`: `[head, rest]`, or `[text]` when `sep` does not occur (e.g. `Fn::GetAtt` "Role.Arn"). */
export function splitOnce(text: string, sep: string): [string] | [string, string] {
  const i = text.indexOf(sep);
  return i < 0 ? [text] : [text.slice(0, i), text.slice(i + sep.length)];
}
