// Links to stored images, relative to the page so that sis may sit behind a path prefix.
import { el } from './dom.js';

export const FORMATS = 'JPEG, PNG, GIF, WebP or BMP';
// A server with --presets-only refuses any other size (403), so its thumbnails are the originals.
const THUMBNAIL = document.body.dataset.presetsOnly === 'true' ? '' : '?w=320&h=320&fit=inside';

/** The original under its name: v1/images/{md5}/{name}. */
export const originalUrl = (image) => 'v1/images/' + image.md5 + '/' + encodeURIComponent(image.name);

/** Any copy of the image: v1/images/{md5}?{query}. */
export const variantUrl = (image, query) => 'v1/images/' + image.md5 + (query ? '?' + query : '');

/** Whether the server could read it as an image (with accept-any-file it may be any file). */
export const isImage = (image) => Number.isInteger(image.width) && Number.isInteger(image.height);

/** One stored file: an MD5 under one name. */
export const imageKey = (image) => image.md5 + '/' + image.name;

/** A small copy made by the server, or a mark for a file that is not an image. */
export function thumbnail(image, lazy) {
  if (!isImage(image)) return el('span', { class: 'mark', 'aria-hidden': 'true', text: '▤' });
  return el('img', {
    src: 'v1/images/' + image.md5 + THUMBNAIL, alt: 'Thumbnail of ' + image.name, loading: lazy ? 'lazy' : null,
    width: image.width >= image.height ? 96 : null, height: image.height > image.width ? 96 : null,
  });
}
