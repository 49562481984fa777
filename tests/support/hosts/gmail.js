// Gmail's behaviour around the saved compose DOM: delegated handlers on the document (as Gmail's jsaction
// does), send on click of the primary button or Ctrl/Cmd+Enter, then the composer closes.
(function () {
  function composerOf(el) {
    let node = el;
    while (node && !(node.querySelector?.('tr.btC') && node.querySelector('[g_editable="true"]'))) node = node.parentElement;
    return node;
  }
  function recipients(root) {
    const chips = [...root.querySelectorAll('[data-hovercard-id*="@"], span[email]')].map((c) => c.getAttribute('data-hovercard-id') || c.getAttribute('email'));
    const typed = [...root.querySelectorAll('input[name="to"]:not([type=hidden]), textarea[name="to"]')].map((i) => i.value).filter(Boolean);
    return chips.concat(typed);
  }
  function send(root) {
    const body = root.querySelector('[g_editable="true"]');
    const message = { host: 'gmail', to: recipients(root), subject: root.querySelector('input[name="subjectbox"]')?.value || '', html: body.innerHTML, at: performance.now() };
    fetch(`${location.pathname}/__sent`, { method: 'POST', body: JSON.stringify(message) });
    (root.closest('[role="dialog"]') || root).remove();
  }
  document.addEventListener('click', (event) => {
    const button = event.target.closest?.('tr.btC td.Up [role="button"].aoO');
    if (button) send(composerOf(button));
    const compose = event.target.closest?.('[gh="cm"]');
    if (compose) window.__openCompose();
  });
  // Gmail's keyboard shortcuts: "c" opens a new message unless the key goes to something editable.
  document.addEventListener('keydown', (event) => {
    const t = event.target;
    const editable = t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName);
    if (event.key === 'c' && !editable && !event.ctrlKey && !event.metaKey) window.__openCompose();
  });
  document.addEventListener('keydown', (event) => {
    const onSend = event.target.closest?.('tr.btC td.Up [role="button"].aoO');
    if (onSend && (event.key === 'Enter' || event.key === ' ') && !event.ctrlKey && !event.metaKey) return send(composerOf(onSend));
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      const root = composerOf(event.target);
      if (root) send(root);
    }
  });
  // "Compose" opens one more New Message dialog, as Gmail stacks them.
  const template = document.querySelector('[role="dialog"]');
  const blank = template?.cloneNode(true);
  window.__openCompose = function (to) {
    const dialog = blank.cloneNode(true);
    for (const chip of dialog.querySelectorAll('[data-hovercard-id]')) chip.remove();
    dialog.querySelector('input[name="to"]').setAttribute('value', to || '');
    dialog.querySelector('input[name="to"]').value = to || '';
    dialog.querySelector('input[name="subjectbox"]').setAttribute('value', '');
    dialog.querySelector('input[name="subjectbox"]').value = '';
    dialog.querySelector('[g_editable="true"]').innerHTML = '<div><br></div>';
    document.body.appendChild(dialog);
    return dialog;
  };
})();
