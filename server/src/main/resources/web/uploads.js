// The upload list: each file is its own POST to v1/images, at most three at a time, so each
// has its own progress bar, cancel button and answer; one bar adds them all up.
import { $, absolute, announce, bytes, copy, el } from './dom.js';
import { FORMATS, isImage, originalUrl, thumbnail } from './images.js';

const PARALLEL = 3;
const RESIZE_EXAMPLE = '?w=800&fit=inside';

/**
 * @param settings   {maxUploadBytes}
 * @param token      () => the upload token to send, or ''
 * @param onStored   (image) => void, with the server's description of a stored file
 * @param onResize   (image) => void, when the person asks to resize it
 * @param onUnauthorized () => void, when the server wants a token (401)
 */
export function createUploads({ settings, token, onStored, onResize, onUnauthorized }) {
  const queue = [];
  const batch = [];
  let running = 0;

  function add(files) {
    const list = Array.from(files || []);
    if (list.length === 0) return;
    if (batch.length > 0 && batch.every((u) => u.finished)) batch.length = 0;
    for (const file of list) {
      const upload = { file, loaded: 0, total: file.size, finished: false, ok: false, xhr: null };
      upload.node = itemNode(upload);
      $('uploads').prepend(upload.node.item);
      batch.push(upload);
      if (file.size > settings.maxUploadBytes) {
        fail(upload, 413, 'the file is ' + bytes(file.size));
      } else {
        queue.push(upload);
      }
    }
    pump();
    renderOverall();
  }

  function itemNode(upload) {
    const name = upload.file.name;
    const bar = el('progress', { max: '1', value: '0', 'aria-label': 'Upload of ' + name });
    const percent = el('span', { text: '0 %' });
    const cancel = el('button', { type: 'button', class: 'quiet', text: 'Cancel', 'aria-label': 'Cancel ' + name,
      onclick: () => cancelOne(upload) });
    const progress = el('div', { class: 'item-progress' }, bar, percent, cancel);
    const thumb = el('div', { class: 'thumb' }, el('span', { class: 'mark', 'aria-hidden': 'true', text: '⇡' }));
    const body = el('div', { class: 'item-body' },
      el('p', { class: 'item-name', text: name }), el('p', { class: 'hint', text: bytes(upload.file.size) }), progress);
    return { item: el('li', { class: 'item uploading' }, thumb, body), thumb, body, progress, bar, percent };
  }

  function pump() {
    while (running < PARALLEL && queue.length > 0) send(queue.shift());
  }

  function send(upload) {
    running++;
    const xhr = new XMLHttpRequest();
    upload.xhr = xhr;
    xhr.open('POST', 'v1/images');
    const bearer = token();
    if (bearer) xhr.setRequestHeader('Authorization', 'Bearer ' + bearer);
    upload.sentToken = Boolean(bearer);
    xhr.upload.addEventListener('progress', (e) => {
      if (!e.lengthComputable) return;
      upload.loaded = e.loaded;
      upload.total = e.total;
      renderProgress(upload);
    });
    xhr.addEventListener('load', () => {
      settle(upload);
      const answer = parse(xhr.responseText);
      if (xhr.status === 201 && answer && Array.isArray(answer.images) && answer.images.length === 1) {
        succeed(upload, answer.images[0]);
      } else {
        fail(upload, xhr.status, answer && answer.error);
      }
    });
    xhr.addEventListener('error', () => { settle(upload); fail(upload, 0, null); });
    xhr.addEventListener('abort', () => { settle(upload); cancelled(upload); });
    const form = new FormData();
    form.append('file', upload.file, upload.file.name);
    xhr.send(form);
  }

  function parse(text) {
    try { return JSON.parse(text); } catch (e) { return null; }
  }

  function settle(upload) {
    running--;
    upload.xhr = null;
    upload.finished = true;
    upload.loaded = upload.total;
    setTimeout(pump, 0);
  }

  function cancelOne(upload) {
    if (upload.finished) return;
    const waiting = queue.indexOf(upload);
    if (waiting >= 0) {
      queue.splice(waiting, 1);
      upload.finished = true;
      cancelled(upload);
    } else if (upload.xhr) {
      upload.xhr.abort();
    }
  }

  function renderProgress(upload) {
    const fraction = upload.total > 0 ? Math.min(1, upload.loaded / upload.total) : 0;
    upload.node.bar.value = fraction;
    upload.node.percent.textContent = Math.round(fraction * 100) + ' %';
    renderOverall();
  }

  function renderOverall() {
    $('overall').hidden = batch.length === 0;
    if (batch.length === 0) return;
    const total = batch.reduce((sum, u) => sum + u.total, 0);
    const loaded = batch.reduce((sum, u) => sum + (u.finished ? u.total : u.loaded), 0);
    const done = batch.filter((u) => u.finished).length;
    const files = batch.length === 1 ? '1 file' : batch.length + ' files';
    $('overall-bar').value = total > 0 ? loaded / total : (done === batch.length ? 1 : 0);
    $('cancel-all').hidden = done === batch.length;
    $('overall-text').textContent = done === batch.length
      ? batch.filter((u) => u.ok).length + ' of ' + files + ' stored'
      : 'Uploading ' + done + ' of ' + files + ' done, ' + bytes(loaded) + ' of ' + bytes(total);
  }

  function finish(upload, state) {
    upload.node.item.className = 'item ' + state;
    upload.node.progress.remove();
    renderOverall();
    if (batch.every((u) => u.finished)) {
      announce(batch.filter((u) => u.ok).length + ' of ' + batch.length + (batch.length === 1 ? ' file' : ' files') + ' stored.');
    }
  }

  function succeed(upload, image) {
    upload.ok = true;
    const link = originalUrl(image);
    upload.node.thumb.replaceChildren(thumbnail(image, false));
    upload.node.body.replaceChildren(
      el('p', { class: 'item-name' }, el('a', { href: link, text: image.name }),
        ' ', el('span', { class: 'done-mark', text: '✓ stored' })),
      facts(image),
      el('div', { class: 'actions' },
        el('button', { type: 'button', text: 'Copy link', 'aria-label': 'Copy the link to ' + image.name,
          onclick: (e) => copy(absolute(link), e.currentTarget) }),
        isImage(image) ? el('button', { type: 'button', text: 'Copy 800 px link',
          'aria-label': 'Copy a link to ' + image.name + ' at most 800 pixels wide',
          onclick: (e) => copy(absolute('v1/images/' + image.md5 + RESIZE_EXAMPLE), e.currentTarget) }) : null,
        isImage(image) ? el('button', { type: 'button', text: 'Resize…', 'aria-label': 'Resize ' + image.name,
          onclick: () => onResize(image) }) : null));
    finish(upload, 'done');
    onStored(image);
  }

  function facts(image) {
    const rows = [['MD5', el('code', { text: image.md5 })], ['Size', bytes(image.size)]];
    if (isImage(image)) rows.push(['Dimensions', image.width + ' × ' + image.height + ' px']);
    rows.push(['Type', image.contentType]);
    const list = el('dl', { class: 'facts' });
    for (const [term, value] of rows) list.append(el('dt', { text: term }), el('dd', {}, value));
    return list;
  }

  function fail(upload, status, detail) {
    upload.finished = true;
    const name = upload.file.name;
    const retryable = status === 0 || status === 401 || status === 403 || status >= 500;
    upload.node.thumb.replaceChildren(el('span', { class: 'mark', 'aria-hidden': 'true', text: '!' }));
    // replaceChildren, unlike el(), would write a null child out as the word "null".
    const children = [
      el('p', { class: 'item-name', text: name }),
      el('p', { class: 'error', role: 'alert', text: explain(upload, status, detail) }),
    ];
    if (retryable) {
      children.push(el('div', { class: 'actions' }, el('button', { type: 'button', text: 'Try again',
        'aria-label': 'Try uploading ' + name + ' again', onclick: () => retry(upload) })));
    }
    upload.node.body.replaceChildren(...children);
    finish(upload, 'failed');
    if (status === 401) onUnauthorized();
  }

  /**
   * The failure in plain words. The server's own message follows only where the plain words do
   * not already say it all: for a body it could not read and for statuses without words here.
   */
  function explain(upload, status, detail) {
    const needsToken = settings.tokenRequired
      ? 'this server needs an upload token. Enter it in the field above, then try again.'
      : 'this server now needs an upload token. Reload the page to enter it, then try again.';
    const why = {
      0: 'the connection to the server broke off. The server may be down, or it refused a file this large.',
      400: 'the server could not read the upload.',
      401: upload.sentToken ? 'the upload token was not accepted. Check it, then try again.' : needsToken,
      403: 'this token may not upload here.',
      413: detail && /name/i.test(detail)
        ? 'its name is too long or not allowed. Rename the file, then upload it again.'
        : 'it is too large. This server takes at most ' + bytes(settings.maxUploadBytes) + ' per upload.',
      415: 'it is not an image this server accepts (' + FORMATS + ').',
      502: 'the storage server behind this one answered badly. Try again later.',
      503: 'the server is busy. Try again in a moment.',
      504: 'the storage server behind this one did not answer in time. Try again later.',
      507: 'the server has no space left.',
    }[status];
    const plain = why || 'the server answered with an error (' + status + ').';
    const said = detail && (!why || status === 400) ? ' The server said: ' + detail.replace(/\.$/, '') + '.' : '';
    return '“' + upload.file.name + '” was not stored: ' + plain + said;
  }

  function retry(upload) {
    const index = batch.indexOf(upload);
    if (index >= 0) batch.splice(index, 1);
    upload.node.item.remove();
    add([upload.file]);
  }

  function cancelled(upload) {
    upload.node.thumb.replaceChildren(el('span', { class: 'mark', 'aria-hidden': 'true', text: '×' }));
    upload.node.body.replaceChildren(
      el('p', { class: 'item-name', text: upload.file.name }),
      el('p', { class: 'hint', text: 'Cancelled: nothing was stored.' }));
    finish(upload, 'cancelled');
  }

  return {
    add,
    cancelAll: () => batch.slice().forEach(cancelOne),
  };
}
