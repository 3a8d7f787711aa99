// Building DOM from data with textContent only: report text, notes and names are never parsed as HTML.

/** An element with attributes, properties (`on*` become listeners) and children (strings become text). */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
    else if (key === 'class') node.className = value;
    else if (key === 'dataset') Object.assign(node.dataset, value);
    else node.setAttribute(key, value === true ? '' : String(value));
  }
  append(node, children);
  return node;
}

/** Append children: nodes as they are, strings and numbers as text nodes, arrays flattened. */
export function append(node, children) {
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

/** Replace every child of `node`. */
export function fill(node, ...children) {
  node.replaceChildren();
  return append(node, children);
}

/**
 * Text with highlighted spans: `spans` are {start, end, kind, label}; overlapping spans are cut
 * into segments, each a <mark> carrying the kinds of every span that covers it.
 */
export function highlighted(text, spans, markClass = (kinds) => kinds.map((k) => `hl-${slug(k)}`).join(' ')) {
  const cuts = new Set([0, text.length]);
  for (const s of spans) {
    if (s.start >= 0 && s.end <= text.length && s.start < s.end) { cuts.add(s.start); cuts.add(s.end); }
  }
  const points = [...cuts].sort((a, b) => a - b);
  const out = document.createDocumentFragment();
  for (let i = 0; i < points.length - 1; i++) {
    const [a, b] = [points[i], points[i + 1]];
    const covering = spans.filter((s) => s.start <= a && s.end >= b);
    const piece = text.slice(a, b);
    if (!covering.length) { out.append(document.createTextNode(piece)); continue; }
    const kinds = [...new Set(covering.map((s) => s.kind))];
    const title = covering.map((s) => (s.label ? `${s.kind}: ${s.label}` : s.kind)).join('\n');
    out.append(el('mark', { class: markClass(kinds), title, dataset: { start: a } }, piece));
  }
  return out;
}

export function slug(value) {
  return String(value || '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}

/** A <dl> of label/value pairs, skipping empty values. */
export function fields(pairs) {
  const dl = el('dl', { class: 'fields' });
  for (const [label, value] of pairs) {
    if (value === undefined || value === null || value === '') continue;
    append(dl, [el('dt', {}, label), el('dd', {}, value)]);
  }
  return dl;
}
