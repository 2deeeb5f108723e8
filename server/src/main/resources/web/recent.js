// Recent uploads of this browser, kept in localStorage (nothing on the server), as a gallery
// whose pictures open in the variant builder.
import { $, announce, el, load, save } from './dom.js';
import { imageKey, isImage, originalUrl, thumbnail } from './images.js';

const KEY = 'sis.recent';
const MAX = 60;

/**
 * @param onPick   (image) => void, when a picture in the gallery is chosen
 * @param selected () => the image open in the builder, or null
 */
export function createRecent({ onPick, selected }) {
  function list() {
    return load(localStorage, KEY, []).filter((r) => r && /^[0-9a-f]{32}$/.test(r.md5) && typeof r.name === 'string');
  }

  function remember(image) {
    const recent = list().filter((r) => imageKey(r) !== imageKey(image));
    recent.unshift({ name: image.name, md5: image.md5, size: image.size, contentType: image.contentType,
      width: image.width, height: image.height, at: Date.now() });
    save(localStorage, KEY, recent.slice(0, MAX));
    render();
  }

  function render() {
    const recent = list();
    const current = selected();
    $('gallery').replaceChildren(...recent.map((image) => {
      const label = image.name + (isImage(image) ? ', ' + image.width + ' × ' + image.height + ' px' : '');
      const content = [el('span', { class: 'thumb' }, thumbnail(image, true)), el('span', { class: 'caption', text: image.name })];
      const control = isImage(image)
        ? el('button', { type: 'button', class: 'pick', 'data-key': imageKey(image), 'aria-label': 'Resize ' + label,
          'aria-pressed': String(current !== null && imageKey(current) === imageKey(image)),
          onclick: () => onPick(image) }, ...content)
        : el('a', { href: originalUrl(image), 'aria-label': label }, ...content);
      return el('li', {}, control);
    }));
    $('recent-empty').hidden = recent.length > 0;
    $('clear-recent').hidden = recent.length === 0;
  }

  /** Marks the picture open in the builder (aria-pressed). */
  function markSelected(image) {
    for (const button of document.querySelectorAll('#gallery button.pick')) {
      button.setAttribute('aria-pressed', String(button.dataset.key === imageKey(image)));
    }
  }

  $('recent-title').tabIndex = -1;
  $('clear-recent').addEventListener('click', () => {
    save(localStorage, KEY, null);
    render();
    announce('The list of recent uploads is cleared.');
    $('recent-title').focus();
  });
  // Another tab of the same server uploaded or cleared.
  window.addEventListener('storage', (e) => { if (e.key === KEY || e.key === null) render(); });
  render();

  return { remember, markSelected };
}
