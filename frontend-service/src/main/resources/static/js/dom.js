// Builds elements. Text always goes in as text (textContent), never as HTML.

/**
 * el('p', {class: 'x', text: 'hello', attrs: {id: 'a'}, on: {click: fn}}, child, ...)
 * Children may be elements, strings (inserted as text), or null (skipped).
 */
export function el(tag, options = {}, ...children) {
  const node = document.createElement(tag);
  if (options.class) node.className = options.class;
  if (options.text !== undefined && options.text !== null) node.textContent = String(options.text);
  for (const [name, value] of Object.entries(options.attrs || {})) {
    if (value !== undefined && value !== null && value !== false) node.setAttribute(name, value === true ? '' : String(value));
  }
  for (const [event, handler] of Object.entries(options.on || {})) node.addEventListener(event, handler);
  for (const child of children) {
    if (child === null || child === undefined) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

export function clear(node) {
  node.replaceChildren();
  return node;
}

export function show(node, visible = true) {
  node.hidden = !visible;
}

export function formatDay(isoDay) {
  const date = new Date(`${isoDay}T00:00:00`);
  return Number.isNaN(date.getTime())
    ? isoDay
    : date.toLocaleDateString(undefined, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });
}

export function formatInstant(iso) {
  if (!iso) return '—';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

/** Puts a message in a live region, so screen readers announce it. */
export function say(region, text, kind = 'info') {
  region.className = `notice notice-${kind}`;
  region.textContent = text;
  show(region, Boolean(text));
}

/**
 * Asks for confirmation in a modal dialog; resolves true or false. Escape cancels.
 */
export function confirmDialog(question, confirmLabel) {
  return new Promise((resolve) => {
    const yes = el('button', { class: 'button button-primary', text: confirmLabel, attrs: { type: 'button', value: 'yes' } });
    const no = el('button', { class: 'button', text: 'Cancel', attrs: { type: 'button', value: 'no' } });
    const dialog = el('dialog', { class: 'dialog', attrs: { 'aria-labelledby': 'dialog-question' } },
      el('p', { text: question, attrs: { id: 'dialog-question' } }),
      el('div', { class: 'actions' }, no, yes));
    const close = (answer) => { dialog.close(); dialog.remove(); resolve(answer); };
    yes.addEventListener('click', () => close(true));
    no.addEventListener('click', () => close(false));
    dialog.addEventListener('cancel', (event) => { event.preventDefault(); close(false); });
    document.body.append(dialog);
    dialog.showModal();
    no.focus();
  });
}
