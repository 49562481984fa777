// A block-editor ESP: its model is updated from input events, and Send saves the model (not the DOM).
(function () {
  const editor = document.querySelector('[contenteditable="true"]');
  let model = editor.innerHTML;
  editor.addEventListener('input', () => (model = editor.innerHTML));
  window.__model = () => model;
  document.querySelector('form').addEventListener('submit', (event) => {
    event.preventDefault();
    const form = event.target;
    fetch(`${location.pathname}/__sent`, {
      method: 'POST',
      body: JSON.stringify({ host: 'esp', to: [form.test_to.value], subject: form.subject.value, html: model }),
    });
  });
})();
