// Gmail's behaviour around the saved compose DOM: delegated handlers on the document (as Gmail's jsaction
// does), send on click of the primary button or Ctrl/Cmd+Enter, then the composer closes.
(function () {
  function composerOf(el) {
    let node = el;
    while (node && !(node.querySelector && node.querySelector('tr.btC') && node.querySelector('[g_editable="true"]'))) node = node.parentElement;
    return node;
  }
  function recipients(root) {
    const chips = [...root.querySelectorAll('[data-hovercard-id*="@"], span[email]')].map(
      (c) => c.getAttribute('data-hovercard-id') || c.getAttribute('email'),
    );
    const typed = [...root.querySelectorAll('input[name="to"]:not([type=hidden]), textarea[name="to"]')].map((i) => i.value).filter(Boolean);
    return chips.concat(typed);
  }
  function send(root, scheduledFor) {
    const body = root.querySelector('[g_editable="true"]');
    const message = {
      host: 'gmail',
      to: recipients(root),
      subject: (root.querySelector('input[name="subjectbox"]') || {}).value || '',
      html: body.innerHTML,
      at: performance.now(),
    };
    if (scheduledFor) message.scheduledFor = scheduledFor.getTime();
    fetch(location.pathname + '/__sent', { method: 'POST', body: JSON.stringify(message) });
    (root.closest('[role="dialog"]') || root).remove();
    if (scheduledFor) {
      lastScheduled = message;
      popup('toast');
    }
  }
  // Schedule send: the arrow's menu, the dialog of ready-made times and the picker, added to the page from its
  // templates (fixtures/schedule-*.html) when opened; times shown in the page's language, as Gmail does.
  const { open: popup, closeAll: closePopups, at, shown } = window.__popups;
  // Gmail's stylesheet gives the arrow its size (it holds only an icon): a pointer can reach it.
  const style = document.createElement('style');
  style.textContent = '.hG { display: inline-block; min-width: 20px; min-height: 24px; }';
  document.head.appendChild(style);
  let owner = null;
  let lastScheduled = null;
  let times = [];
  let picked = null;
  window.__openScheduled = function (html) {
    const view = popup('scheduled');
    view.querySelector('.a3s').innerHTML = html;
    return view;
  };
  document.addEventListener('click', (event) => {
    const t = event.target.closest ? event.target : event.target.parentElement;
    if (t.closest('#link_undo') || t.closest('[role="alert"] [role="button"]')) {
      closePopups();
      // Undo takes the message back into a composer, as it was sent.
      if (t.closest('#link_undo') && lastScheduled) {
        const dialog = window.__openCompose(lastScheduled.to[0]);
        dialog.querySelector('input[name="subjectbox"]').value = lastScheduled.subject;
        dialog.querySelector('[g_editable="true"]').innerHTML = lastScheduled.html;
      }
      return;
    }
    const arrow = t.closest('tr.btC td.Up [role="button"][aria-haspopup="true"]');
    if (arrow) {
      owner = composerOf(arrow);
      return void popup('menu');
    }
    if (t.closest('[selector="scheduledSend"]')) {
      closePopups();
      const dialog = popup('schedule');
      times = [at(1, 8), at(1, 13), at((8 - new Date().getDay()) % 7 || 7, 8)];
      for (const [i, el] of [...dialog.querySelectorAll('.Az .Ay')].entries())
        el.textContent = shown(times[i], { month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' });
      return;
    }
    const preset = t.closest('.Az[role="menuitem"]');
    if (preset) {
      const time = times[[...preset.parentElement.querySelectorAll('.Az')].indexOf(preset)];
      closePopups();
      return send(owner, time);
    }
    if (t.closest('.AM[role="menuitem"]')) {
      closePopups();
      const picker = popup('picker');
      picked = at(2, 18, 30);
      const [date, time] = picker.querySelectorAll('input[jsname="YPqjbf"]');
      date.value = shown(picked, { month: 'short', day: 'numeric', year: 'numeric' });
      time.value = shown(picked, { hour: 'numeric', minute: '2-digit' });
      return;
    }
    const action = t.closest('[data-mdc-dialog-action]');
    if (action) {
      closePopups();
      if (action.getAttribute('data-mdc-dialog-action') === 'ok') send(owner, picked);
      return;
    }
    const button = t.closest('tr.btC td.Up [role="button"].aoO');
    if (button) send(composerOf(button));
    const compose = event.target.closest && event.target.closest('[gh="cm"]');
    if (compose) window.__openCompose();
  });
  // Gmail's keyboard shortcuts: "c" opens a new message unless the key goes to something editable.
  document.addEventListener('keydown', (event) => {
    const t = event.target;
    const editable = t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName);
    if (event.key === 'c' && !editable && !event.ctrlKey && !event.metaKey) window.__openCompose();
  });
  document.addEventListener('keydown', (event) => {
    const onSend = event.target.closest && event.target.closest('tr.btC td.Up [role="button"].aoO');
    if (onSend && (event.key === 'Enter' || event.key === ' ') && !event.ctrlKey && !event.metaKey) return send(composerOf(onSend));
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      const root = composerOf(event.target);
      if (root) send(root);
    }
  });
  // "Compose" opens one more New Message dialog, as Gmail stacks them.
  const template = document.querySelector('[role="dialog"]');
  const blank = template && template.cloneNode(true);
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
