// Outlook on the web's behaviour around the saved Sent Items folder: a click on a row selects it, shows its
// conversation in the reading pane and puts the item in the URL (history.pushState, as OWA does).
(function () {
  const pane = document.getElementById('ReadingPaneContainerId');
  document.addEventListener('click', (event) => {
    const row = event.target.closest && event.target.closest('[role="option"][data-convid]');
    if (!row) return;
    for (const other of document.querySelectorAll('[role="option"][aria-selected="true"]')) other.setAttribute('aria-selected', 'false');
    row.setAttribute('aria-selected', 'true');
    const id = row.getAttribute('data-convid');
    pane.replaceChildren(document.querySelector('template[data-convid="' + id + '"]').content.cloneNode(true));
    history.pushState(null, '', location.pathname.replace(/\/id\/.*$/, '') + '/id/' + encodeURIComponent(id));
  });
  // OWA's layout of these parts: the list beside the pane, rows of one height, texts that clip.
  const style = document.createElement('style');
  style.textContent =
    'body{margin:0;font:14px "Segoe UI",sans-serif} .ZJb1A{display:flex} [role="listbox"]{width:360px;flex:none}' +
    '[role="option"]{display:block;height:64px;padding:6px 12px;box-sizing:border-box;border-bottom:1px solid #eee;cursor:pointer;overflow:hidden}' +
    '[role="option"][aria-selected="true"]{background:#cfe4fa} .IjzWp{display:flex;justify-content:space-between;gap:8px;white-space:nowrap}' +
    '.TtcXM{overflow:hidden;text-overflow:ellipsis} ._rWRU{flex:none;font-size:12px} .y1E5h{color:#616161;white-space:nowrap;overflow:hidden}' +
    '#ReadingPaneContainerId{flex:1;padding:12px} .JdFsz{font-size:20px} .AL_OM{font-size:12px;color:#616161} .XbIp4{padding:12px 0}';
  document.head.appendChild(style);
})();
