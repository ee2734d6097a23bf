// A strict little XML reader for the JUnit tests (no dependency): elements, attributes, text, the five
// predefined entities and character references. It throws on anything not well-formed that a reporter
// could produce: unbalanced or mismatched tags, a raw '<' or bare '&', a raw '<' in an attribute,
// unquoted or duplicate attributes, characters XML 1.0 forbids, text outside the root.

export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  /** the element's own text, entities decoded */
  text: string;
}

const ILLEGAL = /[^\t\n\r\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;
const NAME = /^[A-Za-z_][\w.-]*/;

function decode(raw: string, where: string): string {
  if (raw.includes('<')) throw new Error(`raw '<' in ${where}`);
  return raw.replace(/&([^;]*);?/g, (whole, ref: string) => {
    if (!whole.endsWith(';')) throw new Error(`bare '&' in ${where}`);
    const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
    if (ref in named) return named[ref]!;
    const m = /^#(?:x([0-9a-fA-F]+)|([0-9]+))$/.exec(ref);
    if (!m) throw new Error(`unknown entity &${ref}; in ${where}`);
    const ch = String.fromCodePoint(m[1] ? parseInt(m[1], 16) : parseInt(m[2]!, 10));
    if (ILLEGAL.test(ch)) throw new Error(`illegal character reference &${ref}; in ${where}`);
    return ch;
  });
}

export function parseXml(source: string): XmlElement {
  if (ILLEGAL.test(source)) throw new Error('character not allowed in XML 1.0');
  let rest = source.replace(/^<\?xml[^?]*\?>/, '');
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  while (rest.length > 0) {
    const lt = rest.indexOf('<');
    const text = lt < 0 ? rest : rest.slice(0, lt);
    if (text) {
      const top = stack[stack.length - 1];
      if (top) top.text += decode(text, `<${top.name}> text`);
      else if (text.trim()) throw new Error('text outside the root element');
    }
    if (lt < 0) break;
    rest = rest.slice(lt);
    const gt = rest.indexOf('>');
    if (gt < 0) throw new Error('unterminated tag');
    const tag = rest.slice(1, gt);
    rest = rest.slice(gt + 1);
    if (tag.startsWith('/')) {
      const open = stack.pop();
      if (!open || open.name !== tag.slice(1).trim()) throw new Error(`mismatched </${tag.slice(1)}>`);
      if (stack.length === 0) root = open;
      continue;
    }
    const selfClosing = tag.endsWith('/');
    let body = selfClosing ? tag.slice(0, -1) : tag;
    const name = NAME.exec(body)?.[0];
    if (!name) throw new Error(`bad tag <${tag}>`);
    if (root) throw new Error('second root element');
    body = body.slice(name.length);
    const el: XmlElement = { name, attrs: {}, children: [], text: '' };
    for (;;) {
      body = body.replace(/^\s+/, '');
      if (!body) break;
      const m = /^([A-Za-z_][\w.:-]*)\s*=\s*"([^"]*)"/.exec(body);
      if (!m) throw new Error(`bad attribute in <${name}>: ${body}`);
      if (m[1]! in el.attrs) throw new Error(`duplicate attribute ${m[1]} in <${name}>`);
      // Attribute-value normalisation (XML §3.3.3): literal whitespace becomes a space; references do not.
      el.attrs[m[1]!] = decode(m[2]!.replace(/[\t\n\r]/g, ' '), `${name}@${m[1]}`);
      body = body.slice(m[0].length);
    }
    const parent = stack[stack.length - 1];
    if (parent) parent.children.push(el);
    if (selfClosing) {
      if (!parent) root = el;
    } else {
      stack.push(el);
    }
  }
  if (stack.length > 0) throw new Error(`unclosed <${stack[stack.length - 1]!.name}>`);
  if (!root) throw new Error('no root element');
  return root;
}
