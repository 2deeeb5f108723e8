// What the server offers beyond w/h/fit/format/q (GET v1/presets): the presets it was started
// with, for the builder's preset list, and whether it has a watermark for wm=. A server that
// answers nothing usable offers neither.
import { $, el } from './dom.js';

const NONE = { presets: [], presetsOnly: false, watermark: false, watermarkAll: false };
let marksEveryCopy = false; // --watermark-all: the server refuses wm=0

export async function loadVariantOptions() {
  try {
    const answer = await fetch('v1/presets');
    return answer.ok ? { ...NONE, ...(await answer.json()) } : NONE;
  } catch (unreachable) {
    return NONE;
  }
}

/** Fills the preset list and shows the preset and watermark fields the server offers. */
export function showVariantOptions(options) {
  const select = $('v-preset');
  for (const preset of options.presets) {
    const text = preset.name + ' (' + Object.entries(preset.parameters).map(([k, v]) => k + ' ' + v).join(', ') + ')'
      + (preset.eager ? ', made at upload' : '');
    select.append(el('option', { value: preset.name }, text));
  }
  if (options.presetsOnly && options.presets.length > 0) {
    select.querySelector('option[value=""]').remove();
    $('preset-note').textContent = 'This server makes only its presets: choose one.';
  }
  $('preset-field').hidden = options.presets.length === 0;
  $('wm-field').hidden = !options.watermark;
  marksEveryCopy = options.watermarkAll;
  if (marksEveryCopy) $('v-wm').placeholder = '0.5 (every copy is marked)';
}

/**
 * The query a chosen preset or watermark makes, or null when neither is chosen: a preset names
 * the whole variant; the watermark adds wm= to the other fields' query.
 */
export function presetQuery() {
  const preset = $('v-preset').value;
  return preset ? new URLSearchParams({ preset }) : null;
}

export function watermarkParam() {
  const raw = $('v-wm').value.trim();
  if (raw === '') return {};
  const opacity = Number(raw);
  if (!(opacity >= 0 && opacity <= 1) || !/^(0|1|0?\.\d{1,2}|1\.0{1,2})$/.test(raw)) {
    return { error: 'Watermark opacity must be a number from 0 to 1, like 0.5.' };
  }
  if (marksEveryCopy && opacity === 0) return { error: 'This server marks every copy: the opacity must be above 0.' };
  return { wm: raw };
}
