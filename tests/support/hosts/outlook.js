// Outlook on the web's behaviour: the Send button (or Ctrl+Enter) sends the compose form and closes it; the arrow
// beside it offers Send later (Schedule send), whose dialogs come from the page's templates (fixtures/schedule-*.html).
(function () {
  function composerOf(el) {
    let node = el;
    while (node && !(node.querySelector && node.querySelector('button.ms-Button--primary') && node.querySelector('[id^="editorParent"]')))
      node = node.parentElement;
    return node;
  }
  function send(root, scheduledFor) {
    const body = root.querySelector('[id^="editorParent"] [contenteditable="true"]');
    const to = [...root.querySelectorAll('[data-lpc-hover-target-id]')].map((p) => p.getAttribute('data-lpc-hover-target-id'));
    const subject = (root.querySelector('input[maxlength="255"]') || {}).value || '';
    const message = { host: 'outlook', to, subject, html: body.innerHTML };
    if (scheduledFor) message.scheduledFor = scheduledFor.getTime();
    fetch(location.pathname + '/__sent', { method: 'POST', body: JSON.stringify(message) });
    root.remove();
  }
  // Times shown in the page's language, as Outlook does: a weekday and a time; the picker's date in numbers.
  const { open: popup, closeAll: closePopups, at, shown } = window.__popups;
  let owner = null;
  let times = [];
  let picked = null;
  // A scheduled message waits in Drafts; opened, it fills the reading pane.
  window.__openScheduled = function (html) {
    const old = document.getElementById('ReadingPaneContainerId');
    const view = popup('scheduled');
    if (old) old.replaceWith(view);
    view.querySelector('.allowTextSelection').innerHTML = html;
    return view;
  };
  document.addEventListener('click', (event) => {
    const t = event.target;
    if (t.closest('.ms-MessageBar .ms-Link')) {
      t.closest('.ms-MessageBar').remove();
      return;
    }
    const arrow = t.closest('button.ms-Button--primary[aria-haspopup="true"]');
    if (arrow) {
      owner = composerOf(arrow);
      return void popup('menu');
    }
    if (t.closest('.ms-ContextualMenu [role="menuitem"]')) {
      closePopups();
      const dialog = popup('schedule');
      times = [at(1, 8), at(1, 13)];
      for (const [i, el] of [...dialog.querySelectorAll('.sendTime')].entries())
        el.textContent = shown(times[i], { weekday: 'short', hour: 'numeric', minute: '2-digit' });
      return;
    }
    const item = t.closest('[role="dialog"] [role="menuitem"]');
    if (item) {
      const index = [...item.parentElement.querySelectorAll('[role="menuitem"]')].indexOf(item);
      closePopups();
      if (times[index]) return send(owner, times[index]);
      const custom = popup('custom');
      picked = at(2, 18, 30);
      custom.querySelector('.ms-DatePicker input').value = shown(picked, { weekday: 'short', day: '2-digit', month: '2-digit', year: 'numeric' });
      custom.querySelector('.ms-ComboBox input').value = shown(picked, { hour: 'numeric', minute: '2-digit' });
      return;
    }
    const action = t.closest('[role="dialog"] .ms-Dialog-action button');
    if (action) {
      closePopups();
      if (action.classList.contains('ms-Button--primary')) send(owner, picked);
      return;
    }
    const button = t.closest('button.ms-Button--primary');
    if (button) send(composerOf(button));
  });
  document.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      const root = composerOf(event.target);
      if (root) send(root);
    }
  });
})();
