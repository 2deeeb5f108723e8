// The sis upload page: plain modules, no build step, served from the jar (see UploadPage).
//
// The server tells the page, in data- attributes of <body>, whether uploads need a token, the
// upload size limit and the largest w/h. A 401 puts the focus in the token field. Every URL is
// relative, so the page also works behind a path prefix.
import { $, bytes, load, save } from './dom.js';
import { FORMATS } from './images.js';
import { createBuilder } from './builder.js';
import { createRecent } from './recent.js';
import { createUploads } from './uploads.js';

const TOKEN_KEY = 'sis.uploadToken';
const data = document.body.dataset;
const settings = {
  tokenRequired: data.uploadToken === 'required',
  maxUploadBytes: Number(data.maxUploadBytes) || Infinity,
  maxDimension: Number(data.maxDimension) || 10000,
};

document.documentElement.classList.add('js');
$('drop-hint').textContent = FORMATS + ', up to ' + bytes(settings.maxUploadBytes) + ' each';

// The upload token: kept for this tab only, sent as a Bearer token. The server sends the field
// only where uploads need it.
const tokenInput = $('token');
if (tokenInput) {
  tokenInput.value = load(sessionStorage, TOKEN_KEY, '');
  tokenInput.addEventListener('input', () => save(sessionStorage, TOKEN_KEY, tokenInput.value.trim() || null));
}

const builder = createBuilder({ maxDimension: settings.maxDimension, onOpen: (image) => recent.markSelected(image) });
const recent = createRecent({ onPick: (image) => builder.open(image, true), selected: builder.current });
const uploads = createUploads({
  settings,
  token: () => (tokenInput ? tokenInput.value.trim() : ''),
  onStored: (image) => {
    recent.remember(image);
    if (builder.current() === null && Number.isInteger(image.width)) builder.open(image, false);
  },
  onResize: (image) => builder.open(image, true),
  onUnauthorized: () => {
    if (tokenInput && !tokenInput.value) tokenInput.focus();
  },
});

// The picker (and the plain form's submit, should it happen) upload at once.
const fileInput = $('files');
const takeChosen = () => {
  uploads.add(fileInput.files);
  fileInput.value = '';
};
fileInput.addEventListener('change', takeChosen);
$('upload-form').addEventListener('submit', (e) => { e.preventDefault(); takeChosen(); });
$('cancel-all').addEventListener('click', () => uploads.cancelAll());

// Files dropped anywhere on the page upload; the zone lights up while they are dragged over it.
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
  uploads.add(e.dataTransfer.files);
});

// Pasted files (a screenshot on the clipboard) upload too, unless they are pasted into a field.
document.addEventListener('paste', (e) => {
  const files = e.clipboardData ? Array.from(e.clipboardData.files || []) : [];
  if (files.length > 0 && !(e.target instanceof HTMLInputElement)) {
    e.preventDefault();
    uploads.add(files);
  }
});
