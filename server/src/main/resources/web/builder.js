// The variant builder: w, h, fit, format, q and gravity (adjust.js's geometry and effects; or a preset, and a watermark:
// presets.js) for one stored image, a live preview made by the server, and the link in its /v1 form and, where one exists,
// sis 2.0's.
import { $, absolute, bytes, copy } from './dom.js';
import { variantUrl } from './images.js';
import { adjustFields, addAdjustments } from './adjust.js';
import { loadVariantOptions, presetQuery, showVariantOptions, watermarkParam } from './presets.js';
import { addGravity, gravityFields } from './gravity.js';

const FIT_HELP = {
  contain: 'contain: fit inside w × h, keeping the aspect ratio.',
  cover: 'cover: fill w × h exactly, cropping where the gravity says.',
  stretch: 'stretch: exactly w × h, distorting if need be.',
  inside: 'inside: as contain, but never larger than the original.',
  pad: 'pad: as contain, then centred on exactly w × h of the background colour.',
};

/**
 * @param maxDimension the largest w or h the server accepts
 * @param onOpen       (image) => void, when an image is opened in the builder
 */
export function createBuilder({ maxDimension, onOpen }) {
  const fields = { w: $('v-w'), h: $('v-h'), fit: $('v-fit'), format: $('v-format'), q: $('v-q') };
  const adjustments = adjustFields($);
  const gravity = gravityFields($); // only cover crops, so only cover sends them
  const preview = $('variant-preview');
  let image = null;
  let timer = 0;
  let offered = false; // until the server says what it offers (a --presets-only server refuses the fields)
  fields.w.max = maxDimension;
  fields.h.max = maxDimension;

  function open(chosen, focus) {
    image = chosen;
    $('builder-empty').hidden = true;
    $('variant-form').hidden = false;
    $('variant-name').textContent = image.name;
    $('variant-original').textContent = image.width + ' × ' + image.height + ' px, ' + bytes(image.size);
    if (!fields.w.value && !fields.h.value) fields.w.value = Math.min(image.width, 400);
    onOpen(image);
    update(true);
    if (focus) {
      $('builder').scrollIntoView({ behavior: 'smooth', block: 'start' });
      fields.w.focus({ preventScroll: true });
    }
  }

  /** The query for the current fields, or an error in plain words. */
  function query() {
    const fromPreset = presetQuery();
    if (fromPreset) return { params: fromPreset }; // a preset names the whole variant
    const params = new URLSearchParams();
    for (const side of ['w', 'h']) {
      const raw = fields[side].value.trim();
      if (raw === '') continue;
      const n = Number(raw);
      if (!Number.isInteger(n) || n < 1 || n > maxDimension) {
        return { error: (side === 'w' ? 'Width' : 'Height') + ' must be a whole number from 1 to ' + maxDimension + '.' };
      }
      params.set(side, String(n));
    }
    const resized = params.has('w') || params.has('h');
    params.set('fit', fields.fit.value);
    if (fields.format.value) params.set('format', fields.format.value);
    const q = fields.q.value.trim();
    if (q !== '') {
      const n = Number(q);
      if (!Number.isInteger(n) || n < 1 || n > 100) return { error: 'Quality must be a whole number from 1 to 100.' };
      params.set('q', String(n));
    }
    const adjustError = addAdjustments(adjustments, params);
    if (adjustError) return { error: adjustError };
    if (!resized && !params.has('format') && !params.has('q')) params.delete('fit');
    const gravityError = addGravity(gravity, params);
    if (gravityError) return { error: gravityError };
    const mark = watermarkParam();
    if (mark.error) return { error: mark.error };
    if (mark.wm) params.set('wm', mark.wm);
    return { params };
  }

  /** sis 2.0 has the original (simple_down) and exact stretches (stretch_simple_down) only. */
  function legacyLink(params) {
    const keys = Array.from(params.keys());
    if (keys.length === 0) {
      return { url: 'simple_down?md5=' + image.md5, note: 'sis 2.0’s download route for the original.' };
    }
    const w = Number(params.get('w'));
    const h = Number(params.get('h'));
    if (params.get('fit') === 'stretch' && w >= 5 && h >= 5 && keys.every((k) => ['w', 'h', 'fit'].includes(k))) {
      return { url: 'stretch_simple_down?md5=' + image.md5 + '&w=' + w + '&h=' + h,
        note: 'sis 2.0’s route stretches to exactly w × h; a JPEG comes back at quality 100.' };
    }
    return { url: '', note: 'sis 2.0’s routes only stretch to an exact size: choose fit “stretch”, a width and a height '
      + 'of 5 or more, the original format and no quality for a sis 2.0 link.' };
  }

  /**
   * A preset names the whole variant (the server answers 400 to anything beside it), so its
   * choice turns the other fields off; gravity and fp are for cover crops only.
   */
  function lockFields() {
    const preset = presetQuery() !== null;
    for (const field of [...Object.values(fields), ...Object.values(adjustments), $('v-wm')]) field.disabled = preset;
    for (const field of Object.values(gravity)) field.disabled = preset || fields.fit.value !== 'cover';
    $('preset-note').hidden = !preset;
  }

  function update(now) {
    clearTimeout(timer);
    lockFields();
    timer = setTimeout(render, now ? 0 : 300);
    $('fit-help').textContent = FIT_HELP[fields.fit.value] + ' Quality changes JPEG, WebP and AVIF output only.';
  }

  function render() {
    if (!image || !offered) return;
    const { params, error } = query();
    $('variant-error').textContent = error || '';
    const legacy = error ? { url: '', note: '' } : legacyLink(params);
    const url = error ? '' : variantUrl(image, params.toString());
    $('url-v1').value = url ? absolute(url) : '';
    $('url-legacy').value = legacy.url ? absolute(legacy.url) : '';
    $('url-legacy').placeholder = legacy.url || error ? '' : 'no sis 2.0 link for these settings';
    document.querySelector('[data-copy-from="url-v1"]').disabled = !url;
    document.querySelector('[data-copy-from="url-legacy"]').disabled = !legacy.url;
    $('legacy-note').textContent = legacy.note;
    if (url && preview.getAttribute('src') !== url) {
      $('variant-size').textContent = 'Loading…';
      preview.src = url;
    }
  }

  preview.addEventListener('load', () => {
    $('variant-size').textContent = 'Preview: ' + preview.naturalWidth + ' × ' + preview.naturalHeight + ' px';
  });
  preview.addEventListener('error', async () => {
    const src = preview.getAttribute('src');
    $('variant-size').textContent = '';
    let message = 'The server could not make this copy.';
    try {
      const answer = await (await fetch(src)).json();
      if (answer && answer.error) message += ' (' + answer.error + ')';
    } catch (ignored) {
      // The reason stays unknown; the plain message is enough.
    }
    if (preview.getAttribute('src') === src) $('variant-error').textContent = message;
  });
  for (const field of [...Object.values(fields), ...Object.values(gravity), ...Object.values(adjustments)]) {
    field.addEventListener('input', () => update(false));
    field.addEventListener('change', () => update(true));
  }
  $('variant-form').addEventListener('submit', (e) => { e.preventDefault(); update(true); });
  for (const extra of [$('v-preset'), $('v-wm')]) {
    extra.addEventListener('input', () => update(false));
    extra.addEventListener('change', () => update(true));
  }
  loadVariantOptions().then((options) => {
    showVariantOptions(options);
    offered = true;
    update(true);
  });
  for (const button of document.querySelectorAll('[data-copy-from]')) {
    button.addEventListener('click', () => {
      const value = $(button.dataset.copyFrom).value;
      if (value) copy(value, button);
    });
  }

  return { open, current: () => image };
}
