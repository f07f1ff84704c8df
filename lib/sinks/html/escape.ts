/**
 * Escaping for everything the HTML report prints. Every string that comes from a report (names,
 * messages, file paths, rule text) passes through one of these before it reaches the page.
 */

const HTML_ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are among what needs escaping.
const NEEDS_ESCAPING = /[&<>"'\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

/**
 * Text safe in element content and in quoted attribute values. Control characters other than tab
 * and line feed are replaced: HTML forbids them, and a NUL would be swallowed silently.
 */
export function escapeHtml(text: string): string {
  // Most strings need nothing; testing first keeps a large estate's report fast to render.
  if (!NEEDS_ESCAPING.test(text)) return text;
  return (
    text
      // biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point.
      .replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, '\uFFFD')
      .replace(/[&<>"']/g, (character) => HTML_ESCAPES[character] ?? character)
  );
}

/**
 * JSON for a `<script type="application/json">` block. `<` is written as `\u003c` so no value can
 * close the script element (`</script>`) or open a comment; `>` and `&` likewise, and U+2028/2029
 * for readers that treat the text as JavaScript. `JSON.parse` reads the escapes back unchanged.
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/**
 * The URL when it is an absolute http(s) URL, else null. Documentation links come from the rule
 * catalogue, but a `javascript:` or `data:` URL in an href would run or show content on click, so
 * anything else is printed as text instead of linked.
 */
export function safeHttpUrl(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.href : null;
}
