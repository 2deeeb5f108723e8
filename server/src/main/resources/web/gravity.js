// The builder's gravity select and focal point field (gravity=, fp=): which part fit=cover keeps.
// They mean something for cover only, and the server takes one or the other, never both.

/** The fields, by query parameter. */
export function gravityFields($) {
  return { gravity: $('v-gravity'), fp: $('v-fp') };
}

/** A decimal from 0 to 1 as the server reads fp's x and y: digits and one dot, 8 characters at most. */
const fraction = (text) => /^\d*\.?\d*$/.test(text) && /\d/.test(text) && text.length <= 8 && Number(text) <= 1;

/** Adds gravity or fp to params of a cover crop; returns an error in plain words, or ''. */
export function addGravity(fields, params) {
  if (params.get('fit') !== 'cover') return '';
  const point = fields.fp.value.trim();
  if (point === '') {
    if (fields.gravity.value) params.set('gravity', fields.gravity.value);
    return '';
  }
  if (fields.gravity.value) return 'Choose a gravity or a focal point, not both: the focal point is a gravity of its own.';
  const xy = point.split(',');
  if (xy.length !== 2 || !xy.every(fraction)) return 'Focal point must be x,y with each from 0 to 1, like 0.3,0.6.';
  params.set('fp', point);
  return '';
}
