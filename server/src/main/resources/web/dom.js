// Small helpers for the page's modules: building elements, sizes, announcements, the
// clipboard, and storage that may be missing (private windows, blocked site data).

export const $ = (id) => document.getElementById(id);

/** An element with attributes (`class`, `text`, `on…` listeners, others as attributes) and children. */
export function el(tag, props, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props || {})) {
    if (key === 'class') node.className = value;
    else if (key === 'text') node.textContent = value;
    else if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
    else if (value !== undefined && value !== null && value !== false) node.setAttribute(key, value === true ? '' : value);
  }
  node.append(...children.filter((c) => c !== null && c !== undefined));
  return node;
}

/** 1536 → "1.5 KiB", as the server's limits are written. */
export function bytes(n) {
  if (!Number.isFinite(n)) return 'any size';
  if (n < 1024) return n + ' B';
  const units = ['KiB', 'MiB', 'GiB', 'TiB'];
  let value = n / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) { value /= 1024; unit++; }
  return Number(value.toFixed(value >= 100 ? 0 : value >= 10 ? 1 : 2)) + ' ' + units[unit];
}

export const absolute = (relative) => new URL(relative, document.baseURI).href;

/** Says `text` in the page's status region (role=status), for screen readers. */
export function announce(text) {
  const status = $('status');
  status.textContent = '';
  // Set a moment later, so that a repeated message is announced again.
  setTimeout(() => { status.textContent = text; }, 50);
}

/** Copies `text`, and says on `button` whether that worked. */
export async function copy(text, button) {
  let copied = false;
  try {
    await navigator.clipboard.writeText(text);
    copied = true;
  } catch (e) {
    // No clipboard API (plain http to another host) or no permission: select and copy instead.
    const area = el('textarea', { class: 'visually-hidden', readonly: true, 'aria-hidden': 'true' });
    area.value = text;
    document.body.append(area);
    area.select();
    try { copied = document.execCommand('copy'); } catch (ignored) { copied = false; }
    area.remove();
  }
  const label = button.dataset.label || button.textContent;
  button.dataset.label = label;
  button.textContent = copied ? 'Copied' : 'Copy failed';
  announce(copied ? 'Link copied.' : 'The link could not be copied; select it and copy it by hand.');
  setTimeout(() => { button.textContent = label; }, 1600);
}

export function load(storage, key, fallback) {
  try {
    const value = storage.getItem(key);
    return value === null ? fallback : JSON.parse(value);
  } catch (e) {
    return fallback;
  }
}

/** Stores `value` as JSON, or removes `key` for null; without storage the page just forgets. */
export function save(storage, key, value) {
  try {
    if (value === null) storage.removeItem(key);
    else storage.setItem(key, JSON.stringify(value));
  } catch (e) {
    // Storage full or disabled: the page works on without remembering.
  }
}
