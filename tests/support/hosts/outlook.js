// Outlook on the web's behaviour: the Send button (or Ctrl+Enter) sends the compose form and closes it.
(function () {
  function composerOf(el) {
    let node = el;
    while (node && !(node.querySelector?.('button.ms-Button--primary') && node.querySelector('[id^="editorParent"]'))) node = node.parentElement;
    return node;
  }
  function send(root) {
    const body = root.querySelector('[id^="editorParent"] [contenteditable="true"]');
    const to = [...root.querySelectorAll('[data-lpc-hover-target-id]')].map((p) => p.getAttribute('data-lpc-hover-target-id'));
    const subject = root.querySelector('input[maxlength="255"]')?.value || '';
    fetch(`${location.pathname}/__sent`, { method: 'POST', body: JSON.stringify({ host: 'outlook', to, subject, html: body.innerHTML }) });
    root.remove();
  }
  document.addEventListener('click', (event) => {
    const button = event.target.closest?.('button.ms-Button--primary');
    if (button) send(composerOf(button));
  });
  document.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      const root = composerOf(event.target);
      if (root) send(root);
    }
  });
})();
