// The sis upload page. Plain script, no build step; the server serves it from the jar.
//
// Each file is its own POST to v1/images (at most three at a time), so each has its own
// progress bar, cancel button and answer. The server tells the page, in data- attributes of
// <body>, whether uploads need a token, the upload size limit and the largest w/h; a 401 also
// shows the token field. URLs are relative, so the page works behind a path prefix too.
'use strict';

(() => {
  document.documentElement.classList.add('js');

  const $ = (id) => document.getElementById(id);
  const settings = {
    tokenRequired: document.body.dataset.uploadToken === 'required',
    maxUploadBytes: Number(document.body.dataset.maxUploadBytes) || Infinity,
    maxDimension: Number(document.body.dataset.maxDimension) || 10000,
  };
  const PARALLEL = 3;
  const RECENT_KEY = 'sis.recent';
  const RECENT_MAX = 60;
  const TOKEN_KEY = 'sis.uploadToken';
  const THUMB = '?w=320&h=320&fit=inside';
  const RESIZE_EXAMPLE = '?w=800&fit=inside';
  const FORMATS = 'JPEG, PNG, GIF, WebP or BMP';

  // ---------- small helpers ----------

  function el(tag, props, ...children) {
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

  function bytes(n) {
    if (!Number.isFinite(n)) return 'any size';
    if (n < 1024) return n + ' B';
    const units = ['KiB', 'MiB', 'GiB', 'TiB'];
    let value = n / 1024;
    let unit = 0;
    while (value >= 1024 && unit < units.length - 1) { value /= 1024; unit++; }
    return Number(value.toFixed(value >= 100 ? 0 : value >= 10 ? 1 : 2)) + ' ' + units[unit];
  }

  const absolute = (relative) => new URL(relative, document.baseURI).href;
  const originalUrl = (image) => 'v1/images/' + image.md5 + '/' + encodeURIComponent(image.name);
  const isImage = (image) => Number.isInteger(image.width) && Number.isInteger(image.height);

  function announce(text) {
    const status = $('status');
    status.textContent = '';
    // A fresh text node, a moment later, so screen readers announce repeated messages too.
    setTimeout(() => { status.textContent = text; }, 50);
  }

  async function copy(text, button) {
    let copied = false;
    try {
      await navigator.clipboard.writeText(text);
      copied = true;
    } catch (e) {
      // No clipboard API (plain http on another host) or no permission: select and copy instead.
      const area = el('textarea', { class: 'visually-hidden', readonly: true, 'aria-hidden': 'true' });
      area.value = text;
      document.body.append(area);
      area.select();
      try { copied = document.execCommand('copy'); } catch (ignored) { copied = false; }
      area.remove();
    }
    const label = button.textContent;
    button.textContent = copied ? 'Copied' : 'Copy failed';
    announce(copied ? 'Link copied.' : 'The link could not be copied; select it and copy it by hand.');
    setTimeout(() => { button.textContent = label; }, 1600);
  }

  // ---------- storage that may be missing (private windows, blocked cookies) ----------

  function load(storage, key, fallback) {
    try {
      const value = storage.getItem(key);
      return value === null ? fallback : JSON.parse(value);
    } catch (e) {
      return fallback;
    }
  }

  function save(storage, key, value) {
    try {
      if (value === null) storage.removeItem(key);
      else storage.setItem(key, JSON.stringify(value));
    } catch (e) {
      // Storage full or disabled: the page works on without remembering.
    }
  }

  // ---------- the upload token ----------

  const tokenRow = $('token-row');
  const tokenInput = $('token');
  tokenInput.value = load(sessionStorage, TOKEN_KEY, '');
  tokenInput.addEventListener('input', () => save(sessionStorage, TOKEN_KEY, tokenInput.value.trim() || null));
  if (settings.tokenRequired) tokenRow.hidden = false;

  function showTokenField() {
    if (tokenRow.hidden) tokenRow.hidden = false;
    if (!tokenInput.value) tokenInput.focus();
  }

  // ---------- uploads ----------

  const queue = [];
  const all = [];
  let running = 0;

  $('drop-hint').textContent = FORMATS + ', up to ' + bytes(settings.maxUploadBytes) + ' each';

  function addFiles(files) {
    const list = Array.from(files || []);
    if (list.length === 0) return;
    if (all.length > 0 && all.every((u) => u.finished)) all.length = 0;
    for (const file of list) {
      const upload = { file, loaded: 0, total: file.size, finished: false, xhr: null, node: null };
      upload.node = uploadNode(upload);
      $('uploads').prepend(upload.node.item);
      all.push(upload);
      if (file.size > settings.maxUploadBytes) {
        fail(upload, 413, 'the file is ' + bytes(file.size));
      } else {
        queue.push(upload);
      }
    }
    pump();
    renderOverall();
  }

  function uploadNode(upload) {
    const bar = el('progress', { max: '1', value: '0', 'aria-label': 'Upload of ' + upload.file.name });
    const percent = el('span', { text: '0 %' });
    const cancel = el('button', { type: 'button', class: 'quiet', text: 'Cancel', 'aria-label': 'Cancel ' + upload.file.name,
      onclick: () => cancelUpload(upload) });
    const progress = el('div', { class: 'item-progress' }, bar, percent, cancel);
    const thumb = el('div', { class: 'thumb' }, el('span', { class: 'mark', 'aria-hidden': 'true', text: '⇡' }));
    const body = el('div', { class: 'item-body' },
      el('p', { class: 'item-name', text: upload.file.name }),
      el('p', { class: 'hint', text: bytes(upload.file.size) }),
      progress);
    const item = el('li', { class: 'item uploading' }, thumb, body);
    return { item, thumb, body, progress, bar, percent };
  }

  function pump() {
    while (running < PARALLEL && queue.length > 0) {
      send(queue.shift());
    }
  }

  function send(upload) {
    running++;
    const xhr = new XMLHttpRequest();
    upload.xhr = xhr;
    xhr.open('POST', 'v1/images');
    const token = tokenInput.value.trim();
    if (token) xhr.setRequestHeader('Authorization', 'Bearer ' + token);
    upload.sentToken = Boolean(token);
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

  function cancelUpload(upload) {
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
    const box = $('overall');
    if (all.length === 0) { box.hidden = true; return; }
    box.hidden = false;
    const total = all.reduce((sum, u) => sum + u.total, 0);
    const loaded = all.reduce((sum, u) => sum + (u.finished ? u.total : u.loaded), 0);
    const done = all.filter((u) => u.finished).length;
    const bar = $('overall-bar');
    bar.value = total > 0 ? loaded / total : (done === all.length ? 1 : 0);
    const files = all.length === 1 ? '1 file' : all.length + ' files';
    if (done === all.length) {
      const stored = all.filter((u) => u.ok).length;
      $('overall-text').textContent = stored + ' of ' + files + ' stored';
      $('cancel-all').hidden = true;
    } else {
      $('overall-text').textContent = 'Uploading ' + done + ' of ' + files + ' done, ' + bytes(loaded) + ' of ' + bytes(total);
      $('cancel-all').hidden = false;
    }
  }

  function finish(upload, state) {
    upload.node.item.className = 'item ' + state;
    upload.node.progress.remove();
    renderOverall();
    if (all.every((u) => u.finished)) {
      const stored = all.filter((u) => u.ok).length;
      announce(stored + ' of ' + all.length + (all.length === 1 ? ' file' : ' files') + ' stored.');
    }
  }

  function succeed(upload, image) {
    upload.ok = true;
    const node = upload.node;
    const link = originalUrl(image);
    node.thumb.replaceChildren(thumbnail(image));
    node.body.replaceChildren(
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
          onclick: () => openBuilder(image, true) }) : null));
    finish(upload, 'done');
    remember(image);
    if (isImage(image) && !builder.image) openBuilder(image, false);
  }

  function thumbnail(image, lazy) {
    if (!isImage(image)) return el('span', { class: 'mark', 'aria-hidden': 'true', text: '▤' });
    return el('img', { src: 'v1/images/' + image.md5 + THUMB, alt: 'Thumbnail of ' + image.name, loading: lazy ? 'lazy' : null,
      width: image.width >= image.height ? 96 : null, height: image.height > image.width ? 96 : null });
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
    upload.ok = false;
    if (!upload.finished) upload.finished = true;
    const node = upload.node;
    node.thumb.replaceChildren(el('span', { class: 'mark', 'aria-hidden': 'true', text: '!' }));
    const retryable = status === 0 || status === 401 || status === 403 || status >= 500;
    node.body.replaceChildren(
      el('p', { class: 'item-name', text: upload.file.name }),
      el('p', { class: 'error', role: 'alert', text: explain(upload, status, detail) }),
      retryable ? el('div', { class: 'actions' }, el('button', { type: 'button', text: 'Try again',
        'aria-label': 'Try uploading ' + upload.file.name + ' again', onclick: () => retry(upload) })) : null);
    finish(upload, 'failed');
    if (status === 401) showTokenField();
  }

  /** The failure in plain words; the server's own message, when there is one, follows in brackets. */
  function explain(upload, status, detail) {
    const name = '“' + upload.file.name + '” was not stored: ';
    const why = {
      0: 'the connection to the server broke off. The server may be down, or it refused a file this large.',
      400: 'the server could not read the upload.',
      401: upload.sentToken
        ? 'the upload token was not accepted. Check it, then try again.'
        : 'this server needs an upload token. Enter it in the field above, then try again.',
      403: 'this token may not upload here.',
      413: detail && /name/i.test(detail)
        ? 'its name is too long or not allowed. Rename the file, then upload it again.'
        : 'it is too large. This server takes at most ' + bytes(settings.maxUploadBytes) + ' per upload.',
      415: 'it is not an image this server accepts (' + FORMATS + ').',
      502: 'the storage server behind this one answered badly. Try again later.',
      503: 'the server is busy. Try again in a moment.',
      504: 'the storage server behind this one did not answer in time. Try again later.',
      507: 'the server has no space left.',
    }[status] || 'the server answered with an error (' + status + ').';
    return name + why + (detail && status !== 401 ? ' (' + detail + ')' : '');
  }

  function retry(upload) {
    const index = all.indexOf(upload);
    if (index >= 0) all.splice(index, 1);
    upload.node.item.remove();
    addFiles([upload.file]);
  }

  function cancelled(upload) {
    upload.ok = false;
    upload.node.body.replaceChildren(
      el('p', { class: 'item-name', text: upload.file.name }),
      el('p', { class: 'hint', text: 'Cancelled: nothing was stored.' }));
    upload.node.thumb.replaceChildren(el('span', { class: 'mark', 'aria-hidden': 'true', text: '×' }));
    finish(upload, 'cancelled');
  }

  $('cancel-all').addEventListener('click', () => {
    for (const upload of all.slice()) cancelUpload(upload);
  });

  const fileInput = $('files');
  fileInput.addEventListener('change', () => {
    addFiles(fileInput.files);
    fileInput.value = '';
  });
  $('upload-form').addEventListener('submit', (e) => {
    e.preventDefault();
    addFiles(fileInput.files);
    fileInput.value = '';
  });

  // Drops anywhere on the page upload; the zone lights up while files are dragged over it.
  const zone = $('drop-zone');
  let dragDepth = 0;
  const carriesFiles = (e) => e.dataTransfer && Array.from(e.dataTransfer.types || []).includes('Files');
  document.addEventListener('dragenter', (e) => {
    if (!carriesFiles(e)) return;
    dragDepth++;
    zone.classList.add('dragging');
  });
  document.addEventListener('dragleave', () => {
    dragDepth = Math.max(0, dragDepth - 1);
    if (dragDepth === 0) zone.classList.remove('dragging');
  });
  document.addEventListener('dragover', (e) => {
    if (!carriesFiles(e)) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = 'copy';
  });
  document.addEventListener('drop', (e) => {
    if (!carriesFiles(e)) return;
    e.preventDefault();
    dragDepth = 0;
    zone.classList.remove('dragging');
    addFiles(e.dataTransfer.files);
  });
  // Pasted images (a screenshot on the clipboard) upload too.
  document.addEventListener('paste', (e) => {
    const files = e.clipboardData ? Array.from(e.clipboardData.files || []) : [];
    if (files.length > 0 && !(e.target instanceof HTMLInputElement)) {
      e.preventDefault();
      addFiles(files);
    }
  });

  // ---------- the variant builder ----------

  const builder = { image: null, timer: 0 };
  const fields = { w: $('v-w'), h: $('v-h'), fit: $('v-fit'), format: $('v-format'), q: $('v-q') };
  fields.w.max = settings.maxDimension;
  fields.h.max = settings.maxDimension;
  const FIT_HELP = {
    contain: 'contain: fit inside w × h, keeping the aspect ratio.',
    cover: 'cover: fill w × h exactly, cropping the centre.',
    stretch: 'stretch: exactly w × h, distorting if need be.',
    inside: 'inside: as contain, but never larger than the original.',
  };

  function openBuilder(image, focus) {
    builder.image = image;
    $('builder-empty').hidden = true;
    $('variant-form').hidden = false;
    $('variant-name').textContent = image.name;
    $('variant-original').textContent = image.width + ' × ' + image.height + ' px, ' + bytes(image.size);
    if (!fields.w.value && !fields.h.value) fields.w.value = Math.min(image.width, 400);
    for (const button of document.querySelectorAll('#gallery button.pick')) {
      button.setAttribute('aria-pressed', String(button.dataset.key === key(image)));
    }
    updateVariant(true);
    if (focus) {
      $('builder').scrollIntoView({ behavior: 'smooth', block: 'start' });
      fields.w.focus({ preventScroll: true });
    }
  }

  /** The query for the current fields, or an error in plain words. */
  function variantQuery() {
    const params = new URLSearchParams();
    for (const side of ['w', 'h']) {
      const raw = fields[side].value.trim();
      if (raw === '') continue;
      const n = Number(raw);
      if (!Number.isInteger(n) || n < 1 || n > settings.maxDimension) {
        return { error: (side === 'w' ? 'Width' : 'Height') + ' must be a whole number from 1 to ' + settings.maxDimension + '.' };
      }
      params.set(side, String(n));
    }
    const resized = params.has('w') || params.has('h');
    if (resized || fields.fit.value !== 'contain') params.set('fit', fields.fit.value);
    if (fields.format.value) params.set('format', fields.format.value);
    const q = fields.q.value.trim();
    if (q !== '') {
      const n = Number(q);
      if (!Number.isInteger(n) || n < 1 || n > 100) return { error: 'Quality must be a whole number from 1 to 100.' };
      params.set('q', String(n));
    }
    if (!resized && !params.has('format') && !params.has('q')) params.delete('fit');
    return { params };
  }

  function legacyUrl(image, params) {
    const md5 = 'md5=' + image.md5;
    const only = (names) => Array.from(params.keys()).every((k) => names.includes(k));
    if (Array.from(params.keys()).length === 0) {
      return { url: 'simple_down?' + md5, note: 'sis 2.0’s download route for the original.' };
    }
    const w = Number(params.get('w'));
    const h = Number(params.get('h'));
    if (params.get('fit') === 'stretch' && w >= 5 && h >= 5 && only(['w', 'h', 'fit'])) {
      return { url: 'stretch_simple_down?' + md5 + '&w=' + w + '&h=' + h,
        note: 'sis 2.0’s route stretches to exactly w × h; a JPEG comes back at quality 100.' };
    }
    return { url: '', note: 'sis 2.0’s routes only stretch to an exact size: choose fit “stretch”, a width and a height '
      + 'of 5 or more, the original format and no quality for a sis 2.0 link.' };
  }

  function updateVariant(now) {
    clearTimeout(builder.timer);
    builder.timer = setTimeout(renderVariant, now ? 0 : 300);
    $('fit-help').textContent = FIT_HELP[fields.fit.value] + ' Quality changes JPEG output only.';
  }

  function renderVariant() {
    const image = builder.image;
    if (!image) return;
    const { params, error } = variantQuery();
    $('variant-error').textContent = error || '';
    if (error) return;
    const query = params.toString();
    const url = 'v1/images/' + image.md5 + (query ? '?' + query : '');
    $('url-v1').value = absolute(url);
    const legacy = legacyUrl(image, params);
    $('url-legacy').value = legacy.url ? absolute(legacy.url) : '';
    $('url-legacy').placeholder = legacy.url ? '' : 'no sis 2.0 link for these settings';
    document.querySelector('[data-copy-from="url-legacy"]').disabled = !legacy.url;
    $('legacy-note').textContent = legacy.note;
    const preview = $('variant-preview');
    if (preview.getAttribute('src') !== url) {
      $('variant-size').textContent = 'Loading…';
      preview.src = url;
    }
  }

  $('variant-preview').addEventListener('load', (e) => {
    const img = e.currentTarget;
    $('variant-size').textContent = 'Preview: ' + img.naturalWidth + ' × ' + img.naturalHeight + ' px';
  });
  $('variant-preview').addEventListener('error', async (e) => {
    const src = e.currentTarget.getAttribute('src');
    $('variant-size').textContent = '';
    let message = 'The server could not make this copy.';
    try {
      const answer = await (await fetch(src)).json();
      if (answer && answer.error) message += ' (' + answer.error + ')';
    } catch (ignored) {
      // The reason stays unknown; the plain message is enough.
    }
    if ($('variant-preview').getAttribute('src') === src) $('variant-error').textContent = message;
  });
  for (const field of Object.values(fields)) {
    field.addEventListener('input', () => updateVariant(false));
    field.addEventListener('change', () => updateVariant(true));
  }
  $('variant-form').addEventListener('submit', (e) => { e.preventDefault(); updateVariant(true); });
  for (const button of document.querySelectorAll('[data-copy-from]')) {
    button.addEventListener('click', () => {
      const value = $(button.dataset.copyFrom).value;
      if (value) copy(value, button);
    });
  }

  // ---------- recent uploads ----------

  const key = (image) => image.md5 + '/' + image.name;

  function remember(image) {
    const recent = load(localStorage, RECENT_KEY, []).filter((r) => key(r) !== key(image));
    recent.unshift({ name: image.name, md5: image.md5, size: image.size, contentType: image.contentType,
      width: image.width, height: image.height, at: Date.now() });
    save(localStorage, RECENT_KEY, recent.slice(0, RECENT_MAX));
    renderGallery();
  }

  function renderGallery() {
    const recent = load(localStorage, RECENT_KEY, []).filter((r) => r && /^[0-9a-f]{32}$/.test(r.md5) && r.name);
    const gallery = $('gallery');
    gallery.replaceChildren(...recent.map((image) => {
      const label = image.name + (isImage(image) ? ', ' + image.width + ' × ' + image.height + ' px' : '');
      const content = [el('span', { class: 'thumb' }, thumbnail(image, true)), el('span', { class: 'caption', text: image.name })];
      const control = isImage(image)
        ? el('button', { type: 'button', class: 'pick', 'data-key': key(image), 'aria-label': 'Resize ' + label,
          'aria-pressed': String(builder.image !== null && key(builder.image) === key(image)),
          onclick: () => openBuilder(image, true) }, ...content)
        : el('a', { href: originalUrl(image), class: 'pseudo-card', 'aria-label': label }, ...content);
      return el('li', {}, control);
    }));
    $('recent-empty').hidden = recent.length > 0;
    $('clear-recent').hidden = recent.length === 0;
  }

  $('clear-recent').addEventListener('click', () => {
    save(localStorage, RECENT_KEY, null);
    renderGallery();
    announce('The list of recent uploads is cleared.');
    $('recent-title').focus();
  });
  $('recent-title').tabIndex = -1;
  window.addEventListener('storage', (e) => { if (e.key === RECENT_KEY || e.key === null) renderGallery(); });

  renderGallery();
})();
