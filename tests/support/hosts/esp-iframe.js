// A TinyMCE-style ESP: the editor is an about:blank iframe written at start; input in it is copied to the
// hidden textarea (the form field the ESP saves), and Send posts that textarea.
(function () {
  const frame = document.querySelector('iframe');
  const textarea = document.querySelector('#content');
  const doc = frame.contentDocument;
  doc.open();
  doc.write('<!doctype html><html><head></head><body id="tinymce" class="mce-content-body" contenteditable="true"><p>Issue twelve: <a href="https://news.example.com/12">read it</a></p></body></html>');
  doc.close();
  textarea.value = doc.body.innerHTML;
  doc.body.addEventListener('input', () => (textarea.value = doc.body.innerHTML));
  document.querySelector('form').addEventListener('submit', (event) => {
    event.preventDefault();
    const form = event.target;
    fetch(location.pathname + '/__sent', { method: 'POST', body: JSON.stringify({ host: 'esp', to: [form.to.value], subject: form.subject.value, html: textarea.value }) });
  });
})();
