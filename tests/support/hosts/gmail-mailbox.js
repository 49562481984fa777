// Gmail's behaviour around the saved Sent folder: the view is the URL's hash (`#sent` the list, `#sent/<id>` a
// conversation), the list stays in the DOM hidden while a conversation shows, a click on a row opens it.
(function () {
  const list = document.querySelector('[data-view="list"]');
  const thread = document.querySelector('[data-view="thread"]');
  function route() {
    const open = /^#sent\/(\w+)$/.exec(location.hash);
    const template = open && document.querySelector('template[data-legacy-thread-id="' + open[1] + '"]');
    if (template) {
      thread.replaceChildren(template.content.cloneNode(true));
      thread.hidden = false;
      list.hidden = true;
    } else {
      thread.replaceChildren();
      thread.hidden = true;
      list.hidden = false;
    }
  }
  addEventListener('hashchange', route);
  route();
  document.addEventListener('click', (event) => {
    const row = event.target.closest && event.target.closest('tr.zA');
    if (row) location.hash = '#sent/' + row.querySelector('[data-legacy-thread-id]').getAttribute('data-legacy-thread-id');
  });
  // Gmail's own layout of these parts: a fixed table, rows of one height, cells that clip.
  const style = document.createElement('style');
  style.textContent =
    'body{margin:0;font:14px Arial,sans-serif} table.F{table-layout:fixed;width:100%;border-collapse:collapse}' +
    'col.Ci{width:12px} col.y5{width:28px} col.WA{width:28px} col.yY{width:180px} col.xX{width:110px}' +
    'tr.zA{height:40px;cursor:pointer;border-bottom:1px solid #eee} td.xY{white-space:nowrap;overflow:hidden;text-overflow:ellipsis;padding:0 8px}' +
    'td.xW{text-align:right;font-size:12px} .y2{color:#5f6368} h2.hP{font-size:22px;font-weight:400;margin:16px}' +
    'table.gJ{width:100%} td.gH{text-align:right;white-space:nowrap;font-size:12px;color:#5f6368} .a3s{padding:8px 16px}';
  document.head.appendChild(style);
})();
