// sis 2.0's page: post the chosen files to `up`, show the answer and a simple_down link per file.
'use strict';
document.addEventListener('DOMContentLoaded', () => {
  const form = document.getElementById('upload');
  const answer = document.getElementById('answer');
  const results = document.getElementById('results');
  const error = document.getElementById('error');
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    error.textContent = '';
    const body = new FormData();
    for (const file of document.getElementById('files').files) body.append('file', file, file.name);
    let response;
    try {
      response = await fetch('up', { method: 'POST', body });
    } catch (e) {
      error.textContent = 'The upload failed: the server could not be reached.';
      return;
    }
    const text = await response.text();
    answer.textContent = text;
    if (!response.ok) {
      error.textContent = 'The upload was refused (' + response.status + '): ' + text;
      return;
    }
    for (const entry of JSON.parse(text)) {
      const href = 'simple_down?md5=' + encodeURIComponent(entry.MD5);
      const item = document.createElement('li');
      const img = document.createElement('img');
      img.src = href;
      img.alt = entry.Name;
      const link = document.createElement('a');
      link.href = href;
      link.textContent = entry.Name;
      const md5 = document.createElement('code');
      md5.textContent = entry.MD5;
      const label = document.createElement('div');
      label.append(link, document.createElement('br'), md5);
      item.append(img, label);
      results.prepend(item);
    }
  });
});
