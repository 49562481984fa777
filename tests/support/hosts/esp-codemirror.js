// An ESP HTML editor on CodeMirror 6 (window.CM is the real library, bundled by the test): the saved DOM is
// replaced by a live editor, and Send posts the editor's state.
(function () {
  const saved = document.querySelector('.cm-editor');
  const form = saved.closest('form');
  const doc = '<p>Hi</p>\n<p><a href="https://example.com/cm">Read the CodeMirror post</a></p>\n';
  const view = new CM.EditorView({ state: CM.EditorState.create({ doc }), parent: form });
  form.insertBefore(view.dom, saved);
  saved.remove();
  window.__cm = view;
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    fetch(`${location.pathname}/__sent`, {
      method: 'POST',
      body: JSON.stringify({ host: 'esp', to: [form.to.value], subject: form.subject.value, html: view.state.doc.toString() }),
    });
  });
})();
