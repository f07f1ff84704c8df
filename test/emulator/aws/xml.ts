/** The little XML the EC2 and query protocols need: elements, `<item>` lists, escaping. */

export type XmlValue = string | number | boolean | null | undefined | XmlList | XmlFields;
export interface XmlFields {
  readonly [tag: string]: XmlValue;
}

/** A list rendered as repeated children (`<item>` for EC2, `<member>` for the query protocol). */
export class XmlList {
  constructor(
    readonly values: readonly XmlValue[],
    readonly tag: string,
  ) {}
}

/** EC2's list shape: `<fooSet><item>…</item></fooSet>`. */
export const items = (values: readonly XmlValue[]): XmlList => new XmlList(values, 'item');
/** The query protocol's list shape: `<Foo><member>…</member></Foo>`. */
export const members = (values: readonly XmlValue[]): XmlList => new XmlList(values, 'member');

export function escapeXml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&apos;');
}

function renderValue(value: XmlValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof XmlList) {
    return value.values.map((entry) => `<${value.tag}>${renderValue(entry)}</${value.tag}>`).join('');
  }
  if (typeof value === 'object') return renderFields(value);
  return escapeXml(String(value));
}

/** Render fields as sibling elements; null and undefined members are left out, as AWS leaves them. */
export function renderFields(fields: XmlFields): string {
  let out = '';
  for (const [tag, value] of Object.entries(fields)) {
    if (value === null || value === undefined) continue;
    out += `<${tag}>${renderValue(value)}</${tag}>`;
  }
  return out;
}

/** A whole document: `<?xml …?><root xmlns="…">…</root>`. */
export function xmlDocument(root: string, namespace: string | null, fields: XmlFields): string {
  const xmlns = namespace ? ` xmlns="${namespace}"` : '';
  return `<?xml version="1.0" encoding="UTF-8"?>\n<${root}${xmlns}>${renderFields(fields)}</${root}>`;
}
