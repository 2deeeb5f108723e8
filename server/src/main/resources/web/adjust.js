// The builder's geometry and effect fields (crop, rotate, flip, bg, dpr, blur, sharpen): read,
// checked with the server's ranges, and added to the query after w, h, fit, format and q.

/** The fields, by query parameter. */
export function adjustFields($) {
  return {
    crop: $('v-crop'), rotate: $('v-rotate'), flip: $('v-flip'), bg: $('v-bg'),
    dpr: $('v-dpr'), blur: $('v-blur'), sharpen: $('v-sharpen'),
  };
}

const SIGMA = { blur: 100, sharpen: 10 };

/** Adds the given fields to params; returns an error in plain words, or '' when all are fine. */
export function addAdjustments(fields, params) {
  const crop = fields.crop.value.trim();
  if (crop !== '') {
    if (!/^\d{1,9},\d{1,9},\d{1,9},\d{1,9}$/.test(crop) || crop.split(',').slice(2).some((n) => Number(n) < 1)) {
      return 'Crop must be x,y,w,h in pixels of the original, with a width and height of 1 or more.';
    }
    params.set('crop', crop);
  }
  if (fields.rotate.value) params.set('rotate', fields.rotate.value);
  if (fields.flip.value) params.set('flip', fields.flip.value);
  const bg = fields.bg.value.trim();
  if (bg !== '') {
    if (params.get('fit') !== 'pad') return 'A background colour is for fit “pad” only.';
    if (!/^[0-9a-fA-F]{6}([0-9a-fA-F]{2})?$/.test(bg)) return 'Background must be RRGGBB or RRGGBBAA, e.g. ffffff.';
    params.set('bg', bg);
  }
  if (fields.dpr.value && fields.dpr.value !== '1') {
    if (!params.has('w') && !params.has('h')) return 'Pixel ratio multiplies the width and height: give one of them.';
    params.set('dpr', fields.dpr.value);
  }
  for (const name of ['blur', 'sharpen']) {
    const raw = fields[name].value.trim();
    if (raw === '') continue;
    const n = Number(raw);
    if (!/^\d{1,3}(\.\d)?$/.test(raw) || n < 0.3 || n > SIGMA[name]) {
      return (name === 'blur' ? 'Blur' : 'Sharpen') + ' must be from 0.3 to ' + SIGMA[name] + ', one decimal at most.';
    }
    params.set(name, raw);
  }
  return '';
}
